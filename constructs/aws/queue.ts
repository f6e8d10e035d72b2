import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { SqsQueueRedriveAllowPolicy } from '@cdktf/provider-aws/lib/sqs-queue-redrive-allow-policy';
import { Construct } from 'constructs';
import { arnOf, serviceHost } from './arn';
import { problemsOf, rangeProblem } from './checks';
import { IGrantable, grantSid, grantTo, grantsAcrossStacks } from './grantable';
import { KmsKey } from './kms-key';
import { physicalName } from './physical-name';
import { PolicyDocument } from './policy-document';
import { PolicyStatement } from './policy-statement';
import { Environment } from '../../src/platform/environment';
import { PavedValidationError } from '../../src/platform/paved-validation-error';
import { PlatformStack } from '../../src/platform/platform-stack';

/** Props of a `Queue`. */
export interface QueueProps {
  /**
   * The key that encrypts messages (SSE-KMS) in the queue and its dead-letter queue.
   * @default - a new `KmsKey` for this queue
   */
  readonly encryptionKey?: KmsKey;
  /**
   * Seconds a received message stays hidden from other consumers (0-43200).
   * @default 30
   */
  readonly visibilityTimeoutSeconds?: number;
  /**
   * Days a message stays in the queue (1-14).
   * @default 4
   */
  readonly messageRetentionDays?: number;
  /**
   * Receives of a message before it moves to the dead-letter queue (1-1000).
   * @default 5
   */
  readonly maxReceiveCount?: number;
}

/** Days a message stays in the dead-letter queue: the most SQS allows. */
export const DEAD_LETTER_RETENTION_DAYS = 14;

const SECONDS_PER_DAY = 86_400;

/**
 * An SQS queue encrypted with a customer managed key (not the AWS managed `alias/aws/sqs`),
 * with a dead-letter queue that receives messages after `maxReceiveCount` failed receives, and
 * queue policies on both that deny plain HTTP.
 */
export class Queue extends Construct {
  /** The queue. */
  public readonly resource: SqsQueue;
  /** `<platform>-<environment>-<service>-<path>`, known at synth. */
  public readonly queueName: string;
  /** The queue's URL as a literal, known at synth: usable in Kubernetes manifests. */
  public readonly queueUrl: string;
  /** The queue's ARN (a Terraform reference). */
  public readonly queueArn: string;
  /** The dead-letter queue: `<queueName>-dlq`. */
  public readonly deadLetterQueue: SqsQueue;
  /** The dead-letter queue's name: the queue's physical name with the suffix `dlq`. */
  public readonly deadLetterQueueName: string;
  /** The key that encrypts messages in the queue and its dead-letter queue: `props.encryptionKey`, or a new `KmsKey` child `Key`. */
  public readonly encryptionKey: KmsKey;
  /** Seconds a received message stays hidden from other consumers: `props.visibilityTimeoutSeconds`, or 30. */
  public readonly visibilityTimeoutSeconds: number;
  /** Days a message stays in the queue: `props.messageRetentionDays`, or 4. */
  public readonly messageRetentionDays: number;
  /** Receives of a message before it moves to the dead-letter queue: `props.maxReceiveCount`, or 5. */
  public readonly maxReceiveCount: number;
  /** Lets only this queue send to the dead-letter queue. */
  public readonly redriveAllowPolicy: SqsQueueRedriveAllowPolicy;
  /** The queue's policy, which denies requests that do not use TLS. */
  public readonly policy: SqsQueuePolicy;
  /** The dead-letter queue's policy, which denies requests that do not use TLS. */
  public readonly deadLetterQueuePolicy: SqsQueuePolicy;
  private readonly environment: Environment;

  constructor(scope: Construct, id: string, props: QueueProps = {}) {
    super(scope, id);
    this.environment = PlatformStack.of(this).environment;
    this.visibilityTimeoutSeconds = props.visibilityTimeoutSeconds ?? 30;
    this.messageRetentionDays = props.messageRetentionDays ?? 4;
    this.maxReceiveCount = props.maxReceiveCount ?? 5;
    PavedValidationError.throwIfAny(this, problemsOf(
      rangeProblem('visibilityTimeoutSeconds', this.visibilityTimeoutSeconds, { min: 0, max: 43_200, unit: 'seconds', why: 'the range SQS accepts' }),
      rangeProblem('messageRetentionDays', this.messageRetentionDays, { min: 1, max: 14, unit: 'days', why: 'the range SQS accepts' }),
      rangeProblem('maxReceiveCount', this.maxReceiveCount, { min: 1, max: 1000, unit: 'receives', why: 'the range SQS accepts' }),
    ));
    this.encryptionKey = props.encryptionKey ?? new KmsKey(this, 'Key');
    this.queueName = physicalName(this, 'sqs-queue');
    this.queueUrl = `https://${serviceHost(this.environment, 'sqs')}/${this.environment.account}/${this.queueName}`;
    this.deadLetterQueueName = physicalName(this, 'sqs-queue', 'dlq');
    this.deadLetterQueue = new SqsQueue(this, 'DeadLetterQueue', {
      name: this.deadLetterQueueName,
      kmsMasterKeyId: this.encryptionKey.keyArn,
      messageRetentionSeconds: DEAD_LETTER_RETENTION_DAYS * SECONDS_PER_DAY,
    });
    this.resource = new SqsQueue(this, 'Resource', {
      name: this.queueName,
      kmsMasterKeyId: this.encryptionKey.keyArn,
      visibilityTimeoutSeconds: this.visibilityTimeoutSeconds,
      messageRetentionSeconds: this.messageRetentionDays * SECONDS_PER_DAY,
      redrivePolicy: JSON.stringify({ deadLetterTargetArn: this.deadLetterQueue.arn, maxReceiveCount: this.maxReceiveCount }),
    });
    this.queueArn = this.resource.arn;
    this.redriveAllowPolicy = new SqsQueueRedriveAllowPolicy(this, 'RedriveAllowPolicy', {
      queueUrl: this.deadLetterQueue.url,
      redriveAllowPolicy: JSON.stringify({ redrivePermission: 'byQueue', sourceQueueArns: [this.queueArn] }),
    });
    this.policy = this.tlsOnlyPolicy('Policy', this.resource);
    this.deadLetterQueuePolicy = this.tlsOnlyPolicy('DeadLetterQueuePolicy', this.deadLetterQueue);
  }

  /**
   * Lets `grantee` receive, delete and change the visibility of messages. A grantee in another
   * stack (another service's identity) gets the queue by its literal ARN, and the key by its alias.
   */
  public grantConsume(grantee: IGrantable): PolicyStatement[] {
    return [
      ...grantTo(grantee, [new PolicyStatement({
        sid: grantSid(this, grantee, 'Consume'),
        actions: ['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:ReceiveMessage'],
        resources: [this.arnFor(grantee)],
      })]),
      ...this.encryptionKey.grantDecrypt(grantee, { viaService: 'sqs' }),
    ];
  }

  /** Lets `grantee` send messages; across stacks, as `grantConsume` does. */
  public grantSend(grantee: IGrantable): PolicyStatement[] {
    return [
      ...grantTo(grantee, [new PolicyStatement({
        sid: grantSid(this, grantee, 'Send'),
        actions: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'],
        resources: [this.arnFor(grantee)],
      })]),
      ...this.encryptionKey.grantEncryptDecrypt(grantee, { viaService: 'sqs' }),
    ];
  }

  /** The queue's ARN for a statement of `grantee`: a literal across stacks, the reference otherwise. */
  private arnFor(grantee: IGrantable): string {
    return grantsAcrossStacks(this, grantee) ? arnOf(this.environment, 'sqs', this.queueName) : this.queueArn;
  }

  private tlsOnlyPolicy(id: string, queue: SqsQueue): SqsQueuePolicy {
    return new SqsQueuePolicy(this, id, {
      queueUrl: queue.url,
      policy: new PolicyDocument([PolicyStatement.denyInsecureTransport('sqs', [queue.arn])]).toLazyJson(),
    });
  }
}
