import { TerraformRule } from '../../rule';

export const databaseManagedPassword: TerraformRule = {
  id: 'PAVED-AWS-RDS-008',
  pack: 'aws',
  level: 'error',
  target: 'terraform',
  resourceTypes: ['aws_db_instance'],
  title: 'The master password is managed by RDS in Secrets Manager.',
  rationale: 'A password in configuration ends up in state, plans and logs; a managed one never leaves Secrets Manager and rotates.',
  fix: 'Use the PostgresDatabase construct, or set manage_master_user_password = true and remove password.',
  check: (db) => {
    const problems: string[] = [];
    if (db.config.password !== undefined) {
      problems.push('a password is set in the configuration');
    }
    if (db.config.manage_master_user_password !== true && db.config.replicate_source_db === undefined) {
      problems.push('manage_master_user_password is not true');
    }
    return problems;
  },
};
