import { spawn } from 'child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { basename, join, resolve } from 'path';
import { NodeApi } from '../../golden-paths';
import { BaseStatePlanner, IEngine, MAX_SETTLING_PLANS, PlannedChanges, ProviderSchemas, STATE_FILE, ShownPlan } from '../../src';
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

/** An in-process engine whose every plan of a stack creates one queue, or changes it once a state has it; it counts its steps. */
class CountingEngine implements IEngine {
  public readonly name = 'counting';
  public readonly steps: string[] = [];
  constructor(private readonly settles: boolean) {}
  public async init(dir: string): Promise<void> {
    this.steps.push(`init ${basename(dir)}`);
  }
  public async plan(dir: string): Promise<void> {
    this.steps.push(`plan ${basename(dir)}`);
  }
  public async show(dir: string): Promise<ShownPlan> {
    const stated = existsSync(join(dir, STATE_FILE));
    const actions = !stated ? ['create'] : this.settles ? ['no-op'] : ['update'];
    return {
      terraform_version: '1.11.4',
      planned_values: { root_module: { resources: [{ address: 'aws_sqs_queue.q', mode: 'managed', type: 'aws_sqs_queue', name: 'q', provider_name: 'aws', schema_version: 0, values: { name: 'q' } }] } },
      resource_changes: [{ address: 'aws_sqs_queue.q', type: 'aws_sqs_queue', change: { actions, before: stated ? { name: 'q' } : null, after: { name: stated ? 'q2' : 'q' } } }],
    };
  }
  public async providerSchemas(dir: string): Promise<ProviderSchemas> {
    this.steps.push(`schemas ${basename(dir)}`);
    return { aws: { aws_sqs_queue: { version: 0, block: { attributes: { name: { type: 'string' } } } } } };
  }
  public async apply(): Promise<void> {}
  public async output(): Promise<Record<string, never>> {
    return {};
  }
}

describe('BaseStatePlanner', () => {
  const base = tempDir();
  for (const id of ['a-dev', 'b-dev']) {
    mkdirSync(join(base, 'terraform', 'dev', id), { recursive: true });
    writeFileSync(join(base, 'terraform', 'dev', id, 'cdk.tf.json'), JSON.stringify({ provider: { aws: [{ region: 'eu-west-1' }] } }));
  }

  test('plans the base from an empty state, then against its stand-in until it plans no change, and reads the schemas once per provider', async () => {
    const engine = new CountingEngine(true);
    const planner = new BaseStatePlanner({ engine, base, root: tempDir() });
    const [a, b] = [tempDir(), tempDir()];
    await planner.writeStandIn('dev', 'a-dev', 'terraform/dev/a-dev', a, join(a, 'log'));
    await planner.writeStandIn('dev', 'b-dev', 'terraform/dev/b-dev', b, join(b, 'log'));
    expect(engine.steps).toEqual(['init a-dev', 'plan a-dev', 'schemas a-dev', 'plan a-dev', 'init b-dev', 'plan b-dev', 'plan b-dev']);
    expect(JSON.parse(readFileSync(join(b, STATE_FILE), 'utf8')).resources[0].instances[0].attributes).toEqual({ name: 'q', id: 'paved-offline:aws_sqs_queue.q' });
  });

  test('fails when the base still changes something after the most settling plans, writing no state into the head', async () => {
    const engine = new CountingEngine(false);
    const head = tempDir();
    await expect(new BaseStatePlanner({ engine, base, root: tempDir() }).writeStandIn('dev', 'a-dev', 'terraform/dev/a-dev', head, join(head, 'log')))
      .rejects.toThrow(`the stand-in of its base's state did not settle: planned against it ${MAX_SETTLING_PLANS} times, the base still changes resources; see ${join(head, 'log')}`);
    expect(engine.steps.filter((s) => s.startsWith('plan'))).toHaveLength(1 + MAX_SETTLING_PLANS);
    expect(existsSync(join(head, STATE_FILE))).toBe(false);
  });
});

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
