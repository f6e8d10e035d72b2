import { spawnSync } from 'child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { join, resolve } from 'path';
import { tempDir } from '../util';

/** bin/transpile-ahead.js and the loader it compiles with. */
interface TranspileAhead {
  importsOf(filename: string, code: string): string[];
}
interface TypeScriptLoader {
  compileTypeScript(source: string, filename: string): string;
}

/* eslint-disable @typescript-eslint/no-require-imports */
const ahead: TranspileAhead = require('../../bin/transpile-ahead');
const loader: TypeScriptLoader = require('../../bin/typescript-loader');
/* eslint-enable @typescript-eslint/no-require-imports */

const ROOT = resolve(__dirname, '../..');

/** Writes `files` (relative path to content) under a new directory; returns it. */
function sources(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

/** The cache's entries, as a set of contents; fails on anything but a whole entry. */
function entries(cache: string): Set<string> {
  const files = readdirSync(cache);
  expect(files.filter((f) => !/^[0-9a-f]{64}\.js$/.test(f))).toEqual([]);
  return new Set(files.map((f) => readFileSync(join(cache, f), 'utf8')));
}

/** Each of `files` under `dir` compiled, as the cache holds it. */
function compiled(dir: string, files: string[]): string[] {
  return files.map((f) => loader.compileTypeScript(readFileSync(join(dir, f), 'utf8'), join(dir, f)));
}

/**
 * A spy loaded in every thread: the worker logs each TypeScript file it reads to `log`, and
 * sleeps for `slowWriteMs` after writing each temporary file (before renaming it).
 */
function workerSpy(log: string, slowWriteMs: number): string {
  const spy = join(tempDir(), 'worker-spy.js');
  writeFileSync(spy, `
    const fs = require('fs');
    if (!require('worker_threads').isMainThread) {
      const { readFileSync, writeFileSync } = fs;
      fs.readFileSync = (file, ...rest) => {
        if (String(file).endsWith('.ts')) fs.appendFileSync(${JSON.stringify(log)}, require('path').basename(file) + '\\n');
        return readFileSync(file, ...rest);
      };
      fs.writeFileSync = (file, ...rest) => {
        writeFileSync(file, ...rest);
        if (String(file).endsWith('.tmp')) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ${slowWriteMs});
      };
    }`);
  return spy;
}

/**
 * Runs a Node process that loads TypeScript as bin/paved does, with the cache `cache` and the
 * worker spied on, requires `main` and then runs `then`; returns the files the worker read.
 */
function loadWithSpy(main: string, cache: string, then: string, slowWriteMs = 0): string[] {
  const log = join(tempDir(), 'worker-reads.log');
  writeFileSync(log, '');
  const script = `
    const fs = require('fs');
    const cacheFiles = () => fs.readdirSync(process.env.PAVED_CACHE_DIR);
    const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
    require(${JSON.stringify(join(ROOT, 'bin/typescript-loader'))}).registerTypeScript(${JSON.stringify(ROOT)});
    require(${JSON.stringify(main)});
    ${then}`;
  const result = spawnSync(process.execPath, ['-r', workerSpy(log, slowWriteMs), '-e', script], {
    encoding: 'utf8',
    env: { ...process.env, PAVED_CACHE_DIR: cache },
  });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return readFileSync(log, 'utf8').split('\n').filter((line) => line !== '');
}

/** Waits (up to 20 s) until `condition`, a JavaScript expression, holds. */
function waitUntil(condition: string): string {
  return `for (const deadline = Date.now() + 20000; !(${condition}) && Date.now() < deadline;) sleep(5);`;
}

describe('bin/paved compiling TypeScript ahead of require', () => {
  test('follows relative requires of TypeScript files, in source order', () => {
    const dir = sources({ 'a.ts': '', 'b/index.ts': '', 'c.js': '', 'types.d.ts': '', 'up.ts': '' });
    const code = [
      'const _b = require("./b");',
      'const _a = _interop_require_default(require("./a"));',
      'require("fs"); require("cdktf/lib/x"); require("./c"); require("./c.js"); require("./types"); require("./missing");',
      'require("../up");',
    ].join('\n');
    expect(ahead.importsOf(join(dir, 'sub', 'file.ts'), code)).toEqual([join(dir, 'up.ts')]);
    expect(ahead.importsOf(join(dir, 'file.ts'), code)).toEqual([join(dir, 'b', 'index.ts'), join(dir, 'a.ts')]);
  });

  test('a file compiled on the main thread has its imports compiled into the cache by the worker, depth first', () => {
    // main.ts requires nothing when it runs: only the worker can compile the others.
    const dir = sources({
      'main.ts': "export const later = () => [import('./a'), import('./b')];\n",
      'a.ts': "import { a1 } from './a1';\nimport { a2 } from './nested/a2';\nexport const a: string = a1 + a2;\n",
      'a1.ts': "export const a1: string = 'a1';\n",
      'nested/a2.ts': "import { b1 } from '../b1';\nexport const a2: string = b1;\n",
      'b.ts': "import { b1 } from './b1';\nexport const b: string = b1;\n",
      'b1.ts': "export const b1: string = 'b1';\n",
      'unrelated.ts': "export const u: string = 'u';\n",
    });
    const cache = tempDir();
    const read = loadWithSpy(join(dir, 'main.ts'), cache, waitUntil('cacheFiles().filter((f) => f.endsWith(".js")).length >= 6'));
    expect(read).toEqual(['a.ts', 'a1.ts', 'a2.ts', 'b1.ts', 'b.ts']);
    expect(entries(cache)).toEqual(new Set(compiled(dir, ['main.ts', 'a.ts', 'a1.ts', 'nested/a2.ts', 'b.ts', 'b1.ts'])));
  });

  test('without a worker (no thread can be started), the main thread compiles everything itself', () => {
    const dir = sources({ 'main.ts': "import { a } from './a';\nconsole.log(a);\n", 'a.ts': "export const a: string = 'loaded';\n" });
    const cache = tempDir();
    const noThreads = join(tempDir(), 'no-threads.js');
    writeFileSync(noThreads, "require('worker_threads').Worker = class { constructor() { throw new Error('no thread left'); } };\n");
    const result = spawnSync(process.execPath, ['-r', noThreads, '-e', `
      require(${JSON.stringify(join(ROOT, 'bin/typescript-loader'))}).registerTypeScript(${JSON.stringify(ROOT)});
      require(${JSON.stringify(join(dir, 'main.ts'))});`], { encoding: 'utf8', env: { ...process.env, PAVED_CACHE_DIR: cache } });
    expect([result.status, result.stdout, result.stderr]).toEqual([0, 'loaded\n', '']);
    expect(entries(cache)).toEqual(new Set(compiled(dir, ['main.ts', 'a.ts'])));
  });

  test('a process that exits while the worker writes an entry waits for it: no partial entry is left', () => {
    const dir = sources({ 'main.ts': "export const later = () => import('./a');\n", 'a.ts': 'export const a: number = 1;\n' });
    const cache = tempDir();
    // The worker sleeps half a second between writing a.ts's entry and renaming it into place.
    loadWithSpy(join(dir, 'main.ts'), cache, waitUntil('cacheFiles().some((f) => f.endsWith(".tmp"))'), 500);
    expect(entries(cache)).toEqual(new Set(compiled(dir, ['main.ts', 'a.ts'])));
  });
});
