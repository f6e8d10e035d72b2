import { TerraformRule } from '../../rule';

export const kmsKeyRotation: TerraformRule = {
  id: 'PAVED-AWS-KMS-001',
  pack: 'aws',
  level: 'error',
  target: 'terraform',
  resourceTypes: ['aws_kms_key'],
  title: 'KMS keys rotate their key material every year.',
  rationale: 'Rotation limits how much data one key version protects and is required by most compliance frameworks.',
  fix: 'Use the KmsKey construct (rotation is on), or set enable_key_rotation = true.',
  check: (key) => (key.config.enable_key_rotation === true ? undefined : `key rotation is off (enable_key_rotation = ${JSON.stringify(key.config.enable_key_rotation)})`),
};
