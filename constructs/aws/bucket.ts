import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { Construct } from 'constructs';
import { AccessLogBucket } from './access-log-bucket';
import { arnOf } from './arn';
import { BucketBaseline, addBucketBaseline } from './bucket-baseline';
import { problemsOf, rangeProblem } from './checks';
import { IGrantable, grantSid, grantTo, grantsAcrossStacks } from './grantable';
import { KmsKey } from './kms-key';
import { physicalName } from './physical-name';
import { PolicyStatement } from './policy-statement';
import { PavedValidationError } from '../../src/platform/paved-validation-error';
import { PlatformStack } from '../../src/platform/platform-stack';

/** Props of a `Bucket`. */
export interface BucketProps {
  /**
   * The key that encrypts objects (SSE-KMS, with an S3 bucket key).
   * @default - a new `KmsKey` for this bucket
   */
  readonly encryptionKey?: KmsKey;
  /**
   * Days to keep an object version after it is overwritten or deleted.
   * @default 90
   */
  readonly noncurrentVersionRetentionDays?: number;
  /**
   * The bucket that receives this bucket's server access logs (same account and region).
   * @default - the environment's access-log bucket: `AccessLogBucket.bucketNameOf(this)`
   */
  readonly accessLogsBucketName?: string;
}

// The baseline's parts are assigned in the constructor (Object.assign) and typed by this interface.
export interface Bucket extends BucketBaseline {}

/**
 * An S3 bucket for a service's objects: encrypted with a customer managed key, versioned,
 * never public (all four public access blocks), ACLs disabled (BucketOwnerEnforced), HTTPS
 * only, noncurrent versions expired and incomplete uploads aborted, with server access logs
 * delivered to the environment's access-log bucket.
 */
export class Bucket extends Construct {
  /** The bucket. */
  public readonly resource: S3Bucket;
  /** `<platform>-<environment>-<service>-<path>`, known at synth. */
  public readonly bucketName: string;
  /** The bucket's ARN (a Terraform reference). */
  public readonly bucketArn: string;
  /** The key that encrypts objects (SSE-KMS with a bucket key): `props.encryptionKey`, or a new `KmsKey` child `Key`. */
  public readonly encryptionKey: KmsKey;
  /** Days an object version is kept after it is overwritten or deleted: `props.noncurrentVersionRetentionDays`, or 90. */
  public readonly noncurrentVersionRetentionDays: number;
  /** The bucket that receives the server access logs: `props.accessLogsBucketName`, or the environment's access-log bucket. */
  public readonly accessLogsBucketName: string;
  /** Server access logging into `accessLogsBucketName`, under the prefix `<bucketName>/`. */
  public readonly logging: S3BucketLoggingA;

  constructor(scope: Construct, id: string, props: BucketProps = {}) {
    super(scope, id);
    this.noncurrentVersionRetentionDays = props.noncurrentVersionRetentionDays ?? 90;
    PavedValidationError.throwIfAny(this, problemsOf(
      rangeProblem('noncurrentVersionRetentionDays', this.noncurrentVersionRetentionDays, { min: 1, unit: 'days' }),
    ));
    this.bucketName = physicalName(this, 's3-bucket');
    this.accessLogsBucketName = props.accessLogsBucketName ?? AccessLogBucket.bucketNameOf(this);
    this.encryptionKey = props.encryptionKey ?? new KmsKey(this, 'Key');
    this.resource = new S3Bucket(this, 'Resource', { bucket: this.bucketName });
    this.bucketArn = this.resource.arn;
    Object.assign(this, addBucketBaseline(this, this.resource, {
      encryption: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: this.encryptionKey.keyArn },
      noncurrentVersionRetentionDays: this.noncurrentVersionRetentionDays,
      policyStatements: [],
    }));
    this.logging = new S3BucketLoggingA(this, 'Logging', {
      bucket: this.resource.id,
      targetBucket: this.accessLogsBucketName,
      targetPrefix: `${this.bucketName}/`,
    });
  }

  /**
   * Lets `grantee` list the bucket and read its objects. A grantee in another stack (another
   * service's identity) gets the bucket by its literal ARN, and the key by its alias.
   */
  public grantRead(grantee: IGrantable): PolicyStatement[] {
    return [
      ...grantTo(grantee, [this.listStatement(grantee), new PolicyStatement({
        sid: grantSid(this, grantee, 'Read'),
        actions: ['s3:GetObject'],
        resources: [`${this.arnFor(grantee)}/*`],
      })]),
      ...this.encryptionKey.grantDecrypt(grantee, { viaService: 's3' }),
    ];
  }

  /** Lets `grantee` list the bucket and read, write and delete its objects; across stacks, as `grantRead` does. */
  public grantReadWrite(grantee: IGrantable): PolicyStatement[] {
    return [
      ...grantTo(grantee, [this.listStatement(grantee), new PolicyStatement({
        sid: grantSid(this, grantee, 'ReadWrite'),
        actions: ['s3:AbortMultipartUpload', 's3:DeleteObject', 's3:GetObject', 's3:PutObject'],
        resources: [`${this.arnFor(grantee)}/*`],
      })]),
      ...this.encryptionKey.grantEncryptDecrypt(grantee, { viaService: 's3' }),
    ];
  }

  private listStatement(grantee: IGrantable): PolicyStatement {
    return new PolicyStatement({
      sid: grantSid(this, grantee, 'List'),
      actions: ['s3:GetBucketLocation', 's3:ListBucket'],
      resources: [this.arnFor(grantee)],
    });
  }

  /** The bucket's ARN for a statement of `grantee`: a literal across stacks, the reference otherwise. */
  private arnFor(grantee: IGrantable): string {
    return grantsAcrossStacks(this, grantee) ? arnOf(PlatformStack.of(this).environment, 's3', this.bucketName, 'global') : this.bucketArn;
  }
}
