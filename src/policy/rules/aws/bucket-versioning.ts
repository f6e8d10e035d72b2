import { TerraformRule } from '../../rule';
import { blocks } from '../terraform-values';

export const bucketVersioning: TerraformRule = {
  id: 'PAVED-AWS-S3-004',
  pack: 'aws',
  level: 'error',
  target: 'terraform',
  resourceTypes: ['aws_s3_bucket'],
  title: 'Buckets keep object versions.',
  rationale: 'Versioning lets you recover from overwrites, deletes and ransomware.',
  fix: 'Use the Bucket construct, or add aws_s3_bucket_versioning with status "Enabled".',
  check: (bucket) => {
    const statuses = bucket.related('aws_s3_bucket_versioning', 'bucket').flatMap((v) => blocks(v.config.versioning_configuration)).map((c) => c.status);
    return statuses.includes('Enabled') ? undefined : `versioning is not enabled (status ${JSON.stringify(statuses[0] ?? 'none')})`;
  },
};
