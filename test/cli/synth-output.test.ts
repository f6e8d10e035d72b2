import { spawn, spawnSync } from 'child_process';
import { createHash } from 'crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'fs';
import { join, resolve } from 'path';
import { readTree, tempDir, whenDeleted } from '../util';

const ROOT = resolve(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'paved');
const SRC = join(ROOT, 'src');
const FIXTURES = join(ROOT, 'test', 'fixtures');
const NO_TRACE = /^\s+at /m;

/** A platform app whose output differs with `$VARIANT` (`b` declares one more service). */
const APP = `import { Platform } from '${SRC}';
import { TestComponent, testPlatformProps } from '${FIXTURES}';
const platform = new Platform(testPlatformProps());
new TestComponent(platform, 'checkout');
if (process.env.VARIANT === 'b') {
  new TestComponent(platform, 'payments');
}
export default platform;
`;

function paved(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}, preload: string[] = []) {
  return spawnSync(process.execPath, [...preload, BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
}

/** A temp dir holding a git repository with the app, a commit and a file of the user's in `notes/`. */
function gitRepository(): { repo: string; before: Map<string, string> } {
  const repo = join(realpathSync(tempDir()), 'repo');
  mkdirSync(join(repo, 'notes'), { recursive: true });
  writeFileSync(join(repo, 'platform.ts'), APP);
  writeFileSync(join(repo, 'notes', 'todo.md'), '- keep me\n');
  const git = (...args: string[]) => spawnSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: repo, encoding: 'utf8' });
  git('init', '-q');
  git('add', '.');
  git('commit', '-q', '-m', 'initial');
  return { repo, before: readTree(repo) };
}

describe('paved synth refuses to replace what it did not write', () => {
  test.each([
    ['.', '', "refusing to replace --out '.' (REPO): it is the current directory."],
    ["''", '', "refusing to replace --out '': it is empty, which would mean the current directory."],
    ['..', 'notes', "refusing to replace --out '..' (REPO): it is an ancestor of the current directory (REPO/notes)."],
    ['notes', '', "refusing to replace --out 'notes' (REPO/notes): it holds files paved did not write ('todo.md')."],
  ])('fails on --out %s inside a git repository, and every file (.git included) survives', (out, cwd, message) => {
    const { repo, before } = gitRepository();
    const run = paved(['synth', join(repo, 'platform.ts'), '--out', out === "''" ? '' : out], join(repo, cwd));
    expect(run.stderr).toBe(`Error: ${message.replace(/REPO/g, repo)} paved replaces only a directory that is missing, empty or one of its own previous outputs; nothing was touched. Pick an empty or new directory, e.g. --out dist.\n`);
    expect(run.stderr).not.toMatch(NO_TRACE);
    expect(run.status).toBe(1);
    expect(readTree(repo)).toEqual(before);
  });

  test('writes dist/ in the repository, and replaces it on the next synth', async () => {
    const { repo, before } = gitRepository();
    expect(paved(['synth'], repo).status).toBe(0);
    const first = JSON.parse(readFileSync(join(repo, 'dist', 'manifest.json'), 'utf8'));
    expect(first.format).toBe('paved-output/1');
    const run = paved(['synth'], repo, { VARIANT: 'b' });
    expect([run.status, run.stderr]).toEqual([0, '']);
    expect(existsSync(join(repo, 'dist', 'terraform', 'dev', 'payments-dev'))).toBe(true);
    expect(await whenDeleted(repo, /^\.dist\.paved-/)).toEqual(['.git', 'dist', 'notes', 'platform.ts']);
    expect(new Map([...readTree(repo)].filter(([path]) => !path.startsWith('dist/')))).toEqual(before);
  });
});

/** Fails unless `outdir` holds exactly the files its manifest lists, each with its SHA-256; the manifest's file list. */
function completeOutput(outdir: string): string[] {
  const manifest: { files: { path: string; sha256: string }[] } = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8'));
  const tree = readTree(outdir);
  expect([...tree.keys()].filter((path) => path !== 'manifest.json').sort()).toEqual(manifest.files.map((f) => f.path).sort());
  for (const file of manifest.files) {
    expect({ path: file.path, sha256: createHash('sha256').update(tree.get(file.path)!).digest('hex') }).toEqual({ path: file.path, sha256: file.sha256 });
  }
  return manifest.files.map((f) => `${f.path} ${f.sha256}`);
}

/**
 * A script to preload that kills the process (SIGKILL) at `$KILL_AT` of the swap: `before-swap`
 * (the output renamed aside is the first rename), `between` its two renames, `after-swap`, or
 * `after-retire` (the old output renamed for deletion, before the deletion starts).
 */
function killAt(dir: string): string {
  const script = join(dir, 'kill-at.js');
  writeFileSync(script, `
    const fs = require('fs');
    const rename = fs.renameSync;
    const at = process.env.KILL_AT;
    fs.renameSync = function (from, to) {
      const asideOfOutput = /\\.paved-retired-/.test(String(to)) && !/\\.paved-/.test(String(from));
      if (at === 'before-swap' && asideOfOutput) process.kill(process.pid, 'SIGKILL');
      rename.call(this, from, to);
      if ((at === 'between' && asideOfOutput)
        || (at === 'after-swap' && /\\.paved-staging-/.test(String(from)))
        || (at === 'after-retire' && /\\.paved-deleting-/.test(String(to)))) {
        process.kill(process.pid, 'SIGKILL');
      }
    };`);
  return script;
}

/** Runs a synth into `out` from `cwd` and kills it (SIGKILL) `delayMs` after its staging directory appears. */
function killWhileWriting(cwd: string, env: NodeJS.ProcessEnv, delayMs: number): Promise<void> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, 'synth', '--out', 'dist'], { cwd, env: { ...process.env, ...env }, stdio: 'ignore' });
    const poll = setInterval(() => {
      if (readdirSync(cwd).some((name) => name.startsWith('.dist.paved-staging-'))) {
        clearInterval(poll);
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    }, 5);
    child.on('exit', () => {
      clearInterval(poll);
      done();
    });
  });
}

test('a synth killed (kill -9) at any moment leaves the complete old or the complete new output, and the next synth succeeds', async () => {
  const dir = realpathSync(tempDir());
  writeFileSync(join(dir, 'platform.ts'), APP);
  const dist = join(dir, 'dist');
  expect(paved(['synth', '--out', 'dist'], dir).status).toBe(0);
  const a = completeOutput(dist);
  expect(paved(['synth', '--out', 'reference-b'], dir, { VARIANT: 'b' }).status).toBe(0);
  const b = completeOutput(join(dir, 'reference-b'));
  expect(b).not.toEqual(a);
  const preload = killAt(dir);

  let variant = 'a';
  for (const at of ['before-swap', 'between', 'after-swap', 'after-retire']) {
    variant = variant === 'a' ? 'b' : 'a';
    const run = paved(['synth', '--out', 'dist'], dir, { VARIANT: variant, KILL_AT: at }, ['-r', preload]);
    expect({ at, signal: run.signal }).toEqual({ at, signal: 'SIGKILL' });
    if (at === 'between') {
      // The only moment the output is missing: its previous output waits beside it, retired.
      expect(existsSync(dist)).toBe(false);
      expect(readdirSync(dir).filter((name) => name.startsWith('.dist.paved-retired-'))).toHaveLength(1);
    } else {
      expect([a, b]).toContainEqual(completeOutput(dist));
    }
  }
  for (const [delayMs, killed] of [[0, 'b'], [40, 'a']] as const) {
    await killWhileWriting(dir, { VARIANT: killed }, delayMs);
    expect([a, b]).toContainEqual(completeOutput(dist));
  }

  const run = paved(['synth', '--out', 'dist'], dir, { VARIANT: 'b' });
  expect([run.status, run.stderr]).toEqual([0, '']);
  expect(completeOutput(dist)).toEqual(b);
  expect(await whenDeleted(dir, /^\.dist\.paved-/)).toEqual(['dist', 'kill-at.js', 'platform.ts', 'reference-b']);
}, 60_000);
