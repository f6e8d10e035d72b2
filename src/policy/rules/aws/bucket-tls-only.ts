import { deniesInsecureTransport } from './denies-insecure-transport';
import { TerraformRule } from '../../rule';

export const bucketTlsOnly: TerraformRule = {
  id: 'PAVED-AWS-S3-003',
  pack: 'aws',
  level: 'error',
  target: 'terraform',
  resourceTypes: ['aws_s3_bucket'],
  title: 'Bucket policies deny requests that do not use TLS.',
  rationale: 'Without the deny, a client can read or write objects over plain HTTP.',
  fix: 'Use the Bucket construct, or add a bucket policy statement denying s3:* when aws:SecureTransport is false.',
  check: (bucket) => (bucket.related('aws_s3_bucket_policy', 'bucket').some((p) => deniesInsecureTransport(p))
    ? undefined
    : 'no bucket policy denies requests without TLS (aws:SecureTransport = false)'),
};
