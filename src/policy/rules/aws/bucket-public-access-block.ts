import { TerraformRule } from '../../rule';

const SETTINGS = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'];

export const bucketPublicAccessBlock: TerraformRule = {
  id: 'PAVED-AWS-S3-002',
  pack: 'aws',
  level: 'error',
  target: 'terraform',
  resourceTypes: ['aws_s3_bucket'],
  title: 'Buckets block all four kinds of public access.',
  rationale: 'Public buckets are the most common cause of data leaks; the block stops a later ACL or policy from opening one.',
  fix: 'Use the Bucket construct, or add aws_s3_bucket_public_access_block with all four settings true.',
  check: (bucket) => {
    const blocks = bucket.related('aws_s3_bucket_public_access_block', 'bucket');
    if (blocks.length === 0) {
      return 'no public access block';
    }
    return blocks.flatMap((b) => SETTINGS.filter((s) => b.config[s] !== true).map((s) => `${s} is ${JSON.stringify(b.config[s])} in ${b.address}`));
  },
};
