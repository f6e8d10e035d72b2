import { KmsKey, Queue } from '../../../constructs';
import { catalogComponent, errorOf, grantedStatements, refTo, renderStack, resourceAt, resourcesOf, serviceStack, statementsOf, testRole } from '../../util';

const QUEUE = 'checkout-dev/Orders/Resource';
const DLQ = 'checkout-dev/Orders/DeadLetterQueue';
const KEY = 'checkout-dev/Orders/Key/Resource';

describe('Queue defaults', () => {
  const stack = serviceStack();
  const queue = new Queue(stack, 'Orders');
  const json = renderStack(stack);
  const main = resourceAt(json, 'aws_sqs_queue', QUEUE);
  const dlq = resourceAt(json, 'aws_sqs_queue', DLQ);

  test('is named by the platform, with a URL known at synth', () => {
    expect(queue.queueName).toBe('acme-dev-checkout-orders');
    expect(queue.queueUrl).toBe('https://sqs.eu-west-1.amazonaws.com/111111111111/acme-dev-checkout-orders');
    expect(main.name).toBe('acme-dev-checkout-orders');
  });

  test('encrypts both queues with a customer managed key of its own, not alias/aws/sqs', () => {
    const keyArn = refTo(json, 'aws_kms_key', KEY, 'arn');
    expect(main.kms_master_key_id).toBe(keyArn);
    expect(dlq.kms_master_key_id).toBe(keyArn);
    expect(JSON.stringify(json)).not.toContain('alias/aws/sqs');
  });

  test('keeps messages 4 days, hides received ones for 30 seconds and moves them to the dead-letter queue after 5 receives', () => {
    expect(queue).toMatchObject({ messageRetentionDays: 4, visibilityTimeoutSeconds: 30, maxReceiveCount: 5 });
    expect(main).toMatchObject({ message_retention_seconds: 345_600, visibility_timeout_seconds: 30 });
    expect(JSON.parse(main.redrive_policy)).toEqual({ deadLetterTargetArn: refTo(json, 'aws_sqs_queue', DLQ, 'arn'), maxReceiveCount: 5 });
  });

  test('has a dead-letter queue that keeps messages 14 days and accepts them from this queue only', () => {
    expect(dlq).toMatchObject({ name: 'acme-dev-checkout-orders-dlq', message_retention_seconds: 1_209_600 });
    const allow = resourceAt(json, 'aws_sqs_queue_redrive_allow_policy', 'checkout-dev/Orders/RedriveAllowPolicy');
    expect(allow.queue_url).toBe(refTo(json, 'aws_sqs_queue', DLQ, 'url'));
    expect(JSON.parse(allow.redrive_allow_policy)).toEqual({ redrivePermission: 'byQueue', sourceQueueArns: [refTo(json, 'aws_sqs_queue', QUEUE, 'arn')] });
  });

  test.each([[QUEUE, 'checkout-dev/Orders/Policy'], [DLQ, 'checkout-dev/Orders/DeadLetterQueuePolicy']])('%s denies plain HTTP', (queuePath, policyPath) => {
    const policy = resourceAt(json, 'aws_sqs_queue_policy', policyPath);
    expect(policy.queue_url).toBe(refTo(json, 'aws_sqs_queue', queuePath, 'url'));
    expect(statementsOf(policy.policy)).toEqual({
      DenyInsecureTransport: {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: ['sqs:*'],
        Resource: [refTo(json, 'aws_sqs_queue', queuePath, 'arn')],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    });
  });
});

describe('Queue props', () => {
  test('uses the key, timeout, retention and receive count given', () => {
    const stack = serviceStack();
    new Queue(stack, 'Orders', { encryptionKey: new KmsKey(stack, 'Shared'), visibilityTimeoutSeconds: 300, messageRetentionDays: 14, maxReceiveCount: 3 });
    const json = renderStack(stack);
    const main = resourceAt(json, 'aws_sqs_queue', QUEUE);
    expect(Object.keys(resourcesOf(json, 'aws_kms_key'))).toHaveLength(1);
    expect(main).toMatchObject({ kms_master_key_id: refTo(json, 'aws_kms_key', 'checkout-dev/Shared/Resource', 'arn'), visibility_timeout_seconds: 300, message_retention_seconds: 1_209_600 });
    expect(JSON.parse(main.redrive_policy).maxReceiveCount).toBe(3);
  });

  test('fails when the timeout, retention and receive count are out of range, naming each', () => {
    const message = errorOf(() => new Queue(serviceStack(), 'Orders', { visibilityTimeoutSeconds: -1, messageRetentionDays: 15, maxReceiveCount: 0 }));
    expect(message).toContain("Queue 'Orders': 3 problems");
    expect(message).toContain("'visibilityTimeoutSeconds' must be a whole number of seconds from 0 to 43200, the range SQS accepts (got -1).");
    expect(message).toContain("'messageRetentionDays' must be a whole number of days from 1 to 14, the range SQS accepts (got 15).");
    expect(message).toContain("'maxReceiveCount' must be a whole number of receives from 1 to 1000, the range SQS accepts (got 0).");
  });
});

describe('Queue grants', () => {
  test('grantConsume allows receiving and deleting on this queue, and decrypting through SQS', () => {
    const stack = serviceStack();
    new Queue(stack, 'Orders').grantConsume(testRole(stack));
    const json = renderStack(stack);
    expect(grantedStatements(json)).toEqual({
      OrdersConsume: {
        Sid: 'OrdersConsume',
        Effect: 'Allow',
        Action: ['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:ReceiveMessage'],
        Resource: [refTo(json, 'aws_sqs_queue', QUEUE, 'arn')],
      },
      OrdersKeyDecryptViaSqs: {
        Sid: 'OrdersKeyDecryptViaSqs',
        Effect: 'Allow',
        Action: ['kms:Decrypt'],
        Resource: [refTo(json, 'aws_kms_key', KEY, 'arn')],
        Condition: { StringEquals: { 'kms:ViaService': 'sqs.eu-west-1.amazonaws.com' } },
      },
    });
  });

  test('grantSend allows sending to this queue, and encrypting through SQS', () => {
    const stack = serviceStack();
    const made = new Queue(stack, 'Orders').grantSend(testRole(stack));
    const json = renderStack(stack);
    expect(made.map((s) => s.sid)).toEqual(['OrdersSend', 'OrdersKeyEncryptDecryptViaSqs']);
    const statements = grantedStatements(json);
    expect(statements.OrdersSend).toEqual({
      Sid: 'OrdersSend',
      Effect: 'Allow',
      Action: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'],
      Resource: [refTo(json, 'aws_sqs_queue', QUEUE, 'arn')],
    });
    expect(statements.OrdersKeyEncryptDecryptViaSqs).toMatchObject({
      Resource: [refTo(json, 'aws_kms_key', KEY, 'arn')],
      Condition: { StringEquals: { 'kms:ViaService': 'sqs.eu-west-1.amazonaws.com' } },
    });
  });
});

describe('Queue grants to another service', () => {
  const stack = serviceStack();
  const platform = stack.platform;
  platform.declareComponent({ name: 'fulfilment', team: 'payments', goldenPath: 'test' });
  catalogComponent(platform, 'fulfilment', 'payments');
  const consumer = platform.placement('fulfilment', 'dev').stack;
  const made = new Queue(stack, 'Orders').grantConsume(testRole(consumer));

  test('name the queue by its literal ARN and the key by its alias, never by a reference into the other stack', () => {
    expect(made.map((s) => s.sid)).toEqual(['CheckoutOrdersConsume', 'CheckoutOrdersKeyDecryptViaSqs']);
    const statements = grantedStatements(renderStack(consumer));
    expect(statements.CheckoutOrdersConsume.Resource).toEqual(['arn:aws:sqs:eu-west-1:111111111111:acme-dev-checkout-orders']);
    expect(statements.CheckoutOrdersKeyDecryptViaSqs).toEqual({
      Sid: 'CheckoutOrdersKeyDecryptViaSqs',
      Effect: 'Allow',
      Action: ['kms:Decrypt'],
      Resource: ['arn:aws:kms:eu-west-1:111111111111:key/*'],
      Condition: {
        'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/acme-dev-checkout-orders-key' },
        'StringEquals': { 'aws:ResourceTag/paved:platform': 'acme', 'kms:ViaService': 'sqs.eu-west-1.amazonaws.com' },
      },
    });
  });
});
