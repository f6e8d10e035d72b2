import { spawnSync } from 'child_process';
import { readFileSync, writeFileSync } from 'fs';
import { join, resolve } from 'path';
import { PlannedChanges } from '../../src';
import { readTree, tempDir } from '../util';

const ROOT = resolve(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'paved');
const FAKE_ENGINE = join(ROOT, 'test', 'operations', 'fake-engine');

function paved(args: readonly string[], cwd: string, env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * A platform app of the platform's own infrastructure and the services `services` (checkout and
 * storefront by default) in dev, staging and prod, with `extra` appended (escape hatches that
 * change a stack, as a changed prop would).
 */
function app(extra = '', services = ['checkout', 'storefront']): string {
  return `import { SsmParameter } from '${join(ROOT, 'node_modules', '@cdktf', 'provider-aws', 'lib', 'ssm-parameter')}';
import { Platform } from '${join(ROOT, 'src')}';
import { TestComponent, TestPlatformInfrastructure, testPlatformProps } from '${join(ROOT, 'test', 'fixtures')}';
const platform = new Platform(testPlatformProps());
new TestPlatformInfrastructure(platform);
${services.map((s) => `new TestComponent(platform, '${s}');`).join('\n')}
const parameter = (component: string, environment: string, value: string) => new SsmParameter(platform.placement(component, environment).stack, 'Extra', { name: '/extra/' + component, type: 'String', value });
void parameter;
${extra}
export default platform;
`;
}

/** The apps, each synthesized into the output directory of its name. */
const APPS: Record<string, string> = {
  'base': app(),
  // One service changes in two of its environments.
  'service-change': app("parameter('checkout', 'dev', 'a');\nparameter('checkout', 'prod', 'a');"),
  // The platform's own stack of one environment changes: every service there depends on it.
  'platform-change': app("parameter('platform', 'staging', 'a');"),
  // storefront is gone, search is new.
  'renamed': app('', ['checkout', 'search']),
};

// Each step runs the CLI (and a few fake-engine processes per stack) on a busy machine.
jest.setTimeout(60_000);

describe('paved plan --changed with a fake engine', () => {
  const dir = tempDir();
  beforeAll(() => {
    for (const [name, text] of Object.entries(APPS)) {
      writeFileSync(join(dir, `${name}.ts`), text);
      const synth = paved(['synth', `${name}.ts`, '--out', name, '--as-of', '2026-11-28'], dir);
      expect([name, synth.stderr, synth.status]).toEqual([name, '', 0]);
    }
  }, 240_000);
  const plan = (head: string, ...args: string[]) => paved(['plan', '--engine', FAKE_ENGINE, '--dist', head, '--changed', '--base', 'base', ...args], dir);

  test('a service prop change plans only that service\'s stacks in the environments it changed, and says why', () => {
    const run = plan('service-change');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('stack          environment  adds  changes  destroys  result  seconds  selected');
    expect(lines[1]).toMatch(/^checkout-dev   dev {13}2 {8}0 {9}0  ok {9}\d\.\d\d  changed$/);
    expect(lines[2]).toMatch(/^checkout-prod  prod {12}2 {8}0 {9}0  ok {9}\d\.\d\d  changed$/);
    expect(lines[3]).toBe('changed since base: 2 stacks selected, 7 unchanged left out');
    expect(lines[4]).toMatch(/^plan: 2 stacks, 2 ok, 0 failed, 0 skipped \(fake-engine\); logs in /);
  });

  test('a platform stack change selects every service stack of its environment that depends on it', () => {
    const json = JSON.parse(plan('platform-change', '--json').stdout);
    expect(json.stacks.map((s: any) => [s.id, s.selectedBecause, s.result])).toEqual([
      ['platform-staging', 'changed', 'ok'],
      ['checkout-staging', "depends on 'platform-staging'", 'ok'],
      ['storefront-staging', "depends on 'platform-staging'", 'ok'],
    ]);
    expect(json.changed).toEqual({
      base: join(dir, 'base'),
      unchanged: ['platform-dev', 'checkout-dev', 'storefront-dev', 'platform-prod', 'checkout-prod', 'storefront-prod'],
      removed: [],
    });
    // --env narrows the selection further.
    expect(JSON.parse(plan('platform-change', '--json', '--env', 'dev').stdout).stacks).toEqual([]);
  });

  test('new stacks are planned, removed ones are named in the summary', () => {
    const run = plan('renamed');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/\nsearch-dev +dev .* ok .* new\n/);
    expect(run.stdout).toContain('\nchanged since base: 3 stacks selected, 6 unchanged left out\n'
      + "removed since base: 'storefront-dev', 'storefront-staging', 'storefront-prod': not planned, and what their state holds stays until it is destroyed\n");
  });

  test('the same output as the base plans nothing', () => {
    const run = plan('base', '--risk', 'risk/none.json');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('\nchanged since base: 0 stacks selected, 9 unchanged left out\n');
    expect(JSON.parse(readFileSync(join(dir, 'risk/none.json'), 'utf8'))).toEqual({ format: 'paved-planned-changes/1', planned: [], changes: [] });
  });

  test('--risk writes the planned resource actions of the selected stacks, the riskiest first', () => {
    const changes = JSON.stringify({
      'checkout-dev': [{ address: 'aws_ssm_parameter.Extra', type: 'aws_ssm_parameter', change: { actions: ['create'] } }],
      'checkout-prod': [
        { address: 'aws_ssm_parameter.Extra', type: 'aws_ssm_parameter', change: { actions: ['create'] } },
        { address: 'aws_db_instance.checkout', type: 'aws_db_instance', change: { actions: ['delete', 'create'], replace_paths: [['engine_version']] }, action_reason: 'replace_because_cannot_update' },
        { address: 'aws_ssm_parameter.Parameter', type: 'aws_ssm_parameter', change: { actions: ['no-op'] } },
      ],
    });
    const run = paved(['plan', '--engine', FAKE_ENGINE, '--dist', 'service-change', '--changed', '--base', 'base', '--risk', 'risk.json', '--offline'], dir, { FAKE_ENGINE_CHANGES: changes });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('\nrisk of the planned changes in risk.json\n');
    const risk: PlannedChanges = JSON.parse(readFileSync(join(dir, 'risk.json'), 'utf8'));
    expect(risk.planned).toEqual(['checkout-dev', 'checkout-prod']);
    expect(risk.changes.map((c) => [c.stack, c.address, c.risk])).toEqual([
      ['checkout-prod', 'aws_db_instance.checkout', 'high'],
      ['checkout-dev', 'aws_ssm_parameter.Extra', 'low'],
      ['checkout-prod', 'aws_ssm_parameter.Extra', 'low'],
    ]);
    expect(risk.changes[0]).toEqual({
      stack: 'checkout-prod',
      environment: 'prod',
      service: 'checkout',
      team: 'payments',
      address: 'aws_db_instance.checkout',
      resourceType: 'aws_db_instance',
      actions: ['delete', 'create'],
      replacedBecause: ['engine_version'],
      risk: 'high',
      why: 'replaces the database: its data is lost unless restored from a snapshot; forced by engine_version',
    });
  });

  test('offline, a stack the base has is planned against the base\'s planned state; a base that fails to plan falls back to an empty state and says so', () => {
    const run = paved(['plan', '--engine', FAKE_ENGINE, '--dist', 'service-change', '--changed', '--base', 'base', '--offline', '--risk', 'risk/against-base.json'], dir, { FAKE_ENGINE_FAIL_BASE: 'checkout-prod' });
    expect([run.stderr, run.status]).toEqual(['', 0]);
    const lines = run.stdout.split('\n');
    // Against the base's state, checkout-dev's existing parameter is a no-op; checkout-prod's is a create.
    expect(lines[1]).toMatch(/^checkout-dev +dev +1 +0 +0 +ok /);
    expect(lines[2]).toMatch(/^checkout-prod +prod +2 +0 +0 +ok /);
    expect(lines).toContain("planned against the base's planned state (replacements and deletions show): 'checkout-dev'");
    expect(lines.find((l) => l.startsWith('checkout-prod: '))).toMatch(new RegExp('^checkout-prod: its base could not be planned, so it was planned against an empty state and its replacements and deletions are not seen: '
      + 'fake-engine plan failed in .*/\\.base/prod/checkout-prod \\(exit 1\\); see .*/prod/checkout-prod\\.base\\.log$'));
    const risk: PlannedChanges = JSON.parse(readFileSync(join(dir, 'risk/against-base.json'), 'utf8'));
    expect(risk.plannedAgainstBase).toEqual(['checkout-dev']);
    expect(risk.changes.map((c) => `${c.stack} ${c.address} ${c.actions}`)).toEqual([
      'checkout-dev aws_ssm_parameter.Extra create',
      'checkout-prod aws_ssm_parameter.Extra create',
      'checkout-prod aws_ssm_parameter.Parameter create',
    ]);
  });

  test('offline, a head that fails to plan with its base fails with the error of its own plan, alone against the stand-in', () => {
    const run = paved(['plan', '--engine', FAKE_ENGINE, '--dist', 'service-change', '--changed', '--base', 'base', '--offline', '--env', 'prod'], dir, { FAKE_ENGINE_FAIL: 'checkout-prod' });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/\ncheckout-prod +prod +- +- +- +failed /);
    expect(run.stderr).toMatch(/^checkout-prod: fake-engine plan failed in \S*\/prod\/checkout-prod \(exit 1\); see \S*\/prod\/checkout-prod\.log\n/);
    // The head's copy alone, not the configuration of both under .base.
    expect(run.stderr).not.toContain('/.base/');
    expect(run.stdout).not.toContain('its base could not be planned');
  });

  test('offline, a stack new since the base is planned against an empty state, and a removed resource is a deletion', () => {
    const json = JSON.parse(paved(['plan', '--engine', FAKE_ENGINE, '--dist', 'renamed', '--changed', '--base', 'base', '--offline', '--json', '--env', 'dev'], dir).stdout);
    expect(json.stacks.map((s: any) => [s.id, s.plannedAgainst, s.adds, s.destroys])).toEqual([['search-dev', 'empty', 1, 0]]);
    const text = paved(['plan', '--engine', FAKE_ENGINE, '--dist', 'base', '--changed', '--base', 'service-change', '--offline', '--env', 'dev'], dir).stdout;
    expect(text).toMatch(/\ncheckout-dev +dev +0 +0 +1 +ok /);
    expect(text).toContain("\nplanned against the base's planned state (replacements and deletions show): 'checkout-dev'\n");
    expect(paved(['plan', '--engine', FAKE_ENGINE, '--dist', 'renamed', '--changed', '--base', 'base', '--offline', '--env', 'dev'], dir).stdout)
      .toContain("\nplanned against an empty state (new since the base: every resource a create): 'search-dev'\n");
  });

  test('fails when --changed has no --base, --base has no --changed, or the base is not a synth output, running nothing', () => {
    const before = readTree(dir);
    const noBase = paved(['plan', '--engine', FAKE_ENGINE, '--dist', 'base', '--changed'], dir);
    expect([noBase.status, noBase.stderr]).toEqual([1, "Error: --changed needs --base DIR: the synth output of the base revision to compare with (synthesize it with 'paved synth --out DIR' at that revision).\n"]);
    const baseAlone = paved(['plan', '--engine', FAKE_ENGINE, '--dist', 'base', '--base', 'base'], dir);
    expect([baseAlone.status, baseAlone.stderr]).toEqual([1, 'Error: --base base is only read with --changed; add --changed to plan only the stacks that changed since it, or leave out --base.\n']);
    const notOutput = paved(['plan', '--engine', FAKE_ENGINE, '--dist', 'base', '--changed', '--base', '.'], dir);
    expect(notOutput.status).toBe(1);
    expect(notOutput.stderr).toBe('Error: --base . is not a synth output of this paved (its manifest.json is missing or has no "format": "paved-output/1"), so the stacks that changed cannot be told; '
      + "synthesize it with this paved ('paved synth --out DIR', for the base at the base revision) and pass that directory.\n");
    expect(readTree(dir)).toEqual(before);
  });
});
