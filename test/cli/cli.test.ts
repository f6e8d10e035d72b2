import { spawnSync } from 'child_process';
import { existsSync, readFileSync, writeFileSync } from 'fs';
import { join, resolve } from 'path';
import { COMMANDS } from '../../src/cli/main';
import { tempDir } from '../util';

const ROOT = resolve(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'paved');
const SRC = join(ROOT, 'src');
const FIXTURES = join(ROOT, 'test', 'fixtures');

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function paved(args: readonly string[], cwd = tempDir()): Run {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Writes an app file that builds the test platform and then runs `body`. */
function app(body: string, name = 'platform.ts'): { dir: string; file: string } {
  const dir = tempDir();
  const file = join(dir, name);
  writeFileSync(file, `import { Platform } from '${SRC}';
import { TestComponent, testPlatformProps } from '${FIXTURES}';
const platform = new Platform(testPlatformProps());
${body}
`);
  return { dir, file };
}

const NO_TRACE = /^\s+at /m;

test('each command of the table loads under its own name', () => {
  for (const entry of COMMANDS) {
    expect(entry.load().name).toBe(entry.name);
  }
});

describe('paved synth', () => {
  test('synthesizes an app and prints a summary', () => {
    const { dir } = app("new TestComponent(platform, 'checkout');\nexport default platform;");
    const run = paved(['synth', 'platform.ts', '--out', 'out'], dir);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Synthesized platform 'acme' into out\/ in \d+\.\d\d s \(load \d+\.\d\d s, construct \d+\.\d\d s, synth \d+\.\d\d s, check \d+\.\d\d s, write \d+\.\d\d s\)\n  3 stacks, 3 manifests, 1 catalog entities, 15 files\n  guardrails: 0 errors, 0 warnings, 0 justified by deviations\n$/);
    expect(existsSync(join(dir, 'out/terraform/dev/checkout-dev/cdk.tf.json'))).toBe(true);
  });

  test('says so when a synth into the same directory changed no file, and not when one did', () => {
    const { dir, file } = app("new TestComponent(platform, 'checkout');\nexport default platform;");
    const summary = (run: Run) => [run.status, run.stderr, run.stdout.split('\n').slice(1).join('\n')];
    const counts = '  3 stacks, 3 manifests, 1 catalog entities, 15 files\n';
    const guardrails = '  guardrails: 0 errors, 0 warnings, 0 justified by deviations\n';
    expect(summary(paved(['synth'], dir))).toEqual([0, '', counts + guardrails]);
    expect(summary(paved(['synth'], dir))).toEqual([0, '', `${counts}  output unchanged (15 files identical to the previous synth)\n${guardrails}`]);
    // The same files, one of them different: the catalog entity and the stacks' tags name another owner.
    writeFileSync(file, readFileSync(file, 'utf8').replace("'checkout');", "'checkout', 'web');"));
    expect(summary(paved(['synth'], dir))).toEqual([0, '', counts + guardrails]);
  });

  test('loads platform.ts and writes dist/ by default', () => {
    const { dir } = app('export default platform;');
    expect(paved(['synth'], dir).status).toBe(0);
    expect(existsSync(join(dir, 'dist/manifest.json'))).toBe(true);
  });

  test('accepts a default export that is a function returning the platform', () => {
    const { dir } = app('export default () => platform;');
    expect(paved(['synth'], dir).status).toBe(0);
  });

  test('fails when the app file does not exist', () => {
    const run = paved(['synth', 'missing.ts']);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^Error: app file 'missing.ts' does not exist \(looked for .*missing.ts\)\. Pass a .ts or .js file that default-exports a Platform, e.g. 'paved synth examples\/acme\/platform.ts'.\n$/);
  });

  test('fails when no app is given and there is no platform.ts', () => {
    const run = paved(['synth']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('no app was given and there is no platform.ts here.');
  });

  test('fails when the app has a syntax error, naming the file, line and column', () => {
    const { dir } = app('export default platform;;\nconst broken: = 1;');
    const run = paved(['synth'], dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^Error: app file 'platform.ts' has a syntax error: .*platform.ts:5:15: Unexpected token `=`\..*\n$/);
  });

  test('fails when the app exports no platform', () => {
    const { dir } = app('export const other = 1;');
    const run = paved(['synth'], dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe("Error: app file 'platform.ts' must default-export a Platform or a function that returns one (got an object with keys 'other'). Add 'export default platform;'.\n");
  });

  test('fails when the app uses an unknown environment', () => {
    const { dir } = app("platform.environment('qa');\nexport default platform;");
    const run = paved(['synth'], dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe("Error: platform.ts:4:10: Platform 'acme': unknown environment 'qa'; the environments are 'dev', 'staging', 'prod'.\n");
  });

  test('fails when a service name is declared twice', () => {
    const { dir } = app("new TestComponent(platform, 'checkout');\nnew TestComponent(platform, 'checkout');\nexport default platform;");
    const run = paved(['synth'], dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("Error: platform.ts:5:1: Platform 'acme': a service called 'checkout' is declared twice");
    expect(run.stderr).not.toMatch(NO_TRACE);
  });

  test('fails when a name is invalid', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'platform.ts'), `import { Platform } from '${SRC}';
import { testPlatformProps } from '${FIXTURES}';
export default new Platform({ ...testPlatformProps(), name: 'Acme_Corp' });
`);
    const run = paved(['synth'], dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe("Error: platform.ts:3:16: Platform 'Acme_Corp': 'name' must be 1-20 lowercase letters, digits and single hyphens, start with a letter and end with a letter or digit (got 'Acme_Corp'); for example 'acme-corp'.\n");
  });

  test('--verbose shows the stack trace of a user mistake', () => {
    const { dir } = app("platform.environment('qa');\nexport default platform;");
    const run = paved(['synth', '--verbose'], dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(NO_TRACE);
  });

  test('an error the app throws is one message at the app line, with the trace only with --verbose', () => {
    const { dir } = app("throw new TypeError('boom');");
    const run = paved(['synth'], dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('Error: platform.ts:4:7: the app threw TypeError: boom\n'
      + '  The platform could not be built; fix the app at that line (run with --verbose for the stack trace).\n');
    const verbose = paved(['synth', '--verbose'], dir);
    expect(verbose.stderr).toContain('Caused by: TypeError: boom');
    expect(verbose.stderr).toMatch(NO_TRACE);
  });

  test('a failed synth leaves the previous output in place', () => {
    const { dir, file } = app("new TestComponent(platform, 'checkout');\nexport default platform;");
    expect(paved(['synth'], dir).status).toBe(0);
    const manifest = readFileSync(join(dir, 'dist/manifest.json'), 'utf8');
    writeFileSync(file, readFileSync(file, 'utf8').replace('export default platform;', "platform.environment('qa');\nexport default platform;"));
    expect(paved(['synth'], dir).status).toBe(1);
    expect(readFileSync(join(dir, 'dist/manifest.json'), 'utf8')).toBe(manifest);
  });
});

/** An app whose checkout ConfigMap carries a secret-looking key in prod (PAVED-K8S-SEC-001). */
const LEAKY = `new TestComponent(platform, 'checkout');
import { ApiObject, JsonPatch } from '${join(ROOT, 'node_modules', 'cdk8s')}';
const configMap = platform.placement('checkout', 'prod').chart.node.findAll().find(ApiObject.isApiObject)!;
configMap.addJsonPatch(JsonPatch.add('/data/DB_PASSWORD', 'hunter2'));
export default platform;`;

describe('paved check', () => {
  test('prints the verdict and exits 0 when nothing is wrong', () => {
    const { dir } = app("new TestComponent(platform, 'checkout');\nexport default platform;");
    const run = paved(['check'], dir);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe("Platform 'acme': guardrails: 0 errors, 0 warnings, 0 justified by deviations\n");
  });

  test('prints findings grouped by service with the fix, and exits 1 on an unjustified error', () => {
    const { dir } = app(LEAKY);
    const run = paved(['check', '--as-of', '2026-11-28'], dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe([
      'checkout (team payments)',
      '  error     PAVED-K8S-SEC-001  gitops/prod/apps/checkout/configmap-checkout-config.yaml',
      '            ConfigMap key \'DB_PASSWORD\' holds a literal value under a secret-looking name ("h…", 7 characters)',
      '            fix: Declare the secret on the service (it becomes an ExternalSecret) and reference it with secretKeyRef / envFrom, or mount it as a file from the Secret.',
      '',
      "Platform 'acme': guardrails: 1 errors, 0 warnings, 0 justified by deviations",
      '',
    ].join('\n'));
  });

  test('synth refuses to write on an unjustified error', () => {
    const { dir } = app(LEAKY);
    const run = paved(['synth'], dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("Error: Platform 'acme': 1 guardrail error(s) without a deviation; nothing was written.");
    expect(run.stderr).not.toMatch(NO_TRACE);
    expect(existsSync(join(dir, 'dist'))).toBe(false);
  });

  test('synth --no-check writes and says the guardrails did not run', () => {
    const { dir } = app(LEAKY);
    const run = paved(['synth', '--no-check'], dir);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('guardrails: not run (--no-check)');
    expect(JSON.parse(readFileSync(join(dir, 'dist/report/report.json'), 'utf8')).checked).toBe(false);
  });
});

describe('paved CLI', () => {
  test('--help lists the commands', () => {
    const run = paved(['--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Usage: paved <command> [options]');
    expect(run.stdout).toMatch(/^ {2}synth {2}/m);
  });

  test('no arguments prints the help and fails', () => {
    const run = paved([]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Usage: paved <command> [options]');
  });

  test('<command> --help shows its options', () => {
    const run = paved(['synth', '--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Usage: paved synth [APP] [--out DIR]');
  });

  test('--version prints the package version', () => {
    const run = paved(['--version']);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version}\n`);
  });

  test('fails on an unknown command', () => {
    const run = paved(['deploy']);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe("Error: unknown command 'deploy'; the commands are synth, check, bootstrap, diff, plan, apply, new, env, access, secret, pipeline. See 'paved --help'.\n");
  });

  test('fails on an unknown option', () => {
    const run = paved(['synth', '--outdir', 'x']);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe("Error: unknown option '--outdir' for 'paved synth'. See 'paved synth --help'.\n");
  });

  test('fails on too many arguments', () => {
    const run = paved(['synth', 'a.ts', 'b.ts']);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe("Error: too many arguments for 'paved synth': 'b.ts'. See 'paved synth --help'.\n");
  });
});
