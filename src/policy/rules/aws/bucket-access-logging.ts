import { TerraformRule } from '../../rule';
import { policyStatements } from '../terraform-values';

export const bucketAccessLogging: TerraformRule = {
  id: 'PAVED-AWS-S3-005',
  pack: 'aws',
  level: 'warning',
  target: 'terraform',
  resourceTypes: ['aws_s3_bucket'],
  title: "Buckets write access logs to the environment's log bucket.",
  rationale: 'Access logs answer who read what, after the fact.',
  fix: 'Use the Bucket construct (it logs to the environment log bucket), or add aws_s3_bucket_logging.',
  check: (bucket) => {
    if (bucket.related('aws_s3_bucket_logging', 'bucket').length > 0) {
      return undefined;
    }
    // The log bucket itself receives logs from the S3 logging service instead.
    const receivesLogs = bucket.related('aws_s3_bucket_policy', 'bucket')
      .some((p) => policyStatements(p, 'policy').some((s) => s.effect === 'Allow' && s.principals.includes('logging.s3.amazonaws.com')));
    return receivesLogs ? undefined : 'no access logging';
  },
};
