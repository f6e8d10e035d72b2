import { TerraformRule } from '../../rule';
import { blocks, isAwsManagedKey } from '../terraform-values';
import { receivesAccessLogs } from './receives-access-logs';

export const bucketEncryption: TerraformRule = {
  id: 'PAVED-AWS-S3-001',
  pack: 'aws',
  level: 'error',
  target: 'terraform',
  resourceTypes: ['aws_s3_bucket'],
  title: 'Buckets are encrypted with a customer-managed KMS key (SSE-KMS).',
  rationale: 'A customer key puts reads of the data under a key policy and in CloudTrail; SSE-S3 and the AWS-managed key do not. Access-log buckets use SSE-S3, the only encryption S3 log delivery supports.',
  fix: 'Use the Bucket construct, or add aws_s3_bucket_server_side_encryption_configuration with sse_algorithm "aws:kms" and kms_master_key_id.',
  check: (bucket) => {
    const rules = bucket.related('aws_s3_bucket_server_side_encryption_configuration', 'bucket')
      .flatMap((c) => blocks(c.config.rule))
      .flatMap((r) => blocks(r.apply_server_side_encryption_by_default));
    if (rules.length === 0) {
      return 'no server-side encryption configuration';
    }
    if (receivesAccessLogs(bucket)) {
      return rules.filter((r) => r.sse_algorithm !== 'AES256').map((r) => `an access-log bucket must use AES256 (got ${r.sse_algorithm})`);
    }
    const bad = rules.filter((r) => !String(r.sse_algorithm).startsWith('aws:kms') || !r.kms_master_key_id || isAwsManagedKey(r.kms_master_key_id));
    return bad.map((r) => `encryption is ${r.sse_algorithm} with key ${JSON.stringify(r.kms_master_key_id ?? 'none')}, not SSE-KMS with a customer key`);
  },
};
