import { spawn } from 'child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { basename, join, relative, resolve } from 'path';
import { NodeApi } from '../../golden-paths';
import { BaseStatePlanner, EngineError, IEngine, MAX_SETTLING_PLANS, PlanOptions, PlannedChanges, ProviderSchemas, STATE_FILE, ShownPlan, StateResource } from '../../src';
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

/** The plan of a configuration that calls stacks as modules, from the plans of each stack alone (by module). */
function asModules(plans: Readonly<Record<string, ShownPlan>>): ShownPlan {
  const entries = Object.entries(plans);
  return {
    terraform_version: '1.11.4',
    planned_values: {
      root_module: {
        child_modules: entries.map(([module, plan]) => ({
          address: module,
          resources: (plan.planned_values?.root_module?.resources ?? []).map((r) => ({ ...r, address: `${module}.${r.address}` })),
        })),
      },
    },
    resource_changes: entries.flatMap(([module, plan]) => (plan.resource_changes ?? []).map((r) => ({ ...r, address: `${module}.${r.address}`, module_address: module }))),
  };
}

/**
 * An in-process engine for base-and-head configurations: its plan of the base alone (targeted)
 * creates one queue from an empty state; against a state, the base changes nothing when it
 * `settles`, or renames the queue to `q2`, and the head plans `headPlan`. It counts its steps.
 */
class CountingEngine implements IEngine {
  public readonly name = 'counting';
  public readonly steps: string[] = [];
  private targeted = false;
  constructor(private readonly settles: boolean, private readonly headPlan: ShownPlan, private readonly failsFromState = false) {}
  public async init(dir: string): Promise<void> {
    this.steps.push(`init ${basename(dir)}`);
  }
  public async plan(dir: string, _planFile: string, _log: string, options: PlanOptions): Promise<void> {
    this.targeted = options.targets !== undefined;
    this.steps.push(`plan ${basename(dir)}${options.targets ? ` ${options.targets.join(' ')}` : ''}`);
    if (this.failsFromState && existsSync(join(dir, STATE_FILE))) {
      throw new EngineError('terraform plan failed');
    }
  }
  public async show(dir: string): Promise<ShownPlan> {
    if (!existsSync(join(dir, STATE_FILE))) {
      return asModules({ 'module.base': queuePlan(['create'], false) });
    }
    const base = this.settles ? queuePlan(['no-op'], true) : queuePlan(['update'], true, 'q2');
    return asModules(this.targeted ? { 'module.base': base } : { 'module.base': base, 'module.head': this.headPlan });
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
  const stack = (id: string, headDir: string) => ({ environment: 'dev', id, directory: `terraform/dev/${id}`, headDir, log: join(headDir, 'base.log'), headLog: join(headDir, 'log') });
  /** A plan of the head's copy alone, which records its runs in `engine` and fails when `fails`. */
  const head = (engine: CountingEngine, dir: string, fails = false) => async () => {
    engine.steps.push(`head ${existsSync(join(dir, STATE_FILE)) ? 'against the stand-in' : 'from an empty state'}`);
    if (fails) {
      throw new EngineError('the head\'s plan failed');
    }
    return queuePlan(['create'], false);
  };

  test('plans the base alone from an empty state, then the base and the head together against its stand-in, and reads the schemas once, alongside the first plan', async () => {
    const updated = queuePlan(['update'], true, 'q-head');
    const engine = new CountingEngine(true, updated);
    const root = tempDir();
    const planner = new BaseStatePlanner({ engine, base, root });
    const [a, b] = [tempDir(), tempDir()];
    expect(await planner.planAgainstBase(stack('a-dev', a), head(engine, a))).toEqual({ shown: updated, plannedAgainst: 'base' });
    await planner.planAgainstBase(stack('b-dev', b), head(engine, b));
    expect(engine.steps).toEqual([
      'init a-dev', 'schemas a-dev', 'plan a-dev module.base', 'plan a-dev',
      'init b-dev', 'plan b-dev module.base', 'plan b-dev',
    ]);
    const configuration = JSON.parse(readFileSync(join(root, 'dev', 'b-dev', 'main.tf.json'), 'utf8'));
    expect(configuration.module).toEqual({ base: { source: './base' }, head: { source: relative(join(root, 'dev', 'b-dev'), b) } });
    expect(existsSync(join(root, 'dev', 'b-dev', 'base', 'cdk.tf.json'))).toBe(true);
    const state = JSON.parse(readFileSync(join(root, 'dev', 'b-dev', STATE_FILE), 'utf8'));
    expect(state.resources.map((r: StateResource) => [r.module, r.provider, r.instances[0].attributes])).toEqual(['module.base', 'module.head'].map((module) => (
      [module, `${module}.provider["aws"]`, { name: 'q', id: 'paved-offline:aws_sqs_queue.q' }])));
    expect(existsSync(join(b, STATE_FILE))).toBe(false);
  });

  test('takes the head\'s plan when what the base still changes, the head changes the same way: a no-op', async () => {
    const engine = new CountingEngine(false, queuePlan(['update'], true, 'q2'));
    const dir = tempDir();
    const planned = await new BaseStatePlanner({ engine, base, root: tempDir() }).planAgainstBase(stack('a-dev', dir), head(engine, dir));
    expect(planned).toEqual({ shown: queuePlan(['no-op'], true, 'q2'), plannedAgainst: 'base' });
    expect(engine.steps.filter((s) => s.startsWith('plan') || s.startsWith('head'))).toEqual(['plan a-dev module.base', 'plan a-dev']);
  });

  test('after the most settling plans with the head changing what the base still changes otherwise, plans the head alone from an empty state and says why', async () => {
    const engine = new CountingEngine(false, queuePlan(['update'], true, 'q-head'));
    const dir = tempDir();
    const planned = await new BaseStatePlanner({ engine, base, root: tempDir() }).planAgainstBase(stack('a-dev', dir), head(engine, dir));
    expect(planned).toEqual({
      shown: queuePlan(['create'], false),
      plannedAgainst: 'empty',
      standInProblem: 'its base could not be planned, so it was planned against an empty state and its replacements and deletions are not seen: '
        + `the stand-in of its base's state did not settle: planned against it ${MAX_SETTLING_PLANS} times, the base still changes resources that the head changes otherwise; see ${join(dir, 'log')}`,
    });
    expect(engine.steps.filter((s) => s.startsWith('plan'))).toEqual(['plan a-dev module.base', ...Array(MAX_SETTLING_PLANS).fill('plan a-dev')]);
    expect(engine.steps.filter((s) => s.startsWith('head'))).toEqual(['head from an empty state']);
    expect(existsSync(join(dir, STATE_FILE))).toBe(false);
  });

  test('when the plan of both fails, the head alone tells which failed: the base (the head is planned from an empty state) or the head (its error)', async () => {
    const engine = new CountingEngine(true, queuePlan(['no-op'], true), true);
    const dir = tempDir();
    const planned = await new BaseStatePlanner({ engine, base, root: tempDir() }).planAgainstBase(stack('a-dev', dir), head(engine, dir));
    expect(planned).toMatchObject({ plannedAgainst: 'empty', standInProblem: expect.stringMatching(/: terraform plan failed$/) });
    expect(engine.steps.slice(-2)).toEqual(['head against the stand-in', 'head from an empty state']);
    const failing = new CountingEngine(true, queuePlan(['no-op'], true), true);
    const failingDir = tempDir();
    await expect(new BaseStatePlanner({ engine: failing, base, root: tempDir() }).planAgainstBase(stack('a-dev', failingDir), head(failing, failingDir, true)))
      .rejects.toThrow('the head\'s plan failed');
    expect(failing.steps.slice(-1)).toEqual(['head against the stand-in']);
  });
});

// Two stacks, side by side, each planned twice or more (the base alone, then the base and the head together).
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

  test('the base is planned alone once, then together with the head once: the stand-in settles at once, but for the database secret the head changes as the base does', () => {
    const plans = (log: string) => readFileSync(join(logs, log), 'utf8').split('\n').filter((line) => line.startsWith('$ terraform plan ')).map((line) => line.includes('-target=module.base'));
    expect(['checkout-dev.base.log', 'checkout-dev.log', 'storefront-dev.base.log', 'storefront-dev.log'].map(plans)).toEqual([[true], [false], [true], [false]]);
    expect(readFileSync(join(logs, 'checkout-dev.log'), 'utf8')).toMatch(/# module\.base\.aws_secretsmanager_secret_version\.\w+ must be replaced/);
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
