import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { Construct } from 'constructs';
import { BucketBaseline, addBucketBaseline } from './bucket-baseline';
import { problemsOf, rangeProblem } from './checks';
import { KmsKey } from './kms-key';
import { PolicyStatement } from './policy-statement';
import { PavedValidationError } from '../../src/platform/paved-validation-error';
import { PlatformStack } from '../../src/platform/platform-stack';

/** Props of a `StateBucket`. */
export interface StateBucketProps {
  /** The bucket's name: the one the other stacks' S3 backend names (`StateBackend.stateBucket`). */
  readonly bucketName: string;
  /**
   * Days to keep a state version after it is overwritten (state history, for recovery).
   * @default 90
   */
  readonly noncurrentVersionRetentionDays?: number;
  /**
   * Days to keep the state bucket's access logs.
   * @default 365
   */
  readonly accessLogRetentionDays?: number;
}

// The baseline's parts are assigned in the constructor (Object.assign) and typed by this interface.
export interface StateBucket extends BucketBaseline {}

/**
 * The bucket that holds Terraform's state for the platform's other stacks, created by the state
 * bootstrap stack (`paved bootstrap`): the baseline of every paved bucket (versioning, all four
 * public access blocks, BucketOwnerEnforced, HTTPS only, noncurrent versions expired), SSE-KMS
 * with a customer managed key of its own, server access logs to a log bucket of its own (the
 * environment's access-log bucket is created later, by the platform stack), and protection from
 * deletion: `force_destroy = false` and `prevent_destroy` on both buckets and the key. Locking
 * needs no table: the backends use Terraform's native lock file (`use_lockfile`).
 */
export class StateBucket extends Construct {
  /** The bucket. */
  public readonly resource: S3Bucket;
  /** The bucket's name: `props.bucketName`. */
  public readonly bucketName: string;
  /** The key that encrypts the state objects (SSE-KMS with a bucket key); child `Key`. */
  public readonly encryptionKey: KmsKey;
  /** Days a state version is kept after it is overwritten: `props.noncurrentVersionRetentionDays`, or 90. */
  public readonly noncurrentVersionRetentionDays: number;
  /** The bucket that receives the state bucket's access logs: `<bucketName>-logs`, SSE-S3 (S3 cannot deliver logs to SSE-KMS). */
  public readonly accessLogBucket: S3Bucket;
  /** Server access logging into `accessLogBucket`, under the prefix `<bucketName>/`. */
  public readonly logging: S3BucketLoggingA;

  constructor(scope: Construct, id: string, props: StateBucketProps) {
    super(scope, id);
    this.noncurrentVersionRetentionDays = props.noncurrentVersionRetentionDays ?? 90;
    const accessLogRetentionDays = props.accessLogRetentionDays ?? 365;
    const bucketName = props.bucketName;
    PavedValidationError.throwIfAny(this, problemsOf(
      rangeProblem('noncurrentVersionRetentionDays', this.noncurrentVersionRetentionDays, { min: 1, unit: 'days' }),
      rangeProblem('accessLogRetentionDays', accessLogRetentionDays, { min: 1, unit: 'days' }),
      typeof bucketName === 'string' && /^[a-z0-9][a-z0-9.-]{1,56}[a-z0-9]$/.test(bucketName) ? undefined
        : `bucketName must be an S3 bucket name of 3 to 58 lower-case letters, digits, dots and hyphens (room for the '-logs' of its log bucket); got ${JSON.stringify(bucketName)} (${typeof bucketName}). Pass the name StateBackend.stateBucket gives.`,
    ));
    this.bucketName = bucketName;
    const keep = { preventDestroy: true };
    this.encryptionKey = new KmsKey(this, 'Key', { description: `paved: Terraform state in ${bucketName}` });
    this.encryptionKey.resource.lifecycle = keep;
    this.resource = new S3Bucket(this, 'Resource', { bucket: bucketName, forceDestroy: false, lifecycle: keep });
    Object.assign(this, addBucketBaseline(this, this.resource, {
      encryption: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: this.encryptionKey.keyArn },
      noncurrentVersionRetentionDays: this.noncurrentVersionRetentionDays,
      policyStatements: [],
    }));

    const logs = new Construct(this, 'AccessLogs');
    this.accessLogBucket = new S3Bucket(logs, 'Resource', { bucket: `${bucketName}-logs`, forceDestroy: false, lifecycle: keep });
    const account = PlatformStack.of(this).environment.account;
    addBucketBaseline(logs, this.accessLogBucket, {
      encryption: { sseAlgorithm: 'AES256' },
      noncurrentVersionRetentionDays: 30,
      expirationDays: accessLogRetentionDays,
      policyStatements: [new PolicyStatement({
        sid: 'S3ServerAccessLogDelivery',
        principal: { Service: ['logging.s3.amazonaws.com'] },
        actions: ['s3:PutObject'],
        resources: [`${this.accessLogBucket.arn}/*`],
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      })],
    });
    this.logging = new S3BucketLoggingA(this, 'Logging', {
      bucket: this.resource.id,
      targetBucket: this.accessLogBucket.id,
      targetPrefix: `${bucketName}/`,
    });
  }
}
