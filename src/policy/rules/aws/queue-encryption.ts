import { TerraformRule } from '../../rule';
import { isAwsManagedKey } from '../terraform-values';

export const queueEncryption: TerraformRule = {
  id: 'PAVED-AWS-SQS-001',
  pack: 'aws',
  level: 'error',
  target: 'terraform',
  resourceTypes: ['aws_sqs_queue'],
  title: 'Queues are encrypted with a customer-managed KMS key.',
  rationale: 'The AWS-managed alias/aws/sqs key cannot be scoped by key policy or shared deliberately; SQS-managed SSE has no key policy at all.',
  fix: 'Use the Queue construct, or set kms_master_key_id to a customer key.',
  check: (queue) => {
    const key = queue.config.kms_master_key_id;
    if (!key) {
      return 'no kms_master_key_id';
    }
    return isAwsManagedKey(key) ? `encrypted with the AWS-managed key ${key}` : undefined;
  },
};
