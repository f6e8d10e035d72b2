import { spawn, spawnSync } from 'child_process';
import { createHash } from 'crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'fs';
import { join, resolve } from 'path';
import { tempDir } from '../util';

const CODE_CACHE = resolve(__dirname, '../../bin/code-cache.js');

/**
 * A spy on `vm.Script`, loaded before the cache: prints each module compiled with cached code,
 * and whether V8 took it.
 */
function scriptSpy(): string {
  const spy = join(tempDir(), 'script-spy.js');
  writeFileSync(spy, `
    const vm = require('vm');
    const Script = vm.Script;
    vm.Script = class extends Script {
      constructor(source, options) {
        super(source, options);
        if (options && options.cachedData) {
          process.stderr.write((this.cachedDataRejected ? 'REJECTED ' : 'ACCEPTED ') + require('path').basename(options.filename) + '\\n');
        }
      }
    };`);
  return spy;
}

/** The arguments of Node that run `main` with the code cache in `cache` (or without one). */
function nodeArgs(main: string, cache: string | undefined, maxBytes?: number): string[] {
  const setup = cache === undefined ? '' : `require(${JSON.stringify(CODE_CACHE)}).useCodeCache(${JSON.stringify(cache)}${maxBytes === undefined ? '' : `, ${maxBytes}`});`;
  return ['-r', scriptSpy(), '-e', `${setup} require(${JSON.stringify(main)});`];
}

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The modules whose cached code V8 took. */
  readonly accepted: string[];
}

function run(main: string, cache: string | undefined, maxBytes?: number): Run {
  const result = spawnSync(process.execPath, nodeArgs(main, cache, maxBytes), { encoding: 'utf8' });
  const accepted = [...result.stderr.matchAll(/^ACCEPTED (.*)$/gm)].map((m) => m[1]).sort();
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, accepted };
}

/** The one cache file in `cache`: its hashes, and whether its layout adds up. */
function cacheFile(cache: string): { path: string; hashes: string[]; whole: boolean } {
  const files = readdirSync(cache);
  expect(files).toEqual([expect.stringMatching(/^code-.*\.bin$/)]);
  const path = join(cache, files[0]);
  const data = readFileSync(path);
  const listEnd = 4 + data.readUInt32LE(0);
  const list: [string, number][] = JSON.parse(data.toString('utf8', 4, listEnd));
  const whole = listEnd + list.reduce((total, [, length]) => total + length, 0) === data.length;
  return { path, hashes: list.map(([hash]) => hash).sort(), whole };
}

/**
 * An app of three CommonJS modules and an ES module, which prints what Node gives a module.
 * `lib/loader.js` calls `import()`, which Node 20 loses in cached code: it is never cached.
 * `lib/` says it is CommonJS (Node then passes the format to the compile).
 */
function app(): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'lib'));
  writeFileSync(join(dir, 'lib', 'package.json'), '{ "type": "commonjs" }\n');
  writeFileSync(join(dir, 'lib', 'helper.js'), 'module.exports = { value: 1, self: __filename };\n');
  writeFileSync(join(dir, 'lib', 'esm.mjs'), 'export const imported = "from an ES module";\n');
  writeFileSync(join(dir, 'lib', 'loader.js'), "exports.load = () => import('./esm.mjs');\n");
  writeFileSync(join(dir, 'main.js'), `#!/usr/bin/env node
'use strict';
const helper = require('./lib/helper');
const facts = {
  value: helper.value,
  helperFile: helper.self === require.resolve('./lib/helper'),
  thisIsExports: this === module.exports,
  filename: __filename === module.filename,
  dirname: __dirname === require('path').dirname(__filename),
  cached: require.cache[__filename] === module,
  paths: Array.isArray(require.resolve.paths('anything')),
  main: require.main === process.mainModule,
  extensions: Object.keys(require.extensions).includes('.js'),
};
require('./lib/loader').load().then((esm) => console.log(JSON.stringify({ ...facts, imported: esm.imported })));
`);
  return join(dir, 'main.js');
}

describe('the V8 code cache of bin/paved', () => {
  test('runs modules as Node does, from compiled and from cached code', () => {
    const main = app();
    const cache = tempDir();
    const plain = run(main, undefined);
    expect(plain.status).toBe(0);
    expect(JSON.parse(plain.stdout)).toEqual({
      value: 1,
      helperFile: true,
      thisIsExports: true,
      filename: true,
      dirname: true,
      cached: true,
      paths: true,
      main: true,
      extensions: true,
      imported: 'from an ES module',
    });

    const first = run(main, cache);
    expect([first.status, first.stdout, first.accepted]).toEqual([0, plain.stdout, []]);
    const second = run(main, cache);
    expect([second.status, second.stdout, second.accepted]).toEqual([0, plain.stdout, ['helper.js', 'main.js']]);
  });

  test('writes the cache only for code it did not have, and compiles a changed module again', () => {
    const main = app();
    const cache = tempDir();
    run(main, cache);
    const written = cacheFile(cache);
    expect(written.hashes).toHaveLength(2);
    expect(written.whole).toBe(true);
    const { mtimeMs, ino } = statSync(written.path);

    expect(run(main, cache).accepted).toEqual(['helper.js', 'main.js']);
    expect(statSync(written.path)).toMatchObject({ mtimeMs, ino });

    // The same length: only the source's hash tells the two apart.
    const helper = join(main, '..', 'lib', 'helper.js');
    writeFileSync(helper, readFileSync(helper, 'utf8').replace('value: 1', 'value: 2'));
    const changed = run(main, cache);
    expect(JSON.parse(changed.stdout).value).toBe(2);
    expect(changed.accepted).toEqual(['main.js']);
    const rewritten = cacheFile(cache);
    expect(rewritten.hashes).toHaveLength(3);
    expect(rewritten.hashes).toEqual(expect.arrayContaining(written.hashes));
    expect(run(main, cache).accepted).toEqual(['helper.js', 'main.js']);
  });

  test("leaves a module's inline source map out of its hash and its cached code", () => {
    const main = app();
    const helper = join(main, '..', 'lib', 'helper.js');
    const code = readFileSync(helper, 'utf8');
    const sourceMap = Buffer.from(JSON.stringify({ version: 3, sources: ['helper.ts'], sourcesContent: ['x'.repeat(200_000)] })).toString('base64');
    const mapLine = `//# sourceMappingURL=data:application/json;base64,${sourceMap}`;
    const sha1 = (text: string) => createHash('sha1').update(helper).update('\0').update(text).digest('hex');
    writeFileSync(helper, code + mapLine);
    const cache = tempDir();
    const plain = run(main, undefined).stdout;
    expect(run(main, cache).stdout).toBe(plain);
    const written = cacheFile(cache);
    expect(written.hashes).toContain(sha1(code));
    expect(statSync(written.path).size).toBeLessThan(mapLine.length / 10);
    expect(run(main, cache)).toMatchObject({ stdout: plain, accepted: ['helper.js', 'main.js'] });

    // Not the last line: part of the module.
    const followed = `${code}${mapLine}\nmodule.exports.value += 1;\n`;
    writeFileSync(helper, followed);
    expect(JSON.parse(run(main, cache).stdout).value).toBe(2);
    expect(cacheFile(cache).hashes).toContain(sha1(followed));
  });

  test('keeps the code of two files with the same source apart, so that each trace names its own file', () => {
    const dir = tempDir();
    const [one, two] = ['one', 'two'].map((name) => {
      mkdirSync(join(dir, name));
      writeFileSync(join(dir, name, 'app.js'), "module.exports = () => new Error('where').stack.split('\\n')[1];\n");
      return join(dir, name, 'app.js');
    });
    const cache = tempDir();
    const where = (file: string) => spawnSync(process.execPath, ['-e', `require(${JSON.stringify(CODE_CACHE)}).useCodeCache(${JSON.stringify(cache)}); console.log(require(${JSON.stringify(file)})());`], { encoding: 'utf8' }).stdout;
    where(one);
    expect(where(two)).toContain(two);
    expect(where(one)).toContain(one);
  });

  test('keeps only the modules of the run that writes it past its size', () => {
    const cache = tempDir();
    const main = app();
    run(main, cache, 1);
    const first = cacheFile(cache).hashes;
    writeFileSync(main, `${readFileSync(main, 'utf8')}// another app\n`);
    run(main, cache, 1);
    const kept = cacheFile(cache).hashes;
    expect(kept).toHaveLength(2);
    expect(kept.filter((hash) => first.includes(hash))).toHaveLength(1); // the helper both versions load

    // Another directory's files are other files (see above): two more.
    run(app(), cache);
    expect(cacheFile(cache).hashes).toHaveLength(4);
  });

  test('ignores a cache file cut short, and writes a whole one', () => {
    const main = app();
    const cache = tempDir();
    const plain = run(main, undefined).stdout;
    run(main, cache);
    const { path } = cacheFile(cache);
    const data = readFileSync(path);
    writeFileSync(path, data.subarray(0, data.length - 100)); // the list whole, the last module's code not
    expect(run(main, cache).accepted).toEqual([]);
    writeFileSync(path, data.subarray(0, 100)); // not even the list
    expect(run(main, cache)).toMatchObject({ status: 0, stdout: plain, accepted: [] });
    expect(cacheFile(cache).whole).toBe(true);
    expect(run(main, cache).accepted).toEqual(['helper.js', 'main.js']);
  });

  test('leaves a module that does not compile to Node, which reports it', () => {
    const dir = tempDir();
    const broken = join(dir, 'broken.js');
    writeFileSync(broken, "'use strict';\nconst broken = ;\n");
    const plain = run(broken, undefined);
    const cached = run(broken, tempDir());
    expect(plain.status).not.toBe(0);
    expect(cached.status).toBe(plain.status);
    // The file, line, source, caret and message; the stack below differs by the cache's frame.
    const report = (stderr: string) => stderr.split('\n').slice(0, 5);
    expect(report(cached.stderr)).toEqual(report(plain.stderr));
    expect(cached.stderr).toContain(`${broken}:2`);
    expect(cached.stderr).toContain('SyntaxError: Unexpected token');
  });

  test('processes that fill one cache at the same time all run, and leave a whole file', async () => {
    const main = app();
    const cache = tempDir();
    const plain = run(main, undefined).stdout;
    const load = () => new Promise<string>((done, fail) => {
      const child = spawn(process.execPath, nodeArgs(main, cache));
      let out = '';
      child.stdout.on('data', (chunk) => (out += chunk));
      child.on('error', fail);
      child.on('close', (code) => (code === 0 ? done(out) : fail(new Error(`exit ${code}`))));
    });
    expect(await Promise.all([load(), load(), load(), load()])).toEqual([plain, plain, plain, plain]);
    expect(cacheFile(cache)).toMatchObject({ whole: true, hashes: expect.any(Array) });
    expect(run(main, cache).accepted).toEqual(['helper.js', 'main.js']);
  });
});
