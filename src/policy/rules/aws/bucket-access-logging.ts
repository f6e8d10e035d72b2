import { receivesAccessLogs } from './receives-access-logs';
import { TerraformRule } from '../../rule';

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
    return receivesAccessLogs(bucket) ? undefined : 'no access logging';
  },
};
