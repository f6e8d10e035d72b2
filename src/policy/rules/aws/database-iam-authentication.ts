import { TerraformRule } from '../../rule';

export const databaseIamAuthentication: TerraformRule = {
  id: 'PAVED-AWS-RDS-007',
  pack: 'aws',
  level: 'error',
  target: 'terraform',
  resourceTypes: ['aws_db_instance'],
  title: 'Databases accept IAM authentication.',
  rationale: 'Workloads connect with short-lived tokens of their own role instead of shared passwords.',
  fix: 'Use the PostgresDatabase construct, or set iam_database_authentication_enabled = true.',
  check: (db) => (db.config.iam_database_authentication_enabled === true ? undefined : 'iam_database_authentication_enabled is not true'),
};
