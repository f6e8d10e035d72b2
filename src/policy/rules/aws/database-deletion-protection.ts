import { TerraformRule } from '../../rule';

export const databaseDeletionProtection: TerraformRule = {
  id: 'PAVED-AWS-RDS-005',
  pack: 'aws',
  level: 'error',
  target: 'terraform',
  resourceTypes: ['aws_db_instance'],
  title: 'Production databases have deletion protection and take a final snapshot.',
  rationale: 'A mistaken destroy or rename must not lose production data.',
  fix: 'Use the PostgresDatabase construct, or set deletion_protection = true and skip_final_snapshot = false in production.',
  check: (db) => {
    if (!db.stack.environment.isProduction) {
      return undefined;
    }
    const problems: string[] = [];
    if (db.config.deletion_protection !== true) {
      problems.push(`deletion_protection is ${JSON.stringify(db.config.deletion_protection ?? false)} in production`);
    }
    // Terraform takes a final snapshot unless told to skip it.
    const skipFinalSnapshot = db.config.skip_final_snapshot ?? false;
    if (skipFinalSnapshot !== false) {
      problems.push(`skip_final_snapshot is ${JSON.stringify(skipFinalSnapshot)} in production (must be false)`);
    }
    return problems;
  },
};
