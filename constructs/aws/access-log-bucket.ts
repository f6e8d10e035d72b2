import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { Construct, IConstruct } from 'constructs';
import { BucketBaseline, addBucketBaseline } from './bucket-baseline';
import { problemsOf, rangeProblem } from './checks';
import { PolicyStatement } from './policy-statement';
import { PavedValidationError } from '../../src/platform/paved-validation-error';
import { PlatformStack } from '../../src/platform/platform-stack';

/** Props of an `AccessLogBucket`. */
export interface AccessLogBucketProps {
  /**
   * Days to keep access logs.
   * @default 365
   */
  readonly retentionDays?: number;
}

// The baseline's parts are assigned in the constructor (Object.assign) and typed by this interface.
export interface AccessLogBucket extends BucketBaseline {}

/**
 * The environment's bucket for S3 server access logs, in the platform stack: every `Bucket` of
 * the environment logs to it. Its name is known from the environment alone
 * (`AccessLogBucket.bucketNameOf`), so service stacks need no reference to the platform stack.
 *
 * It has the baseline of every paved bucket, with one documented difference: objects are
 * encrypted with S3 managed keys (SSE-S3), because S3 server access logging cannot deliver to a
 * bucket whose default encryption is SSE-KMS. Only the S3 logging service of the environment's
 * account may write to it.
 */
export class AccessLogBucket extends Construct {
  /** The name of the access-log bucket of the environment `scope` is in: `<platform>-<environment>-access-logs-<account>`. */
  public static bucketNameOf(scope: IConstruct): string {
    const stack = PlatformStack.of(scope);
    return stack.platform.naming.awsName('s3-bucket', stack.environment.name, 'access-logs', stack.environment.account);
  }

  /** The bucket. */
  public readonly resource: S3Bucket;
  /** The bucket's name, `AccessLogBucket.bucketNameOf(this)`: the one name every bucket of the environment sends its access logs to. */
  public readonly bucketName: string;
  /** Days the access logs are kept before S3 expires them: `props.retentionDays`, or 365. */
  public readonly retentionDays: number;

  constructor(scope: Construct, id: string, props: AccessLogBucketProps = {}) {
    super(scope, id);
    this.retentionDays = props.retentionDays ?? 365;
    PavedValidationError.throwIfAny(this, problemsOf(
      rangeProblem('retentionDays', this.retentionDays, { min: 1, unit: 'days' }),
    ));
    this.bucketName = AccessLogBucket.bucketNameOf(this);
    this.resource = new S3Bucket(this, 'Resource', { bucket: this.bucketName });
    const account = PlatformStack.of(this).environment.account;
    Object.assign(this, addBucketBaseline(this, this.resource, {
      encryption: { sseAlgorithm: 'AES256' },
      noncurrentVersionRetentionDays: 30,
      expirationDays: this.retentionDays,
      policyStatements: [new PolicyStatement({
        sid: 'S3ServerAccessLogDelivery',
        principal: { Service: ['logging.s3.amazonaws.com'] },
        actions: ['s3:PutObject'],
        resources: [`${this.resource.arn}/*`],
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      })],
    }));
  }
}
