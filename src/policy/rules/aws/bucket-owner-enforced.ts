import { TerraformRule } from '../../rule';
import { blocks } from '../terraform-values';

export const bucketOwnerEnforced: TerraformRule = {
  id: 'PAVED-AWS-S3-006',
  pack: 'aws',
  level: 'error',
  target: 'terraform',
  resourceTypes: ['aws_s3_bucket'],
  title: 'Buckets disable ACLs (object ownership BucketOwnerEnforced).',
  rationale: 'With ACLs off, only policies grant access, and the bucket owner owns every object.',
  fix: 'Use the Bucket construct, or add aws_s3_bucket_ownership_controls with object_ownership "BucketOwnerEnforced".',
  check: (bucket) => {
    const ownership = bucket.related('aws_s3_bucket_ownership_controls', 'bucket').flatMap((c) => blocks(c.config.rule)).map((r) => r.object_ownership);
    return ownership.includes('BucketOwnerEnforced') ? undefined : `object ownership is ${JSON.stringify(ownership[0] ?? 'not set')}`;
  },
};
