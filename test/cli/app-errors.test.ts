import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'fs';
import { join, resolve } from 'path';
import { tempDir } from '../util';

const ROOT = resolve(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'paved');
const SRC = join(ROOT, 'src');
const GOLDEN_PATHS = join(ROOT, 'golden-paths');
const FIXTURES = join(ROOT, 'test', 'fixtures');
const NO_TRACE = /^\s+at /m;

function paved(args: readonly string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A directory with the app file `name` holding `text`. */
function appDir(name: string, text: string): string {
  const dir = tempDir();
  writeFileSync(join(dir, name), text);
  return dir;
}

/** The header of a .ts app: imports, then type-only lines that swc drops, so compiled lines differ. */
const TS_HEADER = `import { Platform } from '${SRC}';
import { NodeApi } from '${GOLDEN_PATHS}';
import { testPlatformProps, testPlatformWithFacts, TestComponent } from '${FIXTURES}';

interface Unused {
  readonly a: string;
}
type AlsoUnused = number;
`;

// Each case starts a paved process; --typecheck runs TypeScript over paved's sources too.
jest.setTimeout(120_000);

describe('props mistakes through the CLI', () => {
  test('fails when a .ts app has a prop typo, naming the app line, the service and the suggestion', () => {
    const dir = appDir('platform.ts', `${TS_HEADER}const platform = new Platform(testPlatformProps());
new NodeApi(platform, 'checkout', { team: 'payments', dependOn: ['storefront'] } as any);
export default platform;
`);
    const run = paved(['check'], dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe("Error: platform.ts:10:1: NodeApi 'checkout': unknown prop 'dependOn'; did you mean 'dependsOn'?\n");
  });

  test('fails when a .js app gives wrong types, values outside an enum and an unknown region, listing them all', () => {
    const dir = appDir('platform.js', `const { Platform } = require('${SRC}');
const { NodeApi } = require('${GOLDEN_PATHS}');
const { testPlatformProps } = require('${FIXTURES}');
const platform = new Platform({ ...testPlatformProps(), region: 'eu-west-1' });
new NodeApi(platform, 'checkout', {
  team: 'payments',
  database: 'yes',
  queues: 'orders',
  minReplicas: '6',
  environments: { prod: { database: { size: 'huge' } } },
});
module.exports = platform;
`);
    const run = paved(['synth', 'platform.js'], dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe("Error: platform.js:5:1: NodeApi 'checkout': 4 problems:\n"
      + "  - 'database' must be true, false or an object such as { size: 'medium' } (got \"yes\" (string)).\n"
      + "  - 'queues' must be a list of strings (got \"orders\" (string)); write ['orders'].\n"
      + "  - 'minReplicas' must be a whole number of at least 1 (got \"6\" (string)); write it as a number, without quotes: 6.\n"
      + "  - 'environments.prod.database.size' must be 'small', 'medium' or 'large' (got \"huge\" (string)).\n");
    const region = appDir('platform.js', `const { Platform } = require('${SRC}');
const { testPlatformProps } = require('${FIXTURES}');
module.exports = new Platform({ ...testPlatformProps(), region: 'eu-wset-1' });
`);
    expect(paved(['check', 'platform.js'], region).stderr)
      .toBe("Error: platform.js:3:18: Platform 'acme': 'region' must be an AWS region code such as 'eu-west-1' (got \"eu-wset-1\" (string)); did you mean 'eu-west-1'?\n");
  });
});

describe('app errors', () => {
  test('an error thrown by a .ts app is reported at its .ts line, without a trace unless --verbose', () => {
    const dir = appDir('platform.ts', `${TS_HEADER}const platform = new Platform(testPlatformProps());
function settings(): Record<string, string> {
  throw new RangeError('no settings for checkout');
}
settings();
export default platform;
`);
    const run = paved(['synth'], dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('Error: platform.ts:11:9: the app threw RangeError: no settings for checkout\n'
      + '  The platform could not be built; fix the app at that line (run with --verbose for the stack trace).\n');
    const verbose = paved(['synth', '--verbose'], dir);
    expect(verbose.stderr).toMatch(NO_TRACE);
    expect(verbose.stderr).toContain(`at settings (${join(dir, 'platform.ts')}:11:9)`);
    expect(verbose.stderr).toContain(`(${join(dir, 'platform.ts')}:13:1)`);
  });

  test('an async default export that rejects, or a promise left rejected, is reported at the app line', () => {
    const rejects = appDir('platform.ts', `${TS_HEADER}export default async () => {
  await Promise.resolve();
  throw new Error('cannot reach the inventory');
};
`);
    expect(paved(['check'], rejects).stderr).toBe('Error: platform.ts:11:9: the app threw Error: cannot reach the inventory\n'
      + '  The platform could not be built; fix the app at that line (run with --verbose for the stack trace).\n');
    const leftRejected = appDir('platform.ts', `${TS_HEADER}export default async () => {
  const platform = new Platform(testPlatformProps());
  void Promise.reject(new Error('lookup failed'));
  return platform;
};
`);
    const run = paved(['check'], leftRejected);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('Error: platform.ts:11:23: the app left a promise rejected Error: lookup failed\n'
      + '  The platform could not be built; fix the app at that line (run with --verbose for the stack trace).\n');
  });

  test('misuses of the construct API are one message at the app line', () => {
    const cases: [string, string][] = [
      ['new (NodeApi as any)(platform, \'checkout\');',
        "platform.ts:9:1: NodeApi 'checkout': the props must be an object with at least 'team' (got undefined)."],
      ['new NodeApi(platform, \'\', { team: \'payments\' });',
        "platform.ts:9:1: NodeApi '': 'name' must be 1-40 lowercase letters, digits and single hyphens, start with a letter and end with a letter or digit (got \"\")."],
      ['new TerraformStack(platform.terraformApp, \'bare\');',
        "platform.ts:9:43: TerraformStack 'bare': this is a bare cdktf TerraformStack, which the platform cannot place (no environment, state backend or ownership tags); declare resources in platform.placement(component, environment).stack instead."],
      ['new Chart(platform.kubernetesApp, \'bare\');',
        "platform.ts:9:35: Chart 'bare': this is a bare cdk8s Chart, which the platform cannot place (no environment, directory or ownership); declare objects in platform.placement(component, environment).chart instead."],
      [`new TestComponent(platform, 'checkout');
(platform.placement('checkout', 'dev').chart.node.findChild('Config') as ApiObject).addJsonPatch(JsonPatch.replace('/spec/replicas', 2));`,
      "platform.ts:10:61: ApiObject 'Config': its JSON patches cannot be applied to ConfigMap 'checkout-config' (Cannot read properties of undefined (reading 'replicas')); a patch's path must exist in the rendered object (JsonPatch.add creates a missing last field)."],
    ];
    for (const [line, message] of cases) {
      const dir = appDir('platform.ts', `${TS_HEADER.replace('import { Platform }', 'import { Chart, ApiObject, JsonPatch } from \'cdk8s\';\nimport { TerraformStack } from \'cdktf\';\nimport { Platform }').replace(/\ninterface Unused \{\n {2}readonly a: string;\n\}/, '')}const platform = testPlatformWithFacts();
${line}
export default platform;
`);
      symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
      const run = paved(['check'], dir);
      expect([run.status, run.stderr]).toEqual([1, `Error: ${message}\n`]);
    }
  });
});

describe('paved check --typecheck', () => {
  const source = (minReplicas: string) => `${TS_HEADER}const platform = testPlatformWithFacts();
new NodeApi(platform, 'checkout', { team: 'payments', minReplicas: ${minReplicas} });
export default platform;
`;

  test('fails when TypeScript is not installed for the app, saying so', () => {
    const dir = appDir('platform.ts', source('2'));
    const run = paved(['check', '--typecheck'], dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe("Error: --typecheck needs TypeScript, which is not installed for platform.ts (looked for the 'typescript' package from . upwards). Install it in the app's project with 'npm install --save-dev typescript', or leave out --typecheck.\n");
    const synth = paved(['synth', '--typecheck'], dir);
    expect([synth.status, synth.stderr]).toEqual([1, run.stderr]);
    expect(existsSync(join(dir, 'dist'))).toBe(false);
  });

  test('prints each type error as file:line:col and exits 1 before running the app; a correct app passes', () => {
    const dir = appDir('platform.ts', source("'6'"));
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(join(ROOT, 'node_modules', 'typescript'), join(dir, 'node_modules', 'typescript'));
    const version = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'typescript', 'package.json'), 'utf8')).version;
    const failing = paved(['check', '--typecheck'], dir);
    expect(failing.status).toBe(1);
    expect(failing.stderr).toBe("platform.ts:10:55: Type 'string' is not assignable to type 'number'. (TS2322)\n\n"
      + `Error: platform.ts has 1 type error(s) (TypeScript ${version}); fix them, or leave out --typecheck to synthesize without type-checking.\n`);
    expect(failing.stdout).toBe('');
    writeFileSync(join(dir, 'platform.ts'), source('3'));
    const passing = paved(['check', '--typecheck'], dir);
    expect(passing.stderr).toBe('');
    expect(passing.stdout).toMatch(new RegExp(`^Type-checked platform.ts \\(TypeScript ${version.replace(/\./g, '\\.')}\\): no errors.\nPlatform 'acme': `));
    expect(passing.status).toBe(0);
  });
});
