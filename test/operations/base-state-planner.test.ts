import { spawn } from 'child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { basename, join, resolve } from 'path';
import { NodeApi } from '../../golden-paths';
import { BaseStatePlanner, EngineError, IEngine, MAX_SETTLING_PLANS, PlannedChanges, ProviderSchemas, STATE_FILE, ShownPlan } from '../../src';
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

/** A plan of one queue `q`, with `actions` and the queue's name after them. */
function queuePlan(actions: readonly string[], stated: boolean, after = 'q'): ShownPlan {
  return {
    terraform_version: '1.11.4',
    planned_values: { root_module: { resources: [{ address: 'aws_sqs_queue.q', mode: 'managed', type: 'aws_sqs_queue', name: 'q', provider_name: 'aws', schema_version: 0, values: { name: 'q' } }] } },
    resource_changes: [{ address: 'aws_sqs_queue.q', type: 'aws_sqs_queue', change: { actions, before: stated ? { name: 'q' } : null, after: { name: after } } }],
  };
}

/**
 * An in-process engine whose every plan of a stack creates one queue from an empty state; against
 * a state, it changes nothing when it `settles`, or renames the queue to `q2`. It counts its steps.
 */
class CountingEngine implements IEngine {
  public readonly name = 'counting';
  public readonly steps: string[] = [];
  constructor(private readonly settles: boolean, private readonly failsFromState = false) {}
  public async init(dir: string): Promise<void> {
    this.steps.push(`init ${basename(dir)}`);
  }
  public async plan(dir: string): Promise<void> {
    this.steps.push(`plan ${basename(dir)}`);
    if (this.failsFromState && existsSync(join(dir, STATE_FILE))) {
      throw new EngineError('terraform plan failed');
    }
  }
  public async show(dir: string): Promise<ShownPlan> {
    const stated = existsSync(join(dir, STATE_FILE));
    return !stated ? queuePlan(['create'], false) : this.settles ? queuePlan(['no-op'], true) : queuePlan(['update'], true, 'q2');
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
  const stack = (id: string, headDir: string) => ({ environment: 'dev', id, directory: `terraform/dev/${id}`, headDir, log: join(headDir, 'log') });
  /** A head plan that records its runs in `engine` and plans `plan` when the head's copy has a state. */
  const head = (engine: CountingEngine, dir: string, plan: ShownPlan) => async () => {
    engine.steps.push(`head ${existsSync(join(dir, STATE_FILE)) ? 'against the stand-in' : 'from an empty state'}`);
    return existsSync(join(dir, STATE_FILE)) ? plan : queuePlan(['create'], false);
  };

  test('plans the base from an empty state, then the base and the head against its stand-in, and reads the schemas once, alongside the first plan', async () => {
    const engine = new CountingEngine(true);
    const planner = new BaseStatePlanner({ engine, base, root: tempDir() });
    const [a, b] = [tempDir(), tempDir()];
    const updated = queuePlan(['update'], true, 'q-head');
    expect(await planner.planAgainstBase(stack('a-dev', a), head(engine, a, updated))).toEqual({ shown: updated, plannedAgainst: 'base' });
    await planner.planAgainstBase(stack('b-dev', b), head(engine, b, updated));
    expect(engine.steps).toEqual([
      'init a-dev', 'schemas a-dev', 'plan a-dev', 'plan a-dev', 'head against the stand-in',
      'init b-dev', 'plan b-dev', 'plan b-dev', 'head against the stand-in',
    ]);
    expect(JSON.parse(readFileSync(join(b, STATE_FILE), 'utf8')).resources[0].instances[0].attributes).toEqual({ name: 'q', id: 'paved-offline:aws_sqs_queue.q' });
  });

  test('takes the head\'s plan when what the base still changes, the head changes the same way: a no-op', async () => {
    const engine = new CountingEngine(false);
    const dir = tempDir();
    const planned = await new BaseStatePlanner({ engine, base, root: tempDir() }).planAgainstBase(stack('a-dev', dir), head(engine, dir, queuePlan(['update'], true, 'q2')));
    expect(planned).toEqual({ shown: queuePlan(['no-op'], true, 'q2'), plannedAgainst: 'base' });
    expect(engine.steps.filter((s) => s.startsWith('plan') || s.startsWith('head'))).toEqual(['plan a-dev', 'plan a-dev', 'head against the stand-in']);
  });

  test('after the most settling plans with the head changing what the base still changes otherwise, plans the head from an empty state and says why', async () => {
    const engine = new CountingEngine(false);
    const dir = tempDir();
    const planned = await new BaseStatePlanner({ engine, base, root: tempDir() }).planAgainstBase(stack('a-dev', dir), head(engine, dir, queuePlan(['update'], true, 'q-head')));
    expect(planned).toEqual({
      shown: queuePlan(['create'], false),
      plannedAgainst: 'empty',
      standInProblem: 'its base could not be planned, so it was planned against an empty state and its replacements and deletions are not seen: '
        + `the stand-in of its base's state did not settle: planned against it ${MAX_SETTLING_PLANS} times, the base still changes resources that the head changes otherwise; see ${join(dir, 'log')}`,
    });
    expect(engine.steps.filter((s) => s.startsWith('plan'))).toHaveLength(1 + MAX_SETTLING_PLANS);
    expect(engine.steps.filter((s) => s === 'head against the stand-in')).toHaveLength(MAX_SETTLING_PLANS);
    expect(engine.steps.at(-1)).toBe('head from an empty state');
    expect(existsSync(join(dir, STATE_FILE))).toBe(false);
  });

  test('a base that cannot be planned against its stand-in: the head is planned from an empty state; a head that cannot be planned fails', async () => {
    const engine = new CountingEngine(true, true);
    const dir = tempDir();
    const planned = await new BaseStatePlanner({ engine, base, root: tempDir() }).planAgainstBase(stack('a-dev', dir), head(engine, dir, queuePlan(['no-op'], true)));
    expect(planned).toMatchObject({ plannedAgainst: 'empty', standInProblem: expect.stringMatching(/: terraform plan failed$/) });
    expect(engine.steps.slice(-2)).toEqual(['head against the stand-in', 'head from an empty state']);
    const failing = async () => {
      throw new EngineError('the head\'s plan failed');
    };
    await expect(new BaseStatePlanner({ engine: new CountingEngine(true), base, root: tempDir() }).planAgainstBase(stack('a-dev', tempDir()), failing))
      .rejects.toThrow('the head\'s plan failed');
  });
});

// Two stacks, each planned three times or more (the base, then the base and the head side by side), side by side.
jest.setTimeout(180_000);

describeWithTerraform('paved plan --changed --offline against the base\'s planned state', () => {
  let risk: PlannedChanges;
  let stdout: string;
  let logs: string;

  beforeAll(async () => {
    const dir = tempDir();
    logs = join(dir, 'logs', 'dev');
    const [base, head] = [output(false), output(true)];
    const run = await paved(['plan', '--changed', '--base', base, '--dist', head, '--env', 'dev', '--offline',
      '--engine', TERRAFORM, '--provider-mirror', PROVIDER_MIRROR, '--risk', 'r.json', '--logs', 'logs'], dir);
    expect([run.stderr, run.status]).toEqual(['', 0]);
    stdout = run.stdout;
    risk = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
  });

  test('the summary and the risk file say which stacks were planned against the base\'s planned state', () => {
    expect(stdout).toContain("\nplanned against the base's planned state (replacements and deletions show): 'checkout-dev', 'storefront-dev'\n");
    expect(risk.planned).toEqual(['checkout-dev', 'storefront-dev']);
    expect(risk.plannedAgainstBase).toEqual(['checkout-dev', 'storefront-dev']);
  });

  test('the base is planned twice, the head once: the stand-in settles at once, but for the database secret the head changes as the base does', () => {
    const plans = (log: string) => readFileSync(join(logs, log), 'utf8').split('\n').filter((line) => line.startsWith('$ terraform plan ')).length;
    expect(['checkout-dev.base.log', 'checkout-dev.log', 'storefront-dev.base.log', 'storefront-dev.log'].map(plans)).toEqual([2, 1, 2, 1]);
    expect(readFileSync(join(logs, 'checkout-dev.base.log'), 'utf8')).toMatch(/# aws_secretsmanager_secret_version\.\w+ must be replaced/);
    expect(risk.changes.filter((c) => c.resourceType === 'aws_secretsmanager_secret_version')).toEqual([]);
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
