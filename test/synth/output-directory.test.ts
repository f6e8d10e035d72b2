import { spawnSync } from 'child_process';
import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'fs';
import { dirname, join, resolve } from 'path';
import { OutputDirectory } from '../../src/synth/output-directory';
import { OutputRefusedError } from '../../src/synth/output-refused-error';
import { readTree, tempDir, thrownBy } from '../util';

const MARKED = '{"format": "paved-output/1", "files": []}\n';

/** A temp dir holding a git repository with a commit, a subdirectory `app/src`, and a previous output `dist`. */
function gitRepository(): { repo: string; before: Map<string, string> } {
  const repo = join(realpathSync(tempDir()), 'repo');
  mkdirSync(join(repo, 'app', 'src'), { recursive: true });
  writeFileSync(join(repo, 'platform.ts'), 'export default 1;\n');
  writeFileSync(join(repo, 'app', 'src', 'index.ts'), 'export {};\n');
  mkdirSync(join(repo, 'dist'));
  writeFileSync(join(repo, 'dist', 'manifest.json'), MARKED);
  const git = (...args: string[]) => spawnSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: repo, encoding: 'utf8' });
  git('init', '-q');
  git('add', '.');
  git('commit', '-q', '-m', 'initial');
  return { repo, before: readTree(repo) };
}

const ROOT = resolve(__dirname, '../..');

/** Runs `fn` with `cwd` as the working directory. */
function inDirectory<T>(cwd: string, fn: () => T): T {
  const previous = process.cwd();
  process.chdir(cwd);
  try {
    return fn();
  } finally {
    process.chdir(previous);
  }
}

/** What `OutputDirectory.replaceable(path)` throws in a process whose home directory is `home`. */
function refusalWithHome(cwd: string, path: string, home: string): Error {
  const result = spawnSync(process.execPath, ['-e', `
    require(${JSON.stringify(join(ROOT, 'bin/typescript-loader'))}).registerTypeScript(${JSON.stringify(ROOT)});
    const { OutputDirectory } = require(${JSON.stringify(join(ROOT, 'src/synth/output-directory'))});
    try { OutputDirectory.replaceable(${JSON.stringify(path)}); } catch (error) { process.stdout.write(error.message); }`], { cwd, encoding: 'utf8', env: { ...process.env, HOME: home } });
  return new Error(result.stdout);
}

describe('OutputDirectory.replaceable', () => {
  const cases: Array<[string, (repo: string) => { cwd: string; path: string; home?: string }, string]> = [
    ["''", (repo) => ({ cwd: repo, path: '' }), "refusing to replace --out '': it is empty, which would mean the current directory."],
    ['the current directory', (repo) => ({ cwd: repo, path: '.' }), "refusing to replace --out '.' (REPO): it is the current directory."],
    ['an ancestor of the current directory', (repo) => ({ cwd: join(repo, 'app', 'src'), path: '../..' }), "refusing to replace --out '../..' (REPO): it is an ancestor of the current directory (REPO/app/src)."],
    ['the parent of the current directory', (repo) => ({ cwd: join(repo, 'app'), path: '..' }), "refusing to replace --out '..' (REPO): it is an ancestor of the current directory (REPO/app)."],
    ['the filesystem root', (repo) => ({ cwd: repo, path: '/' }), "refusing to replace --out '/': it is the filesystem root."],
    ['the home directory', (repo) => ({ cwd: tempDir(), path: repo, home: repo }), "refusing to replace --out 'REPO': it is your home directory."],
    ['a directory holding .git, from elsewhere', (repo) => ({ cwd: dirname(repo), path: 'repo' }), "refusing to replace --out 'repo' (REPO): it holds a git repository (.git)."],
    ['a symbolic link to the repository', (repo) => {
      symlinkSync(repo, join(dirname(repo), 'link'));
      return { cwd: dirname(repo), path: 'link' };
    }, "refusing to replace --out 'link' (REPO): it holds a git repository (.git)."],
    ['a symbolic link to the current directory', (repo) => {
      symlinkSync(repo, join(dirname(repo), 'up'));
      return { cwd: repo, path: '../up' };
    }, "refusing to replace --out '../up' (REPO): it is the current directory."],
    ['a directory of user files', (repo) => ({ cwd: repo, path: 'app' }), "refusing to replace --out 'app' (REPO/app): it holds files paved did not write ('src')."],
    ['a file', (repo) => ({ cwd: repo, path: 'platform.ts' }), "refusing to replace --out 'platform.ts' (REPO/platform.ts): it is a file, not a directory."],
  ];

  test.each(cases)('fails on %s, and every file of the repository survives', (_, setUp, message) => {
    const { repo } = gitRepository();
    const { cwd, path, home } = setUp(repo);
    const before = readTree(repo);
    const error = home ? refusalWithHome(cwd, path, home) : inDirectory(cwd, () => thrownBy(() => OutputDirectory.replaceable(path)));
    expect(home || OutputRefusedError.isOutputRefusedError(error)).toBeTruthy();
    expect(error.message).toBe(`${message.replace(/REPO/g, repo)} paved replaces only a directory that is missing, empty or one of its own previous outputs; nothing was touched. Pick an empty or new directory, e.g. --out dist.`);
    expect(readTree(repo)).toEqual(before);
  });

  test('fails on an output of a paved from before the marker, with the fix', () => {
    const { repo, before } = gitRepository();
    writeFileSync(join(repo, 'dist', 'manifest.json'), '{"files": []}\n');
    const error = inDirectory(repo, () => thrownBy(() => OutputDirectory.replaceable('dist')));
    expect(error.message).toBe(`refusing to replace --out 'dist' (${repo}/dist): it holds an output of an older paved (its manifest.json has no "format": "paved-output/1"), and paved no longer replaces a directory that does not carry its marker. `
      + `paved replaces only a directory that is missing, empty or one of its own previous outputs; nothing was touched. Delete it yourself once (rm -rf '${repo}/dist') or pick a new directory; the next output carries the marker and is replaced from then on.`);
    expect(readTree(repo).size).toBe(before.size);
  });

  test('fails on a manifest of another format (a newer paved)', () => {
    const { repo } = gitRepository();
    writeFileSync(join(repo, 'dist', 'manifest.json'), '{"format": "paved-output/2", "files": []}\n');
    expect(inDirectory(repo, () => thrownBy(() => OutputDirectory.replaceable('dist'))).message).toContain("it holds files paved did not write ('manifest.json')");
  });

  test('accepts a missing, an empty and a marked directory, resolved', () => {
    const { repo } = gitRepository();
    mkdirSync(join(repo, 'empty'));
    inDirectory(join(repo, 'app'), () => {
      expect(OutputDirectory.replaceable('../new/out')).toEqual({ path: join(repo, 'new', 'out'), state: 'missing' });
      expect(OutputDirectory.replaceable('../empty')).toEqual({ path: join(repo, 'empty'), state: 'empty' });
      expect(OutputDirectory.replaceable('../dist')).toEqual({ path: join(repo, 'dist'), state: 'paved-output' });
    });
  });
});

describe('OutputDirectory.writable', () => {
  test('fails on the current directory, naming the option', () => {
    const { repo, before } = gitRepository();
    const error = inDirectory(repo, () => thrownBy(() => OutputDirectory.writable('.', { option: '--skeleton', example: '../checkout' })));
    expect(error.message).toBe(`refusing to write into --skeleton '.' (${repo}): it is the current directory. paved never writes into the current directory, its ancestors, the home directory, the root or a git repository; nothing was touched. Pick an empty or new directory, e.g. --skeleton ../checkout.`);
    expect(readTree(repo)).toEqual(before);
  });

  test('accepts a directory of user files that is no repository', () => {
    const { repo } = gitRepository();
    expect(inDirectory(repo, () => OutputDirectory.writable('app'))).toBe(join(repo, 'app'));
  });
});
