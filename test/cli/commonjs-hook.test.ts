import { spawnSync } from 'child_process';
import { existsSync, writeFileSync } from 'fs';
import { join, resolve } from 'path';
import { tempDir } from '../util';

const ROOT = resolve(__dirname, '../..');

/**
 * A CommonJS hook for `.ts` files as maintained loaders register them (tsx's `tsx/cjs`,
 * esbuild-register): it compiles to CommonJS and leaves `import()` to Node's ES module loader,
 * which does not know the hook.
 */
function maintainedLoaderHook(): string {
  const hook = join(tempDir(), 'hook.js');
  writeFileSync(hook, `const { readFileSync } = require('fs');
const swc = require(${JSON.stringify(require.resolve('@swc/core'))});
require.extensions['.ts'] = (module, filename) => {
  const options = { filename, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs', ignoreDynamic: true }, swcrc: false, configFile: false };
  module._compile(swc.transformSync(readFileSync(filename, 'utf8'), options).code, filename);
};
`);
  return hook;
}

/** `src/cli/main.ts` run with `args` under the hook. */
function mainUnderHook(args: string[], env: NodeJS.ProcessEnv = {}) {
  const script = `require(${JSON.stringify(join(ROOT, 'src/cli/main.ts'))}).main(${JSON.stringify(args)}).then((code) => { process.exitCode = code; });`;
  return spawnSync(process.execPath, ['-r', maintainedLoaderHook(), '-e', script], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
}

describe("paved's CLI loaded by a maintained loader's CommonJS hook", () => {
  test('loads every command', () => {
    const run = mainUnderHook(['--help']);
    expect([run.status, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toMatch(/^Commands:$/m);
    expect(run.stdout).toMatch(/^ {2}synth\b/m);
    expect(run.stdout).toMatch(/^ {2}pipeline\b/m);
  });

  test('synthesizes a platform', () => {
    const out = join(tempDir(), 'dist');
    const run = mainUnderHook(['synth', 'bench/platform.ts', '--out', out], { PAVED_BENCH_SERVICES: '1' });
    expect([run.status, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toMatch(/^Synthesized platform /);
    expect(existsSync(join(out, 'manifest.json'))).toBe(true);
  });
});
