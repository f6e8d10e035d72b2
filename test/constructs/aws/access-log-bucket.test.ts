import { AccessLogBucket } from '../../../constructs';
import { errorOf, onlyResource, refTo, renderStack, resourcesOf, statementsOf, testPlatform } from '../../util';

describe('AccessLogBucket', () => {
  const stack = testPlatform().placement('platform', 'dev').stack;
  const bucket = new AccessLogBucket(stack, 'AccessLogs');
  const json = renderStack(stack);
  const arn = refTo(json, 'aws_s3_bucket', 'platform-dev/AccessLogs/Resource', 'arn');

  test('has the name every bucket of the environment logs to', () => {
    expect(bucket.bucketName).toBe('acme-dev-access-logs-111111111111');
    expect(onlyResource(json, 'aws_s3_bucket').bucket).toBe('acme-dev-access-logs-111111111111');
  });

  test('encrypts with S3 managed keys, the only default encryption S3 log delivery supports', () => {
    expect(resourcesOf(json, 'aws_kms_key')).toEqual({});
    expect(onlyResource(json, 'aws_s3_bucket_server_side_encryption_configuration').rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' }, bucket_key_enabled: true },
    ]);
  });

  test('lets only the S3 logging service of the account write, over HTTPS', () => {
    expect(statementsOf(onlyResource(json, 'aws_s3_bucket_policy').policy)).toEqual({
      DenyInsecureTransport: expect.objectContaining({ Effect: 'Deny', Resource: [arn, `${arn}/*`] }),
      S3ServerAccessLogDelivery: {
        Sid: 'S3ServerAccessLogDelivery',
        Effect: 'Allow',
        Principal: { Service: ['logging.s3.amazonaws.com'] },
        Action: ['s3:PutObject'],
        Resource: [`${arn}/*`],
        Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
      },
    });
  });

  test('keeps logs for 365 days, versioned and never public', () => {
    expect(bucket.retentionDays).toBe(365);
    expect(onlyResource(json, 'aws_s3_bucket_lifecycle_configuration').rule).toEqual([
      expect.objectContaining({ id: 'abort-incomplete-uploads' }),
      expect.objectContaining({ id: 'expire-noncurrent-versions', noncurrent_version_expiration: [{ noncurrent_days: 30 }] }),
      { id: 'expire-objects', status: 'Enabled', filter: [{}], expiration: [{ days: 365 }] },
    ]);
    expect(onlyResource(json, 'aws_s3_bucket_versioning').versioning_configuration).toEqual({ status: 'Enabled' });
    expect(onlyResource(json, 'aws_s3_bucket_public_access_block')).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    expect(onlyResource(json, 'aws_s3_bucket_ownership_controls').rule).toEqual({ object_ownership: 'BucketOwnerEnforced' });
  });

  test('keeps logs as long as asked', () => {
    const other = testPlatform().placement('platform', 'prod').stack;
    new AccessLogBucket(other, 'AccessLogs', { retentionDays: 2557 });
    expect(onlyResource(renderStack(other), 'aws_s3_bucket_lifecycle_configuration').rule[2].expiration).toEqual([{ days: 2557 }]);
  });

  test('fails when the retention is not a positive number of days', () => {
    const other = testPlatform().placement('platform', 'prod').stack;
    expect(errorOf(() => new AccessLogBucket(other, 'AccessLogs', { retentionDays: -1 }))).toBe(
      "AccessLogBucket 'AccessLogs': 'retentionDays' must be a whole number of days of at least 1 (got -1).",
    );
  });
});
