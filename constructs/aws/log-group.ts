import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { Construct } from 'constructs';
import { arnOf } from './arn';
import { problemsOf } from './checks';
import { IGrantable, grantTo } from './grantable';
import { KmsKey } from './kms-key';
import { physicalName } from './physical-name';
import { PolicyStatement } from './policy-statement';
import { PavedValidationError } from '../../src/platform/paved-validation-error';
import { PlatformStack } from '../../src/platform/platform-stack';

/** The retention periods CloudWatch Logs accepts, in days. */
export const LOG_RETENTION_DAYS: readonly number[] = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

/** A message when `days` of `prop` is not a retention CloudWatch Logs accepts; `undefined` when it is. */
export function logRetentionProblem(prop: string, days: number | undefined): string | undefined {
  return days === undefined || LOG_RETENTION_DAYS.includes(days) ? undefined
    : `'${prop}' must be one of the periods CloudWatch Logs accepts: ${LOG_RETENTION_DAYS.join(', ')} (got ${days}).`;
}

/** Props of a `LogGroup`. */
export interface LogGroupProps {
  /**
   * The log group's name; services that create their own log group fix it
   * (`/aws/eks/<cluster>/cluster`).
   * @default - `<platform>-<environment>-<service>-<construct path>`
   */
  readonly logGroupName?: string;
  /**
   * Days to keep log events; one of the values CloudWatch Logs accepts (`LOG_RETENTION_DAYS`).
   * @default 365
   */
  readonly retentionDays?: number;
  /**
   * The key that encrypts the log events.
   * @default - a new `KmsKey` for this log group
   */
  readonly encryptionKey?: KmsKey;
}

/**
 * A CloudWatch Logs log group encrypted with a customer managed key, with a retention period.
 */
export class LogGroup extends Construct {
  /** The log group. */
  public readonly resource: CloudwatchLogGroup;
  /** The log group's name: `props.logGroupName`, or `<platform>-<environment>-<service>-<construct path>`. */
  public readonly logGroupName: string;
  /** The log group's ARN as a literal (without the trailing `:*`). */
  public readonly logGroupArn: string;
  /** Days log events are kept: `props.retentionDays`, or 365. */
  public readonly retentionDays: number;
  /** The key that encrypts the log events: `props.encryptionKey`, or a new `KmsKey` child `Key`. */
  public readonly encryptionKey: KmsKey;

  constructor(scope: Construct, id: string, props: LogGroupProps = {}) {
    super(scope, id);
    this.retentionDays = props.retentionDays ?? 365;
    PavedValidationError.throwIfAny(this, problemsOf(logRetentionProblem('retentionDays', this.retentionDays)));
    this.logGroupName = props.logGroupName ?? physicalName(this, 'log-group');
    this.logGroupArn = arnOf(PlatformStack.of(this).environment, 'logs', `log-group:${this.logGroupName}`);
    this.encryptionKey = props.encryptionKey ?? new KmsKey(this, 'Key');
    this.encryptionKey.grantLogGroup(this, this.logGroupArn);
    this.resource = new CloudwatchLogGroup(this, 'Resource', {
      name: this.logGroupName,
      retentionInDays: this.retentionDays,
      kmsKeyId: this.encryptionKey.keyArn,
    });
  }

  /** Lets `grantee` create log streams in this log group and put events into them. */
  public grantWrite(grantee: IGrantable): PolicyStatement[] {
    return grantTo(grantee, [new PolicyStatement({
      sid: PolicyStatement.sidFor(this, 'Write'),
      actions: ['logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
      resources: [this.logGroupArn, `${this.logGroupArn}:*`],
    })]);
  }
}
