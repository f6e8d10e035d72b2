import { TerraformRule } from '../../rule';
import { isAwsManagedKey } from '../terraform-values';

export const secretEncryption: TerraformRule = {
  id: 'PAVED-AWS-SM-001',
  pack: 'aws',
  level: 'error',
  target: 'terraform',
  resourceTypes: ['aws_secretsmanager_secret'],
  title: 'Secrets are encrypted with a customer-managed KMS key.',
  rationale: 'The key policy then decides who can read the secret, not only IAM.',
  fix: 'Use the Secret construct, or set kms_key_id.',
  check: (secret) => {
    const key = secret.config.kms_key_id;
    if (!key) {
      return 'no kms_key_id (the AWS-managed key is used)';
    }
    return isAwsManagedKey(key) ? `encrypted with the AWS-managed key ${key}` : undefined;
  },
};
