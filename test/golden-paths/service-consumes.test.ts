import { parse } from 'yaml';
import { NodeApi, PythonWorker } from '../../golden-paths';
import { check } from '../../src';
import { errorOf, goldenPathPlatform, readStack, readTree, resourcesOf, synthToTemp } from '../util';

const AS_OF = '2026-11-28';

/** A worker of team web consuming the queue and reading the bucket of team payments' API. */
function consumerPlatform(order: 'consumer-first' | 'producer-first') {
  const platform = goldenPathPlatform({ asOf: AS_OF });
  const producer = () => new NodeApi(platform, 'billing', { team: 'payments', queues: ['invoices'], buckets: ['exports'] });
  const consumer = () => new PythonWorker(platform, 'invoicer', {
    team: 'web', queues: ['invoices'], consumes: { queues: ['billing/invoices'], buckets: ['billing/exports'] },
  });
  if (order === 'consumer-first') {
    consumer();
    producer();
  } else {
    producer();
    consumer();
  }
  return platform;
}

const keyGrant = (sid: string, via: string) => ({
  Sid: sid,
  Effect: 'Allow',
  Action: ['kms:Decrypt'],
  Resource: ['arn:aws:kms:eu-west-1:111111111111:key/*'],
  Condition: {
    'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/acme-dev-billing-key' },
    'StringEquals': { 'aws:ResourceTag/paved:platform': 'acme', 'kms:ViaService': `${via}.eu-west-1.amazonaws.com` },
  },
});

describe('a service that consumes another service\'s queue and reads its bucket', () => {
  const platform = consumerPlatform('consumer-first');
  const outdir = synthToTemp(platform);
  const files = readTree(outdir);
  const statements = (stack: string) => Object.values(resourcesOf(readStack(outdir, 'dev', stack), 'aws_iam_role_policy'))
    .flatMap((p: any) => JSON.parse(p.policy).Statement);

  test('its role may consume the queue and read the bucket by their literal ARNs, and decrypt with the producer\'s key by its alias', () => {
    const granted = statements('invoicer-dev').filter((s: any) => s.Sid.startsWith('Billing'));
    expect(granted).toEqual([
      { Sid: 'BillingExportsList', Effect: 'Allow', Action: ['s3:GetBucketLocation', 's3:ListBucket'], Resource: ['arn:aws:s3:::acme-dev-billing-exports'] },
      { Sid: 'BillingExportsRead', Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::acme-dev-billing-exports/*'] },
      {
        Sid: 'BillingInvoicesConsume',
        Effect: 'Allow',
        Action: ['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:ReceiveMessage'],
        Resource: ['arn:aws:sqs:eu-west-1:111111111111:acme-dev-billing-invoices'],
      },
      keyGrant('BillingKeyDecryptViaS3', 's3'),
      keyGrant('BillingKeyDecryptViaSqs', 'sqs'),
    ]);
  });

  test('its own queue of the same name stays its own, and the producer\'s stack is unchanged', () => {
    expect(statements('invoicer-dev').find((s: any) => s.Sid === 'InvoicesConsume').Resource).toEqual(['${aws_sqs_queue.Invoices_F0222E8D.arn}']);
    const alone = goldenPathPlatform({ asOf: AS_OF });
    new NodeApi(alone, 'billing', { team: 'payments', queues: ['invoices'], buckets: ['exports'] });
    expect(readStack(synthToTemp(alone), 'dev', 'billing-dev')).toEqual(readStack(outdir, 'dev', 'billing-dev'));
  });

  test('its pods get the queue\'s URL and the bucket\'s name', () => {
    const env = parse(files.get('gitops/dev/apps/invoicer/deployment-invoicer.yaml')!).spec.template.spec.containers[0].env;
    expect(env).toContainEqual({ name: 'QUEUE_BILLING_INVOICES_URL', value: 'https://sqs.eu-west-1.amazonaws.com/111111111111/acme-dev-billing-invoices' });
    expect(env).toContainEqual({ name: 'BUCKET_BILLING_EXPORTS', value: 'acme-dev-billing-exports' });
    expect(env).toContainEqual({ name: 'QUEUE_INVOICES_URL', value: 'https://sqs.eu-west-1.amazonaws.com/111111111111/acme-dev-invoicer-invoices' });
  });

  test('the catalog shows that it depends on the producer\'s queue and bucket; the network needs no pod-to-pod rule', () => {
    expect(parse(files.get('catalog/component-invoicer.yaml')!).spec.dependsOn).toEqual(['resource:billing-bucket-exports', 'resource:billing-queue-invoices']);
    const policy = parse(files.get('gitops/dev/apps/invoicer/networkpolicy-invoicer.yaml')!).spec;
    expect(JSON.stringify(policy.egress)).not.toContain('billing');
  });

  test('passes every guardrail', () => {
    const report = JSON.parse(files.get('report/report.json')!);
    expect(report.checked).toBe(true);
    expect(report.totals).toMatchObject({ errors: 0 });
    expect(report.findings.filter((f: any) => f.level === 'error')).toEqual([]);
  });

  test('the order of declaration does not matter', () => {
    expect(readTree(synthToTemp(consumerPlatform('producer-first')))).toEqual(files);
  });
});

describe('what a service consumes must exist', () => {
  test('an unknown service is an error naming the consumer, the service and the fix', () => {
    const platform = goldenPathPlatform({ asOf: AS_OF });
    new PythonWorker(platform, 'invoicer', { team: 'web', consumes: { queues: ['billing/invoices'] } });
    expect(errorOf(() => check(platform, { asOf: AS_OF }))).toBe("PythonWorker 'invoicer': 'consumes.queues' names 'billing/invoices', but 'billing' is not a service on a golden path; the services are 'invoicer'. Declare 'billing' or fix the name.");
  });

  test('a queue or bucket the producer does not declare is an error naming both', () => {
    const platform = goldenPathPlatform({ asOf: AS_OF });
    new NodeApi(platform, 'billing', { team: 'payments', queues: ['invoices'] });
    new PythonWorker(platform, 'invoicer', { team: 'web', consumes: { queues: ['billing/payouts'], buckets: ['billing/exports'] } });
    expect(errorOf(() => check(platform, { asOf: AS_OF }))).toBe("PythonWorker 'invoicer': 2 problems:\n  - 'consumes.queues' names 'billing/payouts', but service 'billing' declares no queue 'payouts' (its queues are 'invoices'); add 'payouts' to the 'queues' of 'billing', or fix the name.\n"
      + "  - 'consumes.buckets' names 'billing/exports', but service 'billing' declares no bucket 'exports' (it declares no buckets); add 'exports' to the 'buckets' of 'billing', or fix the name.");
  });

  test.each([
    ['not <service>/<name>', 'invoices', "'consumes.queues' must name another service's resource as '<service>/<name>', such as 'billing/invoices' (got \"invoices\")."],
    ['its own queue', 'invoicer/invoices', "'consumes.queues' names the service's own 'invoices' ('invoicer/invoices'); list it in 'queues' instead."],
    ['a variable its own queue has', 'billing/invoices', "'consumes.queues' names 'billing/invoices', whose variable QUEUE_BILLING_INVOICES_URL is already that of one of the service's own queues; rename that one."],
  ])('%s is refused', (_, ref, message) => {
    const platform = goldenPathPlatform({ asOf: AS_OF });
    expect(errorOf(() => new PythonWorker(platform, 'invoicer', { team: 'web', queues: ['billing-invoices'], consumes: { queues: [ref] } }))).toContain(message);
  });
});
