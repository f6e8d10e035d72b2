import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'fs';
import { join, resolve } from 'path';
import { PROVIDER_MIRROR, TERRAFORM, describeWithTerraform, readTree, tempDir } from '../util';

const ROOT = resolve(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'paved');
const FAKE_ENGINE = join(ROOT, 'test', 'operations', 'fake-engine');
const NOW = ['--now', '2026-11-28T10:00:00Z', '--by', 'dev@acme.example'];

function paved(args: readonly string[], cwd: string, env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A platform repository: platform.ts reading self-service.json beside it, with `services`, synthesized into dist/. */
function repository(services = "new TestComponent(platform, 'checkout');\nnew TestPlatformInfrastructure(platform);", synth = true): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'platform.ts'), `import { join } from 'path';
import { Platform, SelfService } from '${join(ROOT, 'src')}';
import { TestComponent, TestPlatformInfrastructure, testPlatformProps } from '${join(ROOT, 'test', 'fixtures')}';
const platform = new Platform({ ...testPlatformProps(), selfService: SelfService.fromFile(join(__dirname, 'self-service.json')) });
${services}
export default platform;
`);
  if (synth) {
    expect(paved(['synth', '--as-of', '2026-11-28'], dir).status).toBe(0);
  }
  return dir;
}

describe('paved env, access and secret', () => {
  test('env create writes the state and the log; run again, it prints unchanged and changes no byte', () => {
    const dir = repository(undefined, false);
    const first = paved(['env', 'create', 'pr-7', '--ttl', '3d', ...NOW], dir);
    expect(first.stderr).toBe('');
    expect(first.stdout).toBe("created ephemeral environment 'pr-7' from 'dev'; it expires 2026-12-01T10:00:00.000Z.\n"
      + '  wrote self-service.json and logged it in operations.jsonl; commit both and open a pull request.\n');
    const before = readTree(dir);
    const second = paved(['env', 'create', 'pr-7', '--ttl', '3d', ...NOW], dir);
    expect([second.status, second.stdout]).toEqual([0, "unchanged: ephemeral environment 'pr-7' from 'dev' exists and expires 2026-12-01T10:00:00.000Z.\n"]);
    expect(readTree(dir)).toEqual(before);
    expect(JSON.parse(readFileSync(join(dir, 'operations.jsonl'), 'utf8'))).toEqual({
      args: { name: 'pr-7', ttl: '3d' }, at: '2026-11-28T10:00:00.000Z', by: 'dev@acme.example', operation: 'env.create',
    });
    // The new environment is synthesized like any other.
    expect(paved(['synth', '--as-of', '2026-11-28'], dir).status).toBe(0);
    expect(existsSync(join(dir, 'dist/gitops/pr-7/apps/checkout/configmap-checkout-config.yaml'))).toBe(true);
  });

  test('a bad argument prints what is wrong and the fix, and writes nothing', () => {
    const dir = repository(undefined, false);
    const before = readTree(dir);
    const run = paved(['access', 'grant', 'contractors', '--team', 'growth', '--env', 'dev', '--role', 'owner', '--until', '2026-12-20', ...NOW], dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe("Error: Platform 'acme': 2 problems:\n  - unknown team 'growth' in '--team'; the teams are 'payments', 'web'.\n  - '--role' must be 'view', 'edit' (got 'owner').\n");
    expect(readTree(dir)).toEqual(before);
    expect(paved(['access', 'grant', 'contractors', '--team', 'web', ...NOW], dir).stderr).toBe("Error: 'paved access grant' needs --env, --role, --until. See 'paved access --help'.\n");
    expect(paved(['secret', 'spin', 'checkout', ...NOW], dir).stderr).toBe("Error: unknown subcommand 'spin' for 'paved secret'; use 'paved secret rotate'. See 'paved secret --help'.\n");
    expect(paved(['secret', 'rotate', 'checkout', 'stripe-key', ...NOW], dir).stderr)
      .toBe("Error: Platform 'acme': service 'checkout' declares no secrets, so there is no secret 'stripe-key' to rotate; add it to the service's 'secrets' first.\n");
    expect(paved(['access', 'grant', 'contractors', '--team', 'web', '--env', 'dev', '--role', 'view', '--until', '2027-01-31', ...NOW], dir).stderr)
      .toBe("Error: Platform 'acme': '--until' 2027-01-31 is 64 days away; access is granted for at most 30 days (the platform's 'selfServiceLimits.maxAccessGrantDays'), so give 2026-12-28 or earlier and grant again when it ends.\n");
    expect(readTree(dir)).toEqual(before);
  });
});

describe('paved plan and apply with a fake engine', () => {
  test('prints one summary table, and --json for machines', () => {
    const dir = repository();
    const table = paved(['plan', '--engine', FAKE_ENGINE, '--env', 'dev'], dir);
    expect(table.status).toBe(0);
    const lines = table.stdout.split('\n');
    expect(lines[0]).toBe('stack         environment  adds  changes  destroys  result  seconds');
    expect(lines[1]).toMatch(/^platform-dev  dev {13}1 {8}0 {9}0  ok {9}\d\.\d\d$/);
    expect(lines[2]).toMatch(/^checkout-dev  dev {13}1 {8}0 {9}0  ok {9}\d\.\d\d$/);
    expect(lines[3]).toMatch(/^plan: 2 stacks, 2 ok, 0 failed, 0 skipped \(fake-engine\); logs in \/tmp\/paved-plan-logs-\w+$/);
    const json = JSON.parse(paved(['plan', '--engine', FAKE_ENGINE, '--stack', 'checkout-prod', '--json', '--logs', 'logs'], dir).stdout);
    expect(json).toEqual({
      command: 'plan',
      engine: 'fake-engine',
      offline: false,
      ok: true,
      logs: join(dir, 'logs'),
      stacks: [{ id: 'checkout-prod', environment: 'prod', service: 'checkout', result: 'ok', adds: 1, changes: 0, destroys: 0, seconds: expect.any(Number), log: join(dir, 'logs/prod/checkout-prod.log'), error: null }],
    });
  });

  test('exits 1 when a stack fails, with the log tail, and skips its dependants', () => {
    const dir = repository();
    const run = paved(['plan', '--engine', FAKE_ENGINE, '--env', 'dev'], dir, { FAKE_ENGINE_FAIL: 'platform-dev' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^platform-dev: fake-engine plan failed in .* \(exit 1\); see .*platform-dev.log\n {2}\| \$ fake-engine init/);
    expect(run.stderr).toContain('  | Error: fake failure planning platform-dev\n');
    expect(run.stdout).toMatch(/\ncheckout-dev  dev {13}- {8}- {9}-  skipped {5}0.00\nplan: 2 stacks, 0 ok, 1 failed, 1 skipped/);
  });

  test('apply refuses production without confirmation, and logs deployments with --log', () => {
    const dir = repository();
    const refused = paved(['apply', '--engine', FAKE_ENGINE], dir);
    expect([refused.status, refused.stderr]).toEqual([1, "Error: applying to production environment 'prod' needs a confirmation: apply the plans a reviewer saw with --saved-plan (after 'paved plan'), or pass --approve-production. Nothing was applied.\n"]);
    const applied = paved(['apply', '--engine', FAKE_ENGINE, '--env', 'dev', '--log', 'operations.jsonl', '--by', 'ci'], dir);
    expect(applied.status).toBe(0);
    const records = readFileSync(join(dir, 'operations.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(records.map((r) => [r.operation, r.by, r.args])).toEqual([
      ['deployed', 'ci', { environment: 'dev', service: 'platform', stack: 'platform-dev' }],
      ['deployed', 'ci', { environment: 'dev', service: 'checkout', stack: 'checkout-dev' }],
    ]);
  });

  test('fails on a dist that does not carry the marker of this paved, running nothing', () => {
    const dir = repository();
    writeFileSync(join(dir, 'dist', 'manifest.json'), '{"files": []}\n');
    const before = readTree(dir);
    const run = paved(['plan', '--engine', FAKE_ENGINE], dir);
    expect(run.stderr).toBe('Error: dist is not an output of this paved (its manifest.json has no "format": "paved-output/1"), and plan writes plans and provider caches into its stack directories; '
      + "nothing has run. Run 'paved synth' into a new or empty directory and plan that one (--dist DIR).\n");
    expect(run.status).toBe(1);
    expect(readTree(dir)).toEqual(before);
  });

  test('fails on --logs naming the current directory, running nothing', () => {
    const dir = realpathSync(repository(undefined, false));
    const run = paved(['plan', '--engine', FAKE_ENGINE, '--logs', '.'], dir);
    expect(run.stderr).toBe(`Error: refusing to write into --logs '.' (${dir}): it is the current directory. `
      + 'paved never writes into the current directory, its ancestors, the home directory, the root or a git repository; nothing was touched. Pick an empty or new directory, e.g. --logs paved-logs.\n');
    expect(run.status).toBe(1);
  });

  test('fails clearly on a bad --parallelism or a missing engine', () => {
    const dir = repository(undefined, false);
    expect(paved(['plan', '--parallelism', '0'], dir).stderr).toBe("Error: --parallelism must be a whole number of at least 1 (got '0').\n");
    expect(paved(['plan', '--engine', 'no-such-engine'], dir).stderr).toBe("Error: engine 'no-such-engine' is not on PATH; install it, or pass --engine with the path of tofu or terraform.\n");
  });
});

describe('paved pipeline', () => {
  test('writes the workflow once; run again, it prints unchanged', () => {
    const dir = repository(undefined, false);
    expect(paved(['pipeline'], dir).stdout).toMatch(/^wrote \.github\/workflows\/paved-platform\.yml; /);
    const before = readTree(dir);
    expect(paved(['pipeline'], dir).stdout).toBe('unchanged: .github/workflows/paved-platform.yml is up to date.\n');
    expect(readTree(dir)).toEqual(before);
  });

  test.each([
    ['a workflow the user wrote', 'ci.yml', ' (DIR/ci.yml): it is a file paved did not write'],
    ['a directory', 'workflows', ' (DIR/workflows): it is a directory, not a file'],
    ["''", '', ': it is empty'],
  ])('fails on --out naming %s, touching nothing', (_, out, reason) => {
    const dir = realpathSync(repository(undefined, false));
    mkdirSync(join(dir, 'workflows'));
    writeFileSync(join(dir, 'workflows', 'keep.yml'), 'name: mine\n');
    writeFileSync(join(dir, 'ci.yml'), 'name: mine\n');
    const before = readTree(dir);
    const run = paved(['pipeline', '--out', out], dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`Error: refusing to overwrite --out '${out}'${reason.replace('DIR', dir)}. `
      + 'paved overwrites only a file it wrote itself (one that starts with "# Generated by \'paved pipeline\'"); nothing was touched. Move it aside or pick a new file, e.g. --out .github/workflows/paved-platform.yml.\n');
    expect(readTree(dir)).toEqual(before);
  });
});

describeWithTerraform('paved plan --offline with Terraform', () => {
  test('plans a synthesized environment with no credentials or network, leaving dist untouched', () => {
    const dir = repository("new TestComponent(platform, 'checkout');");
    const before = readTree(join(dir, 'dist'));
    const run = paved(['plan', '--env', 'dev', '--offline', '--provider-mirror', PROVIDER_MIRROR, '--engine', TERRAFORM, '--json'], dir, {
      AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_PROFILE: '',
    });
    expect(run.stderr).toBe('');
    const json = JSON.parse(run.stdout);
    expect(json.stacks.map((s: any) => [s.id, s.result, s.adds, s.changes, s.destroys])).toEqual([['checkout-dev', 'ok', 1, 0, 0]]);
    expect(readFileSync(json.stacks[0].log, 'utf8')).toContain('Plan: 1 to add, 0 to change, 0 to destroy.');
    expect(readTree(join(dir, 'dist'))).toEqual(before);
  });
});
