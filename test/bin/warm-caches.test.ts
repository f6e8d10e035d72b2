import { spawnSync } from 'child_process';
import { copyFileSync, mkdirSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'fs';
import { join, relative, resolve } from 'path';
import { tempDir } from '../util';

const ROOT = resolve(__dirname, '../..');

/**
 * Runs `args` with Node, the transpile cache in `cache`, and a spy on swc that prints each file
 * it compiles; the files compiled, relative to the project.
 */
function compiledBy(args: string[], cache: string): string[] {
  const spy = join(tempDir(), 'swc-spy.js');
  writeFileSync(spy, `
    const swc = require(require.resolve('@swc/core', { paths: [${JSON.stringify(ROOT)}] }));
    const transformSync = swc.transformSync;
    swc.transformSync = (source, options) => {
      process.stderr.write('COMPILED ' + options.filename + '\\n');
      return transformSync(source, options);
    };`);
  const result = spawnSync(process.execPath, ['-r', spy, ...args], {
    cwd: ROOT,
    env: { ...process.env, PAVED_CACHE_DIR: cache },
    encoding: 'utf8',
  });
  expect(result.status).toBe(0);
  return [...result.stderr.matchAll(/^COMPILED (.*)$/gm)].map((m) => relative(ROOT, m[1])).sort();
}

/** The code cache file of bin/paved in `cache`: its name, modification time and inode. */
function codeCache(cache: string): { name: string; mtimeMs: number; ino: number } {
  const [name, ...others] = readdirSync(cache).filter((file) => file.startsWith('code-'));
  expect(others).toEqual([]);
  const { mtimeMs, ino } = statSync(join(cache, name));
  return { name, mtimeMs, ino };
}

describe('warming the caches at install (package.json prepare)', () => {
  test('leaves the first synth of a clone nothing to compile, and is a no-op when repeated', () => {
    const cache = tempDir();
    const warmed = compiledBy(['bin/warm-caches.js'], cache);
    expect(warmed).toEqual(expect.arrayContaining(['src/cli/main.ts', 'constructs/imports/argoproj.io.ts', 'golden-paths/node-api/node-api.ts']));
    expect(warmed.filter((file) => !/^(src|constructs|golden-paths)\//.test(file))).toEqual([]);
    // The example's synth, in a child process, compiled the example and filled the code cache.
    const code = codeCache(cache);
    expect(code.name).toMatch(/^code-.*\.bin$/);
    const entries = readdirSync(cache).sort();

    expect(compiledBy(['bin/warm-caches.js'], cache)).toEqual([]);
    expect(readdirSync(cache).sort()).toEqual(entries);
    expect(codeCache(cache)).toEqual(code);

    // A synth runs every module from cached code: the code cache is not written again.
    expect(compiledBy(['bin/paved', 'synth', 'examples/acme/platform.ts', '--out', join(tempDir(), 'dist')], cache)).toEqual([]);
    expect(codeCache(cache)).toEqual(code);
  });

  test('warms the source folders that are there, and leaves the code cache when there is no example', () => {
    const root = tempDir();
    mkdirSync(join(root, 'bin'));
    for (const file of ['warm-caches.js', 'typescript-loader.js']) {
      copyFileSync(join(ROOT, 'bin', file), join(root, 'bin', file));
    }
    symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
    mkdirSync(join(root, 'src'));
    writeFileSync(join(root, 'src', 'only.ts'), 'export const only: number = 1;\n');
    const cache = tempDir();
    expect(compiledBy([join(root, 'bin', 'warm-caches.js')], cache)).toEqual([relative(ROOT, join(root, 'src', 'only.ts'))]);
    expect(readdirSync(cache)).toHaveLength(1);
  });
});
