import { TerraformRule } from '../../rule';
import { blocks, isAwsManagedKey } from '../terraform-values';

export const repositoryEncryption: TerraformRule = {
  id: 'PAVED-AWS-ECR-002',
  pack: 'aws',
  level: 'error',
  target: 'terraform',
  resourceTypes: ['aws_ecr_repository'],
  title: 'Container repositories are encrypted with a customer-managed KMS key.',
  rationale: 'Images can hold code and configuration worth protecting under a key policy.',
  fix: 'Use the ContainerRepository construct, or set encryption_configuration { encryption_type = "KMS", kms_key = <key arn> }.',
  check: (repository) => {
    const encryption = blocks(repository.config.encryption_configuration)[0];
    return encryption?.encryption_type === 'KMS' && encryption.kms_key && !isAwsManagedKey(encryption.kms_key)
      ? undefined
      : `encryption is ${JSON.stringify(encryption?.encryption_type ?? 'AES256')} without a customer key`;
  },
};
