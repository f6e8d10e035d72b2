import { TerraformRule } from '../../rule';

export const databaseMultiAz: TerraformRule = {
  id: 'PAVED-AWS-RDS-006',
  pack: 'aws',
  level: 'error',
  target: 'terraform',
  resourceTypes: ['aws_db_instance'],
  title: 'Production databases run in more than one availability zone.',
  rationale: 'A single-AZ database is down for the whole of an AZ outage or maintenance.',
  fix: 'Use the PostgresDatabase construct, or set multi_az = true in production.',
  check: (db) => (db.stack.environment.isProduction && db.config.multi_az !== true ? 'multi_az is not true in production' : undefined),
};
