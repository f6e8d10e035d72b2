import { spawnSync } from 'child_process';
import { readdirSync, writeFileSync } from 'fs';
import { join, resolve } from 'path';
import { PlannedChanges } from '../../src/operations/planned-resource-change';
import { tempDir } from '../util';

const ROOT = resolve(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'paved');
const AS_OF = '2026-11-28';

function paved(args: readonly string[], cwd: string, env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function git(cwd: string, ...args: string[]): void {
  const run = spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@acme.example', ...args], { cwd, encoding: 'utf8' });
  expect(run.stderr.includes('fatal') ? run.stderr : '').toBe('');
}

/** A platform app importing paved as the examples do (by path), with `services`. */
function writeApp(dir: string, services: string): void {
  writeFileSync(join(dir, 'platform.ts'), `import { Platform } from '${join(ROOT, 'src')}';
import { TestComponent, TestPlatformInfrastructure, testPlatformProps } from '${join(ROOT, 'test', 'fixtures')}';
const platform = new Platform(testPlatformProps());
new TestPlatformInfrastructure(platform);
${services}
export default platform;
`);
}

const CHECKOUT = "new TestComponent(platform, 'checkout');";
const WITH_LEDGER = `${CHECKOUT}\nnew TestComponent(platform, 'ledger', 'web');`;

/** A git repository whose commit has checkout; its working tree adds web's ledger, synthesized into dist/ (and the commit into base/). */
function repository(): string {
  const dir = tempDir();
  writeFileSync(join(dir, '.gitignore'), 'dist/\nbase/\n');
  writeApp(dir, CHECKOUT);
  git(dir, 'init', '-q');
  git(dir, 'add', '.');
  git(dir, 'commit', '-qm', 'checkout');
  expect(paved(['synth', '--as-of', AS_OF, '--out', 'base'], dir).status).toBe(0);
  writeApp(dir, WITH_LEDGER);
  expect(paved(['synth', '--as-of', AS_OF], dir).status).toBe(0);
  return dir;
}

describe('paved diff', () => {
  const dir = repository();

  test('--base prints the changed files per service and team, and exits 0', () => {
    const run = paved(['diff', '--base', 'base'], dir);
    expect([run.status, run.stderr]).toEqual([0, '']);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^\d+ files changed in 1 service of 1 team \(terraform \d+, gitops \d+, catalog 1, other \d+\)$/);
    expect(lines[1]).toBe('Services:');
    expect(lines[2]).toMatch(/^ {2}ledger \(web, new\): dev, prod, staging; terraform 3, gitops \d+, catalog 1$/);
    expect(lines[3]).toMatch(/^ {2}platform \(platform\): /);
  });

  test('--json prints the typed document, the same bytes every time', () => {
    const run = paved(['diff', '--base', 'base', '--json'], dir);
    expect(run.status).toBe(0);
    const diff = JSON.parse(run.stdout);
    expect([diff.format, diff.changed, diff.totals.services, diff.totals.teams]).toEqual(['paved-output-diff/1', true, 1, 1]);
    expect(diff.files.find((f: any) => f.path === 'terraform/dev/ledger-dev/cdk.tf.json'))
      .toEqual({ path: 'terraform/dev/ledger-dev/cdk.tf.json', change: 'added', layer: 'terraform', environment: 'dev', service: 'ledger', team: 'web', manifestChanges: [] });
    expect(paved(['diff', '--base', 'base', '--json'], dir).stdout).toBe(run.stdout);
  });

  test('--markdown prints the PR comment, with --risk the riskiest planned change first', () => {
    const risk = join(dir, 'risk.json');
    const planned: PlannedChanges = {
      format: 'paved-planned-changes/1',
      planned: ['ledger-prod'],
      changes: [{
        stack: 'ledger-prod',
        environment: 'prod',
        service: 'ledger',
        team: 'web',
        address: 'aws_s3_bucket.Bucket',
        resourceType: 'aws_s3_bucket',
        actions: ['delete'],
        replacedBecause: [],
        risk: 'high',
        why: 'deletes a bucket and the objects in it',
      }],
    };
    writeFileSync(risk, JSON.stringify(planned));
    const run = paved(['diff', '--base', 'base', '--markdown', '--risk', risk], dir);
    expect(run.status).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^\*\*paved diff\*\*: \d+ files changed in 1 service of 1 team/);
    expect(lines.slice(1, 4)).toEqual(['', '### Review first', '- delete `aws_s3_bucket.Bucket` in `ledger-prod` (ledger, team web): deletes a bucket and the objects in it']);
    expect(run.stdout).toContain('- `ledger` (web, new): dev, prod, staging;');
  });

  test('--base-ref synthesizes the app at the ref in a temporary directory it deletes, with the head\'s day', () => {
    const tmp = tempDir();
    const run = paved(['diff', '--base-ref', 'HEAD', '--json'], dir, { TMPDIR: tmp });
    expect([run.status, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toBe(paved(['diff', '--base', 'base', '--json'], dir).stdout);
    // (paved-cdktf-unused is synth's own scratch directory.)
    expect(readdirSync(tmp).filter((name) => name.startsWith('paved-diff-base-'))).toEqual([]);
  });

  test('says no change when there is none, and exits 0', () => {
    expect(paved(['diff', '--base', 'dist'], dir)).toEqual({ status: 0, stdout: 'no change\n', stderr: '' });
    expect(paved(['diff', '--base', 'base', '--dist', 'base', '--markdown'], dir).stdout).toBe('**paved diff**: no change\n');
  });

  test('fails when --base is not a paved output, the base is missing or given twice, --risk is not a plan, or the ref is unknown', () => {
    expect(paved(['diff', '--base', '.'], dir)).toEqual({
      status: 1,
      stdout: '',
      stderr: "Error: --base '.' is not a paved output: it has no manifest.json. Give a directory 'paved synth' wrote (its manifest.json has \"format\": \"paved-output/1\").\n",
    });
    writeFileSync(join(dir, 'manifest.json'), '{"format": "other/1", "files": []}');
    expect(paved(['diff', '--base', '.'], dir).stderr).toBe("Error: --base '.' is not a paved output: its manifest.json has format \"other/1\" (string), "
      + "not \"paved-output/1\" with a list of files. Give a directory 'paved synth' wrote, or synthesize it again with this paved.\n");
    expect(paved(['diff'], dir)).toEqual({ status: 1, stdout: '', stderr: "Error: 'paved diff' needs one of --base DIR and --base-ref REF. See 'paved diff --help'.\n" });
    expect(paved(['diff', '--base', 'base', '--base-ref', 'HEAD'], dir).stderr).toBe("Error: 'paved diff' needs only one of --base DIR and --base-ref REF. See 'paved diff --help'.\n");
    expect(paved(['diff', '--base', 'base', 'platform.ts'], dir).stderr)
      .toBe("Error: 'paved diff --base' compares two outputs and takes no app (got 'platform.ts'); the app is for --base-ref. See 'paved diff --help'.\n");
    writeFileSync(join(dir, 'not-a-plan.json'), '{"format": "paved-plan/1"}');
    expect(paved(['diff', '--base', 'base', '--risk', 'not-a-plan.json'], dir)).toEqual({
      status: 1,
      stdout: '',
      stderr: "Error: --risk 'not-a-plan.json' is not a list of planned changes: its format is \"paved-plan/1\" (string), "
        + "not \"paved-planned-changes/1\" with 'changes'. Give the file 'paved plan --changed --risk FILE' wrote.\n",
    });
    const unknown = paved(['diff', '--base-ref', 'no-such-branch'], dir);
    expect([unknown.status, unknown.stderr]).toEqual([1, "Error: unknown git ref 'no-such-branch' for --base-ref; give a branch, tag or commit ('git log' lists them).\n"]);
  });
});
