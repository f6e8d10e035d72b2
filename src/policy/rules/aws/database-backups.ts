import { TerraformRule } from '../../rule';

export const databaseBackups: TerraformRule = {
  id: 'PAVED-AWS-RDS-004',
  pack: 'aws',
  level: 'error',
  target: 'terraform',
  resourceTypes: ['aws_db_instance'],
  title: 'Databases keep automated backups for at least 7 days (14 in production).',
  rationale: 'Point-in-time recovery only reaches as far back as the retention.',
  fix: "Use the PostgresDatabase construct (it follows the environment's backupRetentionDays), or raise backup_retention_period.",
  check: (db) => {
    const minimum = db.stack.environment.isProduction ? 14 : 7;
    const days = Number(db.config.backup_retention_period ?? 0);
    return days >= minimum ? undefined : `backup_retention_period is ${days}, below ${minimum} in ${db.stack.environment.tier}`;
  },
};
