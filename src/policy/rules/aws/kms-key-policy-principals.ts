import { TerraformRule } from '../../rule';
import { policyStatements } from '../terraform-values';

export const kmsKeyPolicyPrincipals: TerraformRule = {
  id: 'PAVED-AWS-KMS-002',
  pack: 'aws',
  level: 'error',
  target: 'terraform',
  resourceTypes: ['aws_kms_key', 'aws_kms_key_policy'],
  title: 'KMS key policies allow no wildcard principal.',
  rationale: 'A key policy statement for "*" lets any AWS account use or manage the key unless every condition is right.',
  fix: 'Name the account root, roles or services that use the key; grant workloads through key.grantEncryptDecrypt().',
  check: (key) => policyStatements(key, 'policy')
    .filter((s) => s.effect === 'Allow' && s.principals.includes('*'))
    .map((s) => `statement ${s.sid ?? '(no Sid)'} allows principal "*"`),
};
