import { spawn } from 'child_process';
import { readFileSync } from 'fs';
import { join, resolve } from 'path';
import { NodeApi } from '../../golden-paths';
import { PlannedChanges } from '../../src';
import { PROVIDER_MIRROR, TERRAFORM, describeWithTerraform, goldenPathPlatform, synthToTemp, tempDir } from '../util';

const BIN = join(resolve(__dirname, '..', '..'), 'bin', 'paved');

/** Runs the CLI, without blocking the event loop (the plans take a while). */
function paved(args: readonly string[], cwd: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

/**
 * The test platform's synth output with checkout (team payments: a database, queues `orders`
 * and `audit`) and storefront (team web), changed as `head` says.
 */
function output(head: boolean): string {
  const platform = goldenPathPlatform();
  const checkout = new NodeApi(platform, 'checkout', { team: 'payments', database: true, queues: head ? ['audit'] : ['orders', 'audit'] });
  new NodeApi(platform, 'storefront', { team: 'web', buckets: head ? ['assets'] : [] });
  if (head) {
    // A queue's name cannot change in place: the queue is replaced.
    checkout.deployments.get('dev')!.queues.get('audit')!.resource.addOverride('name', 'acme-dev-checkout-audit-v2');
  }
  return synthToTemp(platform);
}

// Two stacks, each planned three to five times (the base, its settling plans, the head), side by side.
jest.setTimeout(180_000);

describeWithTerraform('paved plan --changed --offline against the base\'s planned state', () => {
  let risk: PlannedChanges;
  let stdout: string;

  beforeAll(async () => {
    const dir = tempDir();
    const [base, head] = [output(false), output(true)];
    const run = await paved(['plan', '--changed', '--base', base, '--dist', head, '--env', 'dev', '--offline',
      '--engine', TERRAFORM, '--provider-mirror', PROVIDER_MIRROR, '--risk', 'r.json'], dir);
    expect([run.stderr, run.status]).toEqual(['', 0]);
    stdout = run.stdout;
    risk = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
  });

  test('the summary and the risk file say which stacks were planned against the base\'s planned state', () => {
    expect(stdout).toContain("\nplanned against the base's planned state (replacements and deletions show): 'checkout-dev', 'storefront-dev'\n");
    expect(risk.planned).toEqual(['checkout-dev', 'storefront-dev']);
    expect(risk.plannedAgainstBase).toEqual(['checkout-dev', 'storefront-dev']);
  });

  test('a renamed queue is a high-risk replacement, a removed one a high-risk deletion, with service and team', () => {
    const high = risk.changes.filter((c) => c.risk === 'high');
    const summary = high.map(({ stack, service, team, address, actions, replacedBecause: because }) => (
      { stack, service, team, address, actions, because }));
    expect(summary).toEqual([
      { stack: 'checkout-dev', service: 'checkout', team: 'payments', address: expect.stringMatching(/^aws_sqs_queue\.Audit_[0-9A-F]{8}$/), actions: ['delete', 'create'], because: ['name'] },
      { stack: 'checkout-dev', service: 'checkout', team: 'payments', address: expect.stringMatching(/^aws_sqs_queue\.Orders_[0-9A-F]{8}$/), actions: ['delete'], because: [] },
      { stack: 'checkout-dev', service: 'checkout', team: 'payments', address: expect.stringMatching(/^aws_sqs_queue\.Orders_DeadLetterQueue_[0-9A-F]{8}$/), actions: ['delete'], because: [] },
    ]);
    expect(high[1].why).toBe('deletes the queue: the messages in it are lost; because it was removed from the configuration');
  });

  test('resources that did not change are left out: the database is not replaced, the storefront\'s key and role are untouched', () => {
    expect(risk.changes.filter((c) => c.resourceType === 'aws_db_instance' || c.resourceType === 'aws_kms_key').map((c) => `${c.stack} ${c.address} ${c.actions}`)).toEqual([]);
    const storefront = risk.changes.filter((c) => c.stack === 'storefront-dev');
    expect(storefront.filter((c) => c.risk === 'high')).toEqual([]);
    expect(storefront.filter((c) => !c.actions.includes('create')).map((c) => `${c.address} ${c.actions}`)).toEqual([]);
    expect(storefront.map((c) => c.resourceType)).toContain('aws_s3_bucket');
  });
});
