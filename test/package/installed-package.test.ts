/**
 * paved as a platform team gets it: this checkout packed with `npm pack` (compiled on pack),
 * the tarball installed into a new project, and that project's app, CLI and own tests run.
 * Everything happens in one temporary directory: the checkout is copied there first (its
 * tracked and not ignored files, with a link to its node_modules), so packing never writes
 * into the worktree. The project's dependencies come from the npm cache (`--prefer-offline`),
 * else the registry; when npm cannot install them, the tests are skipped loudly, never passed.
 * The test runners (tsx, jest with @swc/jest, vitest, tsc) are paved's own devDependencies,
 * linked into the project's node_modules as a platform team would have installed them.
 */
import { SpawnSyncReturns, spawnSync } from 'child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join, resolve } from 'path';

const ROOT = resolve(__dirname, '..', '..');
/** npm install from the cache takes about 10 s here; from the registry, longer. */
const INSTALL_TIMEOUT_MS = 240_000;
const RUN_TIMEOUT_MS = 120_000;
/** npm's failures that mean it could not fetch, not that the package is wrong. */
const NETWORK_FAILURE = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|ENOTCACHED|EHOSTUNREACH|network/;
/** The test runners the project's own tests use: paved's devDependencies, linked in. */
const RUNNERS = ['tsx', 'jest', '@swc/jest', 'vitest', 'typescript', '@types/node'];

const work = mkdtempSync(join(tmpdir(), 'paved-package-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(command: string, args: readonly string[], cwd: string, timeout = RUN_TIMEOUT_MS): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, encoding: 'utf8', timeout, env: { ...process.env, PAVED_AS_OF: '2026-11-28' } });
}

function succeeded(result: SpawnSyncReturns<string>, what: string): string {
  if (result.status !== 0) {
    throw new Error(`${what} failed (exit ${result.status}, ${result.error ?? 'no spawn error'}):\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

/** The checkout packed, as `npm pack` in a clean clone would: the tarball's path. */
function pack(): string {
  const clone = join(work, 'clone');
  const listed = succeeded(run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], ROOT), 'git ls-files');
  for (const file of listed.split('\0').filter((f) => f !== '' && existsSync(join(ROOT, f)))) {
    mkdirSync(dirname(join(clone, file)), { recursive: true });
    copyFileSync(join(ROOT, file), join(clone, file));
  }
  symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'));
  const packed = JSON.parse(succeeded(run('npm', ['pack', '--json', '--pack-destination', work], clone, INSTALL_TIMEOUT_MS), 'npm pack'));
  return join(work, packed[0].filename);
}

/** A new project with the tarball installed, or undefined (said loudly) when npm cannot install. */
function installedProject(tarball: string): string | undefined {
  const project = join(work, 'acme-platform');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'acme-platform', version: '1.0.0', private: true }, null, 2));
  const install = run('npm', ['install', tarball, '--prefer-offline', '--no-audit', '--no-fund'], project, INSTALL_TIMEOUT_MS);
  if (install.status !== 0) {
    const output = `${install.error ?? ''}\n${install.stdout}\n${install.stderr}`;
    if (install.error || NETWORK_FAILURE.test(output)) {
      process.stderr.write(`\n*** SKIPPING the installed-package tests: npm cannot install paved's dependencies here: ${output.trim().split('\n').slice(-3).join(' | ')} ***\n\n`);
      return undefined;
    }
    succeeded(install, 'npm install of the packed paved');
  }
  for (const runner of RUNNERS) {
    mkdirSync(dirname(join(project, 'node_modules', runner)), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules', runner), join(project, 'node_modules', runner));
  }
  writeProject(project);
  return project;
}

/** The body of a platform team's app: declares a platform with one service (names from 'paved' and 'paved/golden-paths'). */
const DECLARE = `
  const recorded = (environment: string): ExistingInfrastructure => ({
    network: { vpcId: 'vpc-0123456789abcdef0', privateSubnetIds: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0bbbbbbbbbbbbbbb2'] },
    cluster: {
      clusterName: \`acme-\${environment}\`,
      clusterSecurityGroupId: 'sg-0123456789abcdef0',
      oidcIssuerUrl: 'https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE',
    },
  });
  const platform = new Platform({
    name: 'acme',
    gitops: { repoUrl: 'https://github.com/acme/gitops.git' },
    region: 'eu-west-1',
    environments: [{ name: 'dev', account: '111111111111', existing: recorded('dev') }],
    teams: [{ name: 'payments', idpGroup: 'acme-payments', contact: { email: 'payments@acme.example' } }],
    stateBackend: StateBackend.local(),
  });
  new PlatformBaseline(platform, { domain: 'acme.example' });
  new NodeApi(platform, 'checkout', { team: 'payments' });
`;

/** A synth of the platform into a new temporary directory, summed up for the test to compare. */
const VERIFY = `
  const summary = synth(platform, { outdir: join(mkdtempSync(join(tmpdir(), 'acme-')), 'dist') });
  const result = {
    samePaved: Platform.isPlatform(platform) && platform instanceof Platform,
    services: platform.node.findAll().filter((c) => c instanceof NodeApi).map((c) => c.node.id),
    stacks: summary.stacks,
    unjustifiedErrors: summary.policy?.unjustifiedErrors.length,
  };
`;

const EXPECTED = { samePaved: true, services: ['checkout'], stacks: 3, unjustifiedErrors: 0 };

const CJS_IMPORTS = `import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ExistingInfrastructure, Platform, StateBackend, synth } from 'paved';
import { NodeApi, PlatformBaseline, declareServices } from 'paved/golden-paths';
`;

function writeProject(project: string): void {
  const files: Record<string, string> = {
    // The app the CLI runs; `paved new` writes into services/.
    'platform.ts': `${CJS_IMPORTS}\nexport function acme(): Platform {${DECLARE}  return platform;\n}\n\nconst platform = acme();\ndeclareServices(platform, join(__dirname, 'services'));\nexport default platform;`,
    // tsx as CommonJS (no "type": "module"), and plain node after tsc.
    'check.ts': `${CJS_IMPORTS}\nvoid declareServices;\nconst main = (): void => {${DECLARE}${VERIFY}  console.log(JSON.stringify(result));\n};\nmain();\n`,
    // tsx as ESM, named imports from the CommonJS package.
    'check.mts': `${CJS_IMPORTS}\nvoid declareServices;\n${DECLARE}${VERIFY}console.log(JSON.stringify(result));\n`,
    'jest.config.js': `module.exports = ${JSON.stringify({
      testMatch: ['<rootDir>/*.jest.test.ts'],
      transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }] },
    })};\n`,
    'platform.jest.test.ts': `${CJS_IMPORTS}\nvoid declareServices;\ntest('the platform synthesizes with no unjustified findings', () => {${DECLARE}${VERIFY}  expect(result).toEqual(${JSON.stringify(EXPECTED)});\n});\n`,
    'platform.vitest.test.ts': `import { expect, test } from 'vitest';\n${CJS_IMPORTS}\nvoid declareServices;\ntest('the platform synthesizes with no unjustified findings', () => {${DECLARE}${VERIFY}  expect(result).toEqual(${JSON.stringify(EXPECTED)});\n});\n`,
    'tsconfig.json': JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'commonjs', strict: true, esModuleInterop: true, skipLibCheck: true, outDir: 'build', rootDir: '.', types: ['node'] },
      include: ['platform.ts', 'check.ts', 'services/*.ts'],
    }, null, 2),
    // Resolution by `exports` (module node16), the ESM entry included.
    'tsconfig.node16.json': JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'node16', strict: true, skipLibCheck: true, noEmit: true, types: ['node'] },
      include: ['platform.ts', 'check.ts', 'check.mts', 'services/*.ts'],
    }, null, 2),
  };
  for (const [file, content] of Object.entries(files)) {
    writeFileSync(join(project, file), content);
  }
}

function resultOf(stdout: string): unknown {
  return JSON.parse(stdout.trim().split('\n').pop()!);
}

const project = installedProject(pack());

(project ? describe : describe.skip)('the packed paved, installed into a new project from the tarball', () => {
  const dir = project!;
  const npx = (...args: string[]) => run('npx', ['--no-install', ...args], dir);
  /** A test runner's own script, from the project's node_modules. */
  const runner = (script: string, ...args: string[]) => run(process.execPath, [join(dir, 'node_modules', script), ...args], dir);

  test('the package holds lib/ (JavaScript and declarations), bin/, README and LICENSE, and no sources, tests or examples', () => {
    const installed = join(dir, 'node_modules', 'paved');
    for (const file of ['lib/src/index.js', 'lib/src/index.d.ts', 'lib/constructs/index.js', 'lib/golden-paths/index.js', 'lib/golden-paths/index.d.ts', 'bin/paved', 'README.md', 'LICENSE']) {
      expect([file, existsSync(join(installed, file))]).toEqual([file, true]);
    }
    for (const absent of ['src', 'test', 'examples', 'constructs', 'golden-paths', 'bench', 'tsconfig.json', '.projenrc.ts']) {
      expect([absent, existsSync(join(installed, absent))]).toEqual([absent, false]);
    }
  });

  test("'npx paved synth' runs the app that imports from 'paved', with the copy of paved the app loads", () => {
    const synth = npx('paved', 'synth');
    expect(synth.stderr).toBe('');
    expect(synth.stdout).toContain("Synthesized platform 'acme' into dist/");
    expect(synth.stdout).toContain('guardrails: 0 errors');
    expect(JSON.parse(readFileSync(join(dir, 'dist', 'manifest.json'), 'utf8')).format).toBe('paved-output/1');
  }, RUN_TIMEOUT_MS);

  test("a paved CLI that runs another copy than the app's refuses the app with one message (here: a clone's CLI, from its sources)", () => {
    const other = run(process.execPath, [join(ROOT, 'bin', 'paved'), 'check'], dir);
    expect(other.status).toBe(1);
    expect(other.stderr).toContain("app file 'platform.ts' built its Platform with another copy of paved (");
    expect(other.stderr).toContain(join(dir, 'node_modules', 'paved', 'lib', 'src', 'platform', 'platform.js'));
    expect(other.stderr).toContain(`than the one this paved CLI runs (${join(ROOT, 'src', 'platform', 'platform.ts')})`);
  }, RUN_TIMEOUT_MS);

  test("a clone linked into a project (npm install <dir>) runs its lib/, which the project's app imports as 'paved'", () => {
    const linked = join(work, 'linked-project');
    mkdirSync(join(linked, 'node_modules', '.bin'), { recursive: true });
    writeFileSync(join(linked, 'package.json'), JSON.stringify({ name: 'linked-project', version: '1.0.0', private: true, dependencies: { paved: 'file:../clone' } }));
    symlinkSync(join(work, 'clone'), join(linked, 'node_modules', 'paved'));
    symlinkSync(join('..', 'paved', 'bin', 'paved'), join(linked, 'node_modules', '.bin', 'paved'));
    copyFileSync(join(dir, 'platform.ts'), join(linked, 'platform.ts'));
    // The clone has both src/ and (packed, so compiled) lib/.
    expect([existsSync(join(work, 'clone', 'src', 'cli', 'main.ts')), existsSync(join(work, 'clone', 'lib', 'src', 'cli', 'main.js'))]).toEqual([true, true]);
    const synth = run(process.execPath, [join(linked, 'node_modules', '.bin', 'paved'), 'synth'], linked);
    expect(synth.stderr).toBe('');
    expect(synth.stdout).toContain('guardrails: 0 errors');
  }, RUN_TIMEOUT_MS);

  test("'paved new' writes a declaration whose imports resolve in the project, and the next synth has the service", () => {
    const scaffold = npx('paved', 'new', 'node-api', 'ledger', '--team', 'payments', '--by', 'dev@acme.example');
    expect(scaffold.stderr).toBe('');
    expect(scaffold.status).toBe(0);
    expect(scaffold.stdout).not.toContain('note:');
    const declaration = readFileSync(join(dir, 'services', 'ledger.ts'), 'utf8');
    expect(declaration).toContain("import type { Platform } from 'paved';\nimport { NodeApi } from 'paved/golden-paths';\n");
    const synth = npx('paved', 'synth');
    expect(synth.stderr).toBe('');
    expect(synth.stdout).toContain('guardrails: 0 errors');
    expect(existsSync(join(dir, 'dist', 'gitops', 'dev', 'apps', 'ledger', 'deployment-ledger.yaml'))).toBe(true);
  }, RUN_TIMEOUT_MS);

  test('tsx loads the app as CommonJS', () => {
    expect(resultOf(succeeded(runner('tsx/dist/cli.mjs', 'check.ts'), 'tsx check.ts'))).toEqual(EXPECTED);
  }, RUN_TIMEOUT_MS);

  test("tsx loads the app as ESM, with named imports from 'paved' and 'paved/golden-paths'", () => {
    expect(resultOf(succeeded(runner('tsx/dist/cli.mjs', 'check.mts'), 'tsx check.mts'))).toEqual(EXPECTED);
  }, RUN_TIMEOUT_MS);

  test('tsc type-checks the app and the declaration paved new wrote (module commonjs and node16), and plain node runs the compiled app', () => {
    succeeded(runner('typescript/bin/tsc', '-p', 'tsconfig.node16.json'), 'tsc -p tsconfig.node16.json');
    succeeded(runner('typescript/bin/tsc', '-p', 'tsconfig.json'), 'tsc');
    expect(resultOf(succeeded(run(process.execPath, [join('build', 'check.js')], dir), 'node build/check.js'))).toEqual(EXPECTED);
  }, RUN_TIMEOUT_MS);

  test("the project's jest with @swc/jest runs a test of the platform", () => {
    const jest = runner('jest/bin/jest.js', '--ci', '--rootDir', dir);
    expect([jest.status, jest.stderr]).toEqual([0, expect.stringContaining('1 passed')]);
  }, RUN_TIMEOUT_MS);

  test("the project's vitest runs a test of the platform", () => {
    const vitest = runner('vitest/vitest.mjs', 'run', 'platform.vitest.test.ts');
    expect([vitest.status, vitest.stdout]).toEqual([0, expect.stringContaining('1 passed')]);
  }, RUN_TIMEOUT_MS);
});
