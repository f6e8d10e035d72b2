import { AccessLogBucket, Bucket, KmsKey } from '../../../constructs';
import { catalogComponent, errorOf, grantedStatements, onlyResource, refTo, renderStack, resourcesOf, serviceStack, statementsOf, testRole } from '../../util';

const BUCKET = 'checkout-dev/Uploads/Resource';

describe('Bucket defaults', () => {
  const stack = serviceStack();
  const bucket = new Bucket(stack, 'Uploads');
  const json = renderStack(stack);
  const bucketId = refTo(json, 'aws_s3_bucket', BUCKET, 'id');
  const bucketArn = refTo(json, 'aws_s3_bucket', BUCKET, 'arn');

  test('is named by the platform', () => {
    expect(bucket.bucketName).toBe('acme-dev-checkout-uploads');
    expect(onlyResource(json, 'aws_s3_bucket').bucket).toBe('acme-dev-checkout-uploads');
  });

  test('encrypts with a key of its own (SSE-KMS with a bucket key)', () => {
    expect(bucket.encryptionKey.node.path).toBe('checkout-dev/Uploads/Key');
    expect(onlyResource(json, 'aws_s3_bucket_server_side_encryption_configuration')).toMatchObject({
      bucket: bucketId,
      rule: [{
        apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: refTo(json, 'aws_kms_key', 'checkout-dev/Uploads/Key/Resource', 'arn') },
        bucket_key_enabled: true,
      }],
    });
  });

  test('is versioned', () => {
    expect(onlyResource(json, 'aws_s3_bucket_versioning')).toMatchObject({ bucket: bucketId, versioning_configuration: { status: 'Enabled' } });
  });

  test('blocks every kind of public access', () => {
    expect(onlyResource(json, 'aws_s3_bucket_public_access_block')).toMatchObject({
      bucket: bucketId, block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true,
    });
  });

  test('disables ACLs (BucketOwnerEnforced)', () => {
    expect(onlyResource(json, 'aws_s3_bucket_ownership_controls')).toMatchObject({ bucket: bucketId, rule: { object_ownership: 'BucketOwnerEnforced' } });
  });

  test('denies requests over plain HTTP, after the public access block is in place', () => {
    const policy = onlyResource(json, 'aws_s3_bucket_policy');
    expect(policy.depends_on).toEqual([expect.stringMatching(/^aws_s3_bucket_public_access_block\./)]);
    expect(statementsOf(policy.policy)).toEqual({
      DenyInsecureTransport: {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: ['s3:*'],
        Resource: [bucketArn, `${bucketArn}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    });
  });

  test('expires noncurrent versions after 90 days and aborts incomplete uploads after 7', () => {
    expect(bucket.noncurrentVersionRetentionDays).toBe(90);
    expect(onlyResource(json, 'aws_s3_bucket_lifecycle_configuration').rule).toEqual([
      { id: 'abort-incomplete-uploads', status: 'Enabled', filter: [{}], abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }] },
      { id: 'expire-noncurrent-versions', status: 'Enabled', filter: [{}], noncurrent_version_expiration: [{ noncurrent_days: 90 }] },
    ]);
  });

  test('logs access to the environment\'s access-log bucket', () => {
    expect(bucket.accessLogsBucketName).toBe('acme-dev-access-logs-111111111111');
    expect(bucket.accessLogsBucketName).toBe(AccessLogBucket.bucketNameOf(stack));
    expect(onlyResource(json, 'aws_s3_bucket_logging')).toMatchObject({
      bucket: bucketId,
      target_bucket: 'acme-dev-access-logs-111111111111',
      target_prefix: 'acme-dev-checkout-uploads/',
    });
  });
});

describe('Bucket props', () => {
  test('uses the key, retention and log bucket given', () => {
    const stack = serviceStack();
    const key = new KmsKey(stack, 'Shared');
    const bucket = new Bucket(stack, 'Uploads', { encryptionKey: key, noncurrentVersionRetentionDays: 30, accessLogsBucketName: 'central-logs' });
    const json = renderStack(stack);
    expect(bucket.encryptionKey).toBe(key);
    expect(Object.keys(resourcesOf(json, 'aws_kms_key'))).toHaveLength(1);
    expect(onlyResource(json, 'aws_s3_bucket_lifecycle_configuration').rule[1].noncurrent_version_expiration).toEqual([{ noncurrent_days: 30 }]);
    expect(onlyResource(json, 'aws_s3_bucket_logging').target_bucket).toBe('central-logs');
  });

  test('fails when the noncurrent version retention is not a positive number of days', () => {
    expect(errorOf(() => new Bucket(serviceStack(), 'Uploads', { noncurrentVersionRetentionDays: 0 }))).toBe(
      "Bucket 'Uploads': 'noncurrentVersionRetentionDays' must be a whole number of days of at least 1 (got 0).",
    );
  });
});

describe('Bucket grants', () => {
  test('grantRead allows listing and reading objects, and decrypting through S3', () => {
    const stack = serviceStack();
    const made = new Bucket(stack, 'Uploads').grantRead(testRole(stack));
    const json = renderStack(stack);
    const arn = refTo(json, 'aws_s3_bucket', BUCKET, 'arn');
    expect(made.map((s) => s.sid)).toEqual(['UploadsList', 'UploadsRead', 'UploadsKeyDecryptViaS3']);
    expect(grantedStatements(json)).toEqual({
      UploadsList: { Sid: 'UploadsList', Effect: 'Allow', Action: ['s3:GetBucketLocation', 's3:ListBucket'], Resource: [arn] },
      UploadsRead: { Sid: 'UploadsRead', Effect: 'Allow', Action: ['s3:GetObject'], Resource: [`${arn}/*`] },
      UploadsKeyDecryptViaS3: {
        Sid: 'UploadsKeyDecryptViaS3',
        Effect: 'Allow',
        Action: ['kms:Decrypt'],
        Resource: [refTo(json, 'aws_kms_key', 'checkout-dev/Uploads/Key/Resource', 'arn')],
        Condition: { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } },
      },
    });
  });

  test('grantReadWrite allows reading, writing and deleting objects, and using the key through S3', () => {
    const stack = serviceStack();
    new Bucket(stack, 'Uploads').grantReadWrite(testRole(stack));
    const json = renderStack(stack);
    const statements = grantedStatements(json);
    expect(Object.keys(statements)).toEqual(['UploadsKeyEncryptDecryptViaS3', 'UploadsList', 'UploadsReadWrite']);
    expect(statements.UploadsReadWrite).toEqual({
      Sid: 'UploadsReadWrite',
      Effect: 'Allow',
      Action: ['s3:AbortMultipartUpload', 's3:DeleteObject', 's3:GetObject', 's3:PutObject'],
      Resource: [`${refTo(json, 'aws_s3_bucket', BUCKET, 'arn')}/*`],
    });
    expect(statements.UploadsKeyEncryptDecryptViaS3.Action).toEqual(['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:ReEncryptFrom', 'kms:ReEncryptTo']);
  });
});

describe('Bucket grants to another service', () => {
  test('name the bucket by its literal ARN and the key by its alias, never by a reference into the other stack', () => {
    const stack = serviceStack();
    const platform = stack.platform;
    platform.declareComponent({ name: 'fulfilment', team: 'payments', goldenPath: 'test' });
    catalogComponent(platform, 'fulfilment', 'payments');
    const consumer = platform.placement('fulfilment', 'dev').stack;
    new Bucket(stack, 'Uploads').grantRead(testRole(consumer));
    const statements = grantedStatements(renderStack(consumer));
    expect(Object.keys(statements)).toEqual(['CheckoutUploadsKeyDecryptViaS3', 'CheckoutUploadsList', 'CheckoutUploadsRead']);
    expect(statements.CheckoutUploadsList.Resource).toEqual(['arn:aws:s3:::acme-dev-checkout-uploads']);
    expect(statements.CheckoutUploadsRead.Resource).toEqual(['arn:aws:s3:::acme-dev-checkout-uploads/*']);
    expect(statements.CheckoutUploadsKeyDecryptViaS3.Condition['ForAnyValue:StringEquals']).toEqual({ 'kms:ResourceAliases': 'alias/acme-dev-checkout-uploads-key' });
  });
});
