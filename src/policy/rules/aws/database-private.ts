import { TerraformRule } from '../../rule';

export const databasePrivate: TerraformRule = {
  id: 'PAVED-AWS-RDS-002',
  pack: 'aws',
  level: 'error',
  target: 'terraform',
  resourceTypes: ['aws_db_instance'],
  title: 'Databases are not publicly accessible.',
  rationale: 'A public endpoint exposes the database to password guessing and exploits from the internet.',
  fix: 'Use the PostgresDatabase construct, or set publicly_accessible = false and private subnets.',
  check: (db) => (db.config.publicly_accessible === true ? 'publicly_accessible = true' : undefined),
};
