import { TerraformRule } from '../../rule';
import { blocks } from '../terraform-values';

export const databaseForceSsl: TerraformRule = {
  id: 'PAVED-AWS-RDS-009',
  pack: 'aws',
  level: 'error',
  target: 'terraform',
  resourceTypes: ['aws_db_instance'],
  title: 'PostgreSQL databases refuse connections without TLS (rds.force_ssl = 1).',
  rationale: 'Without it, a misconfigured client sends credentials and data in clear text.',
  fix: 'Use the PostgresDatabase construct, or use a parameter group with rds.force_ssl = 1.',
  check: (db) => {
    if (db.config.engine !== 'postgres') {
      return undefined;
    }
    const group = db.reference('parameter_group_name');
    if (!group) {
      return `parameter_group_name ${JSON.stringify(db.config.parameter_group_name ?? 'not set')} is not a parameter group of this stack`;
    }
    const forceSsl = blocks(group.config.parameter).find((p) => p.name === 'rds.force_ssl');
    return String(forceSsl?.value) === '1' ? undefined : `rds.force_ssl is ${JSON.stringify(forceSsl?.value ?? 'not set')} in ${group.address}`;
  },
};
