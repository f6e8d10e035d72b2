import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { join } from 'path';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { BinaryEngine, CliError, PLAN_FILE, RunStacksOptions, StackRun, runStacks } from '../../src';
import { TestComponent, TestPlatformInfrastructure, readTree, synthToTemp, tempDir, testPlatform } from '../util';

/** The fake engine: a stand-in for terraform that records when each step ran. */
export const FAKE_ENGINE = join(__dirname, 'fake-engine');

interface Step {
  readonly stack: string;
  readonly step: string;
  readonly start: number;
  readonly end: number;
  readonly cwd: string;
  readonly offline: boolean;
}

/** platform-<env>, checkout-<env> and storefront-<env> in dev, staging and prod. */
function synthesized(): string {
  const platform = testPlatform();
  new TestPlatformInfrastructure(platform);
  new TestComponent(platform, 'checkout');
  new TestComponent(platform, 'storefront', 'web');
  return synthToTemp(platform);
}

async function run(dist: string, options: Partial<RunStacksOptions>, env: Record<string, string> = {}): Promise<{ runs: StackRun[]; steps: Step[] }> {
  const record = join(tempDir(), 'steps.jsonl');
  const saved = { ...process.env };
  Object.assign(process.env, { FAKE_ENGINE_RECORD: record, ...env });
  let engine: BinaryEngine;
  try {
    engine = new BinaryEngine({ binary: FAKE_ENGINE });
  } finally {
    process.env = saved;
  }
  const runs = await runStacks({ dist, command: 'plan', engine, logDir: join(tempDir(), 'logs'), ...options });
  const steps = existsSync(record) ? readFileSync(record, 'utf8').trim().split('\n').map((line) => JSON.parse(line)) : [];
  return { runs, steps };
}

/** Each stack's span: its first step's start to its last step's end. */
function spans(steps: readonly Step[]): Map<string, { start: number; end: number }> {
  const result = new Map<string, { start: number; end: number }>();
  for (const step of steps) {
    const span = result.get(step.stack) ?? { start: step.start, end: step.end };
    result.set(step.stack, { start: Math.min(span.start, step.start), end: Math.max(span.end, step.end) });
  }
  return result;
}

function mostAtOnce(steps: readonly Step[]): number {
  const edges = [...spans(steps).values()].flatMap(({ start, end }) => [[start, 1], [end, -1]]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let current = 0;
  let most = 0;
  for (const [, delta] of edges) {
    current += delta;
    most = Math.max(most, current);
  }
  return most;
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

// Each fake engine step is a node process: a loaded machine takes a while to start many.
jest.setTimeout(30_000);

describe('runStacks with a fake engine', () => {
  const dist = synthesized();

  test('plans every stack, platform stacks before the service stacks of their environment', async () => {
    const { runs, steps } = await run(dist, { parallelism: 4 });
    expect(runs.map((r) => [r.id, r.result, r.counts])).toEqual(['dev', 'staging', 'prod'].flatMap((env) => [
      [`platform-${env}`, 'ok', { adds: 1, changes: 0, destroys: 0 }],
      [`checkout-${env}`, 'ok', { adds: 1, changes: 0, destroys: 0 }],
      [`storefront-${env}`, 'ok', { adds: 1, changes: 0, destroys: 0 }],
    ]));
    const span = spans(steps);
    for (const env of ['dev', 'staging', 'prod']) {
      for (const service of ['checkout', 'storefront']) {
        expect(span.get(`${service}-${env}`)!.start).toBeGreaterThanOrEqual(span.get(`platform-${env}`)!.end);
      }
    }
    expect(steps.filter((s) => s.stack === 'checkout-dev').map((s) => s.step)).toEqual(['init', 'plan', 'show']);
    expect(existsSync(join(dist, 'terraform/dev/checkout-dev', PLAN_FILE))).toBe(true);
  });

  test('runs independent stacks at once, never more than --parallelism', async () => {
    const two = await run(dist, { environments: ['dev'], parallelism: 2 }, { FAKE_ENGINE_SLEEP_MS: '400' });
    const span = spans(two.steps);
    const checkout = span.get('checkout-dev')!;
    const storefront = span.get('storefront-dev')!;
    expect(checkout.start < storefront.end && storefront.start < checkout.end).toBe(true);
    expect(mostAtOnce(two.steps)).toBe(2);
  });

  test('runs three at once with --parallelism 3, and one at a time with 1', async () => {
    const three = await run(dist, { parallelism: 3 }, { FAKE_ENGINE_SLEEP_MS: '200' });
    expect(mostAtOnce(three.steps)).toBe(3);
    const one = await run(dist, { environments: ['dev'], parallelism: 1 }, { FAKE_ENGINE_SLEEP_MS: '100' });
    expect(mostAtOnce(one.steps)).toBe(1);
  });

  test('does not attempt the dependants of a failed stack, and goes on with the rest', async () => {
    const { runs, steps } = await run(dist, {}, { FAKE_ENGINE_FAIL: 'platform-dev' });
    const byId = new Map(runs.map((r) => [r.id, r]));
    expect(byId.get('platform-dev')).toMatchObject({ result: 'failed' });
    expect(byId.get('platform-dev')!.error).toMatch(/^fake-engine plan failed in .*platform-dev \(exit 1\); see .*dev\/platform-dev.log$/);
    expect(readFileSync(byId.get('platform-dev')!.log!, 'utf8')).toContain('Error: fake failure planning platform-dev');
    expect(byId.get('checkout-dev')).toEqual({
      id: 'checkout-dev',
      environment: 'dev',
      service: 'checkout',
      result: 'skipped',
      seconds: 0,
      error: "not attempted: it depends on 'platform-dev', which failed",
    });
    expect(steps.some((s) => s.stack === 'checkout-dev' || s.stack === 'storefront-dev')).toBe(false);
    expect(runs.filter((r) => r.environment !== 'dev').every((r) => r.result === 'ok')).toBe(true);
  });

  test('--env and --stack select stacks; an ephemeral environment goes with the one it came from', async () => {
    expect((await run(dist, { environments: ['staging'] })).runs.map((r) => r.id)).toEqual(['platform-staging', 'checkout-staging', 'storefront-staging']);
    expect((await run(dist, { stacks: ['checkout-prod', 'checkout-dev'] })).runs.map((r) => r.id)).toEqual(['checkout-dev', 'checkout-prod']);
    const graphFile = join(dist, 'terraform/stacks.json');
    const original = readFileSync(graphFile, 'utf8');
    const graph = JSON.parse(original);
    graph.environments.push({ name: 'pr-7', tier: 'development', production: false, from: 'dev' });
    // Its own directory: a copy sharing checkout-dev's would plan at the same time as it and
    // overwrite the plan file checkout-dev's show reads (the race behind a flaky
    // "Unexpected end of JSON input"); readStackGraph now refuses that.
    const ephemeralDir = join(dist, 'terraform/pr-7/checkout-pr-7');
    cpSync(join(dist, 'terraform/dev/checkout-dev'), ephemeralDir, { recursive: true });
    graph.stacks.push({ ...graph.stacks.find((s: any) => s.id === 'checkout-dev'), id: 'checkout-pr-7', environment: 'pr-7', directory: 'terraform/pr-7/checkout-pr-7' });
    writeFileSync(graphFile, JSON.stringify(graph));
    try {
      expect((await run(dist, { environments: ['dev'] })).runs.map((r) => r.id)).toEqual(['platform-dev', 'checkout-dev', 'storefront-dev', 'checkout-pr-7']);
    } finally {
      writeFileSync(graphFile, original);
      rmSync(join(dist, 'terraform/pr-7'), { recursive: true, force: true });
    }
  });

  test('a failed init that could not reach the provider registry says how to pass --provider-mirror', async () => {
    const { runs } = await run(dist, { stacks: ['platform-dev'] }, { FAKE_ENGINE_NO_REGISTRY: '1' });
    expect(runs[0].result).toBe('failed');
    expect(runs[0].error).toMatch(/^fake-engine init failed in .*platform-dev \(exit 1\); see .*platform-dev\.log; the provider registry could not be reached and no mirror is configured: pass --provider-mirror DIR with a directory that holds the providers \(registry\.terraform\.io\/hashicorp\/aws\/\.\.\., made with 'fake-engine providers mirror DIR' where the registry is reachable\), or plan where the registry is reachable$/);
    const mirror = tempDir();
    const saved = { ...process.env };
    process.env.FAKE_ENGINE_NO_REGISTRY = '1';
    try {
      const engine = new BinaryEngine({ binary: FAKE_ENGINE, providerMirror: mirror });
      const [mirrored] = await runStacks({ dist, command: 'plan', engine, logDir: tempDir(), stacks: ['platform-dev'] });
      expect(mirrored.error).toMatch(new RegExp(`; the provider mirror ${mirror} does not hold the providers the stack needs: add them with 'fake-engine providers mirror ${mirror}' where the registry is reachable$`));
    } finally {
      process.env = saved;
    }
  });

  test('fails before running anything when two stacks share a directory', async () => {
    const graphFile = join(dist, 'terraform/stacks.json');
    const original = readFileSync(graphFile, 'utf8');
    const graph = JSON.parse(original);
    graph.stacks.push({ ...graph.stacks.find((s: any) => s.id === 'checkout-dev'), id: 'checkout-copy' });
    writeFileSync(graphFile, JSON.stringify(graph));
    try {
      expect((await rejection(run(dist, {}))).message)
        .toBe(`${graphFile}: stacks 'checkout-dev' and 'checkout-copy' have the same directory terraform/dev/checkout-dev; each stack needs its own, synthesize again instead of editing the file.`);
    } finally {
      writeFileSync(graphFile, original);
    }
  });

  test('fails before running anything when an environment or stack is unknown', async () => {
    const error = await rejection(run(dist, { environments: ['qa'] }));
    expect(error).toBeInstanceOf(CliError);
    expect(error.message).toBe("unknown environment 'qa'; the synth output has 'dev', 'staging', 'prod'.");
    expect((await rejection(run(dist, { stacks: ['checkout'] }))).message).toMatch(/^unknown stack 'checkout'; the synth output has 'platform-dev', 'checkout-dev', /);
    expect((await rejection(run(tempDir(), {}))).message).toMatch(/terraform\/stacks.json does not exist; run 'paved synth' first/);
  });

  test('refuses to apply production without a saved plan or an approval, running nothing', async () => {
    const record = join(tempDir(), 'steps.jsonl');
    const error = await rejection(run(dist, { command: 'apply', environments: ['prod'] }, { FAKE_ENGINE_RECORD: record }));
    expect(error.message).toBe("applying to production environment 'prod' needs a confirmation: apply the plans a reviewer saw with --saved-plan (after 'paved plan'), or pass --approve-production. Nothing was applied.");
    expect(existsSync(record)).toBe(false);
    const approved = await run(dist, { command: 'apply', environments: ['prod'], approveProduction: true });
    expect(approved.runs.every((r) => r.result === 'ok')).toBe(true);
    expect(approved.steps.filter((s) => s.stack === 'checkout-prod').map((s) => s.step)).toEqual(['init', 'plan', 'show', 'apply']);
  });

  test('applies the saved plans with --saved-plan, without planning again', async () => {
    const fresh = synthesized();
    expect((await rejection(run(fresh, { command: 'apply', stacks: ['checkout-prod'], savedPlan: true }))).message)
      .toBe("no saved plan for 'checkout-prod'; run 'paved plan' (without --offline) first, or apply without --saved-plan.");
    await run(fresh, { stacks: ['checkout-prod'] });
    const { runs, steps } = await run(fresh, { command: 'apply', stacks: ['checkout-prod'], savedPlan: true });
    expect(runs[0].result).toBe('ok');
    expect(steps.map((s) => s.step)).toEqual(['init', 'show', 'apply']);
  });

  test('counts a replacement as one add and one destroy, as Terraform does', async () => {
    const changes = JSON.stringify({ 'checkout-dev': [['create'], ['update'], ['delete', 'create'], ['no-op'], ['read']] });
    const { runs } = await run(dist, { stacks: ['checkout-dev'] }, { FAKE_ENGINE_CHANGES: changes });
    expect(runs[0].counts).toEqual({ adds: 2, changes: 1, destroys: 1 });
  });

  test('with changes, runs only the stacks they select, even when a stack they depend on is left out, and classifies the plans', async () => {
    const changes = { base: dist, reasons: new Map([['checkout-dev', 'changed']]), removed: [] };
    const { runs, steps } = await run(dist, { environments: ['dev'], changes, classifyChanges: true });
    expect(runs.map((r) => [r.id, r.result, r.selectedBecause])).toEqual([
      ['platform-dev', 'unchanged', undefined],
      ['checkout-dev', 'ok', 'changed'],
      ['storefront-dev', 'unchanged', undefined],
    ]);
    expect(new Set(steps.map((s) => s.stack))).toEqual(new Set(['checkout-dev']));
    expect(runs[1].plannedChanges!.map((c) => [c.address, c.risk, c.team])).toEqual([['aws_ssm_parameter.Parameter', 'low', 'payments']]);
  });

  test('--offline plans rewritten copies outside the synth output, which stays byte for byte', async () => {
    const fresh = synthesized();
    const before = readTree(fresh);
    const { runs, steps } = await run(fresh, { environments: ['dev'], offline: true });
    expect(runs.every((r) => r.result === 'ok')).toBe(true);
    expect(steps.every((s) => s.offline && !s.cwd.startsWith(fresh))).toBe(true);
    expect(readTree(fresh)).toEqual(before);
  });

  test('an offline plan that fails names the data sources that need credentials', async () => {
    const platform = testPlatform();
    new TestComponent(platform, 'checkout');
    new DataAwsCallerIdentity(platform.placement('checkout', 'dev').stack, 'current');
    const { runs } = await run(synthToTemp(platform), { stacks: ['checkout-dev'], offline: true }, { FAKE_ENGINE_FAIL: 'checkout-dev' });
    expect(runs[0].error).toMatch(/; the stack reads data sources \(data.aws_caller_identity.current\), which need AWS credentials that an offline plan does not have: plan this stack with credentials instead$/);
  });
});
