import { TerraformRule } from '../../rule';
import { isAwsManagedKey } from '../terraform-values';

export const databaseEncryption: TerraformRule = {
  id: 'PAVED-AWS-RDS-001',
  pack: 'aws',
  level: 'error',
  target: 'terraform',
  resourceTypes: ['aws_db_instance'],
  title: 'Database storage is encrypted with a customer-managed KMS key.',
  rationale: 'Storage, snapshots and replicas inherit the key; it cannot be added to an existing instance later.',
  fix: 'Use the PostgresDatabase construct, or set storage_encrypted = true and kms_key_id.',
  check: (db) => (db.config.storage_encrypted === true && db.config.kms_key_id && !isAwsManagedKey(db.config.kms_key_id)
    ? undefined
    : `storage_encrypted = ${JSON.stringify(db.config.storage_encrypted)}, kms_key_id = ${JSON.stringify(db.config.kms_key_id ?? null)}`),
};
