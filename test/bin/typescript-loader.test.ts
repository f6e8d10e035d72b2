import { spawn, spawnSync } from 'child_process';
import { readdirSync, writeFileSync } from 'fs';
import { join, resolve } from 'path';
import { tempDir } from '../util';

/** bin/typescript-loader.js, which bin/paved loads before any TypeScript. */
interface TypeScriptLoader {
  compileTypeScript(source: string, filename: string): string;
  cachedCompile(source: string, filename: string, cacheDir: string): string;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const loader: TypeScriptLoader = require('../../bin/typescript-loader');

describe('the TypeScript loader of bin/paved', () => {
  test('strips types and compiles to CommonJS', () => {
    const code = loader.compileTypeScript("import { join } from 'path';\nexport const answer: number = join('a').length;\n", 'answer.ts');
    expect(code).toContain('require("path")');
    expect(code).not.toContain(': number');
  });

  test('fails with the file, line and column of a syntax error', () => {
    expect(() => loader.compileTypeScript('const ok = 1;\nconst broken: = 1;\n', '/app/platform.ts'))
      .toThrow(/^\/app\/platform\.ts:2:15: Unexpected token `=`\./);
  });

  test('compiles each content once, keyed by its hash, and again when it changes', () => {
    const cache = tempDir();
    const first = loader.cachedCompile('export const a: number = 1;\n', 'a.ts', cache);
    expect(readdirSync(cache)).toHaveLength(1);
    // The entry is what a later load gets: overwrite it to see that it is read, not recompiled.
    writeFileSync(join(cache, readdirSync(cache)[0]), '/* cached */');
    expect(loader.cachedCompile('export const a: number = 1;\n', 'renamed.ts', cache)).toBe('/* cached */');
    expect(loader.cachedCompile('export const a: number = 2;\n', 'a.ts', cache)).toBe(first.replace('= 1', '= 2'));
    expect(readdirSync(cache)).toHaveLength(2);
  });

  test('processes that fill one cache at the same time all load, and leave whole entries only', async () => {
    const cache = tempDir();
    const app = join(tempDir(), 'app.ts');
    writeFileSync(app, 'const answer: number = 42;\nconsole.log(answer);\n');
    const load = () => new Promise<string>((done, fail) => {
      const child = spawn(process.execPath, ['-e', `require(${JSON.stringify(resolve(__dirname, '../../bin/typescript-loader'))}).registerTypeScript(${JSON.stringify(resolve(__dirname, '../..'))}); require(${JSON.stringify(app)});`], {
        env: { ...process.env, PAVED_CACHE_DIR: cache },
      });
      let out = '';
      child.stdout.on('data', (chunk) => (out += chunk));
      child.on('error', fail);
      child.on('close', (code) => (code === 0 ? done(out) : fail(new Error(`exit ${code}`))));
    });
    expect(await Promise.all([load(), load(), load(), load()])).toEqual(['42\n', '42\n', '42\n', '42\n']);
    expect(readdirSync(cache).filter((f) => !/^[0-9a-f]{64}\.js$/.test(f))).toEqual([]);
  });

  test('keeps the source map of each file it loads, which maps a trace to the .ts line', () => {
    const app = join(tempDir(), 'app.ts');
    writeFileSync(app, "import { join } from 'path';\n\ninterface Unused {\n  readonly a: string;\n}\n\nexport const where = join('a');\nthrow new Error('at line 8');\n");
    const script = `require(${JSON.stringify(resolve(__dirname, '../../bin/typescript-loader'))}).registerTypeScript(${JSON.stringify(resolve(__dirname, '../..'))});
      const { mapStack } = require(${JSON.stringify(resolve(__dirname, '../../src/cli/app-error.ts'))});
      try { require(${JSON.stringify(app)}); } catch (error) { console.log(mapStack(error.stack).split('\\n')[1]); }`;
    const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, PAVED_CACHE_DIR: tempDir() } });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe(`at Object.<anonymous> (${app}:8:7)`);
  });
});
