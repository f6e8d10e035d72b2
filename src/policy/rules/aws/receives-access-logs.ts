import { TerraformResource } from '../../artifacts/terraform-resource';
import { policyStatements } from '../terraform-values';

/**
 * Whether `bucket` is an access-log bucket: its policy lets the S3 logging service write. Such a
 * bucket does not log to itself, and can only use SSE-S3 (S3 cannot deliver logs to SSE-KMS).
 */
export function receivesAccessLogs(bucket: TerraformResource): boolean {
  return bucket.related('aws_s3_bucket_policy', 'bucket')
    .some((p) => policyStatements(p, 'policy').some((s) => s.effect === 'Allow' && s.principals.includes('logging.s3.amazonaws.com')));
}
