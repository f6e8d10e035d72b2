import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration, S3BucketLifecycleConfigurationRule } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import {
  S3BucketServerSideEncryptionConfigurationA,
  S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA,
} from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Construct } from 'constructs';
import { PolicyDocument } from './policy-document';
import { PolicyStatement } from './policy-statement';

/** Days after which S3 aborts an incomplete multipart upload and deletes its parts. */
export const ABORT_INCOMPLETE_UPLOADS_DAYS = 7;

/** What differs between the kinds of paved buckets. */
export interface BucketBaselineOptions {
  /** Default encryption of new objects. */
  readonly encryption: S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA;
  /** Days to keep noncurrent object versions. */
  readonly noncurrentVersionRetentionDays: number;
  /**
   * Days to keep current objects.
   * @default - current objects are kept until deleted
   */
  readonly expirationDays?: number;
  /** Statements of the bucket policy besides the denial of plain HTTP. */
  readonly policyStatements: readonly PolicyStatement[];
}

/** The parts every paved bucket has. */
export interface BucketBaseline {
  /** Versioning, enabled, so that an overwritten or deleted object can be restored. */
  readonly versioning: S3BucketVersioningA;
  /** The public access block with all four settings on. */
  readonly publicAccessBlock: S3BucketPublicAccessBlock;
  /** Object ownership `BucketOwnerEnforced`: ACLs are disabled. */
  readonly ownershipControls: S3BucketOwnershipControls;
  /** Default encryption of new objects, as `options.encryption` gives it. */
  readonly encryption: S3BucketServerSideEncryptionConfigurationA;
  /** The lifecycle: noncurrent versions expire, incomplete uploads are aborted, current objects expire after `expirationDays` if given. */
  readonly lifecycle: S3BucketLifecycleConfiguration;
  /** The bucket policy: the denial of plain HTTP, then `options.policyStatements`. */
  readonly policy: S3BucketPolicy;
}

/**
 * Adds to `bucket`, as children of `scope`, what makes a bucket safe: versioning, all four
 * public access blocks, ACLs disabled (BucketOwnerEnforced), default encryption, a lifecycle
 * that expires noncurrent versions and aborts incomplete uploads, and a policy that denies
 * plain HTTP.
 */
export function addBucketBaseline(scope: Construct, bucket: S3Bucket, options: BucketBaselineOptions): BucketBaseline {
  const versioning = new S3BucketVersioningA(scope, 'Versioning', {
    bucket: bucket.id,
    versioningConfiguration: { status: 'Enabled' },
  });
  const publicAccessBlock = new S3BucketPublicAccessBlock(scope, 'PublicAccessBlock', {
    bucket: bucket.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  });
  const ownershipControls = new S3BucketOwnershipControls(scope, 'OwnershipControls', {
    bucket: bucket.id,
    rule: { objectOwnership: 'BucketOwnerEnforced' },
  });
  const encryption = new S3BucketServerSideEncryptionConfigurationA(scope, 'Encryption', {
    bucket: bucket.id,
    rule: [{ applyServerSideEncryptionByDefault: options.encryption, bucketKeyEnabled: true }],
  });
  const rules: S3BucketLifecycleConfigurationRule[] = [
    {
      id: 'abort-incomplete-uploads',
      status: 'Enabled',
      filter: [{}],
      abortIncompleteMultipartUpload: [{ daysAfterInitiation: ABORT_INCOMPLETE_UPLOADS_DAYS }],
    },
    {
      id: 'expire-noncurrent-versions',
      status: 'Enabled',
      filter: [{}],
      noncurrentVersionExpiration: [{ noncurrentDays: options.noncurrentVersionRetentionDays }],
    },
  ];
  if (options.expirationDays !== undefined) {
    rules.push({ id: 'expire-objects', status: 'Enabled', filter: [{}], expiration: [{ days: options.expirationDays }] });
  }
  const lifecycle = new S3BucketLifecycleConfiguration(scope, 'Lifecycle', {
    bucket: bucket.id,
    rule: rules,
    dependsOn: [versioning],
  });
  const policy = new S3BucketPolicy(scope, 'Policy', {
    bucket: bucket.id,
    policy: new PolicyDocument([
      PolicyStatement.denyInsecureTransport('s3', [bucket.arn, `${bucket.arn}/*`]),
      ...options.policyStatements,
    ]).toLazyJson(),
    // S3 refuses concurrent changes to a bucket's policy and its public access block.
    dependsOn: [publicAccessBlock],
  });
  return { versioning, publicAccessBlock, ownershipControls, encryption, lifecycle, policy };
}
