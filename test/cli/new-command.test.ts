import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'fs';
import { join, resolve } from 'path';
import { GOLDEN_PATHS } from '../../golden-paths';
import { readTree, tempDir } from '../util';

const ROOT = resolve(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'paved');

function paved(args: readonly string[], cwd: string) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, PAVED_AS_OF: '2026-11-28' } });
}

/** A platform repository whose app loads service declarations from `services/`. */
function platformRepository(): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'platform.ts'), `import { join } from 'path';
import { declareServices } from '${ROOT}/golden-paths';
import { goldenPathPlatform } from '${ROOT}/test/fixtures';
const platform = goldenPathPlatform();
declareServices(platform, join(__dirname, 'services'));
export default platform;
`);
  return dir;
}

const NEW = ['new', 'node-api', 'ledger', '--team', 'payments', '--skeleton', 'ledger-app', '--import-from', ROOT, '--by', 'dev@acme.example'];

describe('paved new', () => {
  test('writes a declaration that synthesizes, and a starter app whose own test passes', () => {
    const dir = platformRepository();
    const run = paved(NEW, dir);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('wrote services/ledger.ts, ledger-app/package.json, ledger-app/src/server.js');
    expect(run.stdout).not.toContain('note:');
    expect(readFileSync(join(dir, 'services/ledger.ts'), 'utf8')).toContain("return new NodeApi(platform, 'ledger', { team: 'payments' });");

    const synth = paved(['synth'], dir);
    expect(synth.stderr).toBe('');
    expect(synth.stdout).toContain('guardrails: 0 errors');
    expect(existsSync(join(dir, 'dist/gitops/dev/apps/ledger/deployment-ledger.yaml'))).toBe(true);

    const skeletonTest = spawnSync(process.execPath, ['--test'], { cwd: join(dir, 'ledger-app'), encoding: 'utf8' });
    expect(skeletonTest.status).toBe(0);
  });

  test("says so when the declaration's import does not resolve in the project it is written into", () => {
    const dir = platformRepository();
    const run = paved(['new', 'node-api', 'ledger', '--team', 'payments', '--by', 'dev@acme.example'], dir);
    expect(run.status).toBe(0);
    expect(readFileSync(join(dir, 'services/ledger.ts'), 'utf8')).toContain("import { NodeApi } from 'paved/golden-paths';");
    expect(run.stdout).toContain("  note: 'paved/golden-paths' does not resolve from services: add paved to this project (npm install --save-exact paved@<the version 'paved --version' prints>), or pass --import-from.\n");
  });

  test('running it twice changes nothing the second time', () => {
    const dir = platformRepository();
    expect(paved(NEW, dir).status).toBe(0);
    const before = readTree(dir);
    const again = paved(NEW, dir);
    expect(again.status).toBe(0);
    expect(again.stdout).toBe("unchanged: service 'ledger' is already declared on platform 'acme'.\n");
    expect(readTree(dir)).toEqual(before);
  });

  test('fails when the name is declared with another golden path or team, writing nothing', () => {
    const dir = platformRepository();
    expect(paved(NEW, dir).status).toBe(0);
    const before = readTree(dir);
    const otherPath = paved(['new', 'python-worker', 'ledger', '--team', 'payments'], dir);
    expect([otherPath.status, otherPath.stderr]).toEqual([1, "Error: service 'ledger' is already declared on platform 'acme' with golden path 'node-api' and team 'payments', not golden path 'python-worker'; "
      + "nothing was written. Pick another name, or change the existing declaration of 'ledger' instead of scaffolding it again.\n"]);
    const otherTeam = paved(['new', 'node-api', 'ledger', '--team', 'web'], dir);
    expect([otherTeam.status, otherTeam.stderr]).toEqual([1, "Error: service 'ledger' is already declared on platform 'acme' with golden path 'node-api' and team 'payments', not team 'web'; "
      + "nothing was written. Pick another name, or change the existing declaration of 'ledger' instead of scaffolding it again.\n"]);
    expect(readTree(dir)).toEqual(before);
  });

  test('fails on an unknown golden path, an unknown team or a file with other content, writing nothing', () => {
    const dir = platformRepository();
    expect(paved(['new', 'java-api', 'ledger', '--team', 'payments'], dir).stderr)
      .toBe(`Error: unknown golden path 'java-api'; the golden paths are ${GOLDEN_PATHS.describeIds()}.\n`);
    expect(paved(['new', 'node-api', 'ledger', '--team', 'billing'], dir).stderr).toContain("unknown team 'billing'; the teams are 'payments', 'web'.");
    mkdirSync(join(dir, 'ledger-app'));
    writeFileSync(join(dir, 'ledger-app', 'package.json'), '{}\n');
    const before = readTree(dir);
    const clash = paved(['new', 'node-api', 'ledger', '--team', 'payments', '--skeleton', 'ledger-app'], dir);
    expect(clash.status).toBe(1);
    expect(clash.stderr).toBe('Error: ledger-app/package.json already exists with other content; nothing was written. Remove or rename it to scaffold again.\n');
    expect(readTree(dir)).toEqual(before);
  });

  test.each([
    ['.', 'it is the current directory'],
    ['..', 'it is an ancestor of the current directory (DIR)'],
    ['repo', 'it holds a git repository (.git)'],
  ])('fails on --skeleton %s, writing nothing', (skeleton, reason) => {
    const dir = realpathSync(platformRepository());
    mkdirSync(join(dir, 'repo', '.git'), { recursive: true });
    const before = readTree(dir);
    const run = paved(['new', 'node-api', 'ledger', '--team', 'payments', '--skeleton', skeleton], dir);
    expect(run.status).toBe(1);
    const resolved = resolve(dir, skeleton);
    expect(run.stderr).toBe(`Error: refusing to write into --skeleton '${skeleton}' (${resolved}): ${reason.replace('DIR', dir)}. `
      + 'paved never writes into the current directory, its ancestors, the home directory, the root or a git repository; nothing was touched. Pick an empty or new directory, e.g. --skeleton ../ledger.\n');
    expect(readTree(dir)).toEqual(before);
  });
});
