import { spawnSync } from 'child_process';
import { readFileSync, readdirSync, writeFileSync } from 'fs';
import { join, resolve } from 'path';
import { tempDir } from '../util';

const COMPILE_CACHE = resolve(__dirname, '../../bin/compile-cache');

/**
 * A directory of CommonJS modules: `main.js` (a hashbang script that imports dynamically, so
 * Node compiles it itself) prints what `facts.js` (compiled through the cache) sees of what Node
 * gives a module.
 */
function modules(): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'main.js'), `#!/usr/bin/env node
console.log(JSON.stringify(require('./facts')));
import('./esm.mjs').then((m) => console.log(m.word));
`);
  writeFileSync(join(dir, 'facts.js'), `const { join } = require('path');
module.exports = {
  answer: require('./answer').answer(),
  resolved: require.resolve('./answer') === join(__dirname, 'answer.js'),
  paths: Array.isArray(require.resolve.paths('x')),
  filename: __filename === join(__dirname, 'facts.js'),
  main: require.main === require.cache[join(__dirname, 'main.js')],
  cache: require.cache[__filename] === module,
  thisIsExports: this === exports,
};
`);
  writeFileSync(join(dir, 'answer.js'), 'exports.answer = () => 42;\n');
  writeFileSync(join(dir, 'esm.mjs'), "export const word = 'dynamic import works';\n");
  return dir;
}

/** Runs `main.js` of `dir` with the compile cache in `cache`; its output. */
function run(dir: string, cache: string): string {
  const script = `require(${JSON.stringify(COMPILE_CACHE)}).enableCompileCache(${JSON.stringify(cache)}); require('module').runMain(${JSON.stringify(join(dir, 'main.js'))});`;
  const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  expect(result.stderr).toBe('');
  return result.stdout;
}

const EXPECTED = `${JSON.stringify({ answer: 42, resolved: true, paths: true, filename: true, main: true, cache: true, thisIsExports: true })}\ndynamic import works\n`;

describe('the compile cache of bin/paved', () => {
  test('modules run as Node runs them, and their compiled code is kept once per module', () => {
    const dir = modules();
    const cache = tempDir();
    expect(run(dir, cache)).toBe(EXPECTED);
    const entries = readdirSync(cache);
    expect(entries.filter((e) => e.endsWith('.v8'))).toHaveLength(2);
    expect(entries.filter((e) => !e.endsWith('.v8'))).toEqual([]);
    const before = entries.map((e) => readFileSync(join(cache, e)));

    expect(run(dir, cache)).toBe(EXPECTED);
    expect(readdirSync(cache).map((e) => readFileSync(join(cache, e)))).toEqual(before);
  });

  test('a changed module of the same length is compiled again, not served from the cache', () => {
    const dir = modules();
    const cache = tempDir();
    run(dir, cache);
    writeFileSync(join(dir, 'answer.js'), 'exports.answer = () => 43;\n');
    expect(run(dir, cache)).toBe(EXPECTED.replace('42', '43'));
    expect(readdirSync(cache)).toHaveLength(3);
  });

  test('an entry V8 rejects is replaced', () => {
    const dir = modules();
    const cache = tempDir();
    run(dir, cache);
    for (const entry of readdirSync(cache)) {
      writeFileSync(join(cache, entry), 'not compiled code');
    }
    expect(run(dir, cache)).toBe(EXPECTED);
    expect(readdirSync(cache).map((e) => readFileSync(join(cache, e), 'utf8'))).not.toContain('not compiled code');
  });
});
