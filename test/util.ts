import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative } from 'path';
import { Chart } from 'cdk8s';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { Role } from '../constructs';
import { AWS_PACK, BinaryEngine, KUBERNETES_PACK, PLATFORM_PACK, PavedValidationError, Platform, Rule, synth } from '../src';
import { renderChartObjects } from '../src/engine/kubernetes-manifests';
import { synthesizeTerraformStack } from '../src/engine/terraform-json';
import { offlineStackCopy } from '../src/operations/offline-stack-copy';

export * from './fixtures';
export * from './validate';

const tempRoots: string[] = [];
afterAll(() => {
  for (const dir of tempRoots.splice(0)) {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A new empty directory under the OS temp dir, removed after the test file. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'paved-test-'));
  tempRoots.push(dir);
  return dir;
}

/**
 * A script to preload (`node -r`) that logs to `log` each module Node loads, a line each, on the
 * main thread or on worker threads only (stand-ins put straight into `require.cache` are not
 * loaded); `loadedModules` reads the log.
 */
export function moduleLoadSpy(log: string, threads: 'main' | 'workers'): string {
  const spy = join(tempDir(), 'module-load-spy.js');
  writeFileSync(spy, `
    if (require('worker_threads').isMainThread === ${threads === 'main'}) {
      const Module = require('module');
      const load = Module.prototype.load;
      Module.prototype.load = function (filename) {
        require('fs').appendFileSync(${JSON.stringify(log)}, filename + '\\n');
        return load.call(this, filename);
      };
    }`);
  return spy;
}

/** The modules `moduleLoadSpy` logged to `log`, in load order. */
export function loadedModules(log: string): string[] {
  return existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter((file) => file !== '') : [];
}

/** Every file under `dir`, by path relative to it, with its content. */
export function readTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (current: string) => {
    for (const entry of readdirSync(current).sort()) {
      const path = join(current, entry);
      if (statSync(path).isDirectory()) {
        walk(path);
      } else {
        files.set(relative(dir, path), readFileSync(path, 'utf8'));
      }
    }
  };
  walk(dir);
  return files;
}

/**
 * The entries of `dir` once none matches `pattern` any more (a detached process of paved's
 * deleting a retired output), waiting at most `timeoutMs`; the entries as they are then.
 */
export async function whenDeleted(dir: string, pattern: RegExp, timeoutMs = 15_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  while (readdirSync(dir).some((name) => pattern.test(name)) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return readdirSync(dir).sort();
}

/** The packs of a platform without a baseline: no cluster add-ons, so no closure pack. */
export const PACKS_WITHOUT_CLOSURE = [AWS_PACK, KUBERNETES_PACK, PLATFORM_PACK];

/**
 * Synthesizes `platform` into a new temp dir and returns that dir.
 * @param packs the rule packs, as `synth` takes them (default: synth's)
 */
export function synthToTemp(platform: Platform, packs?: readonly (readonly Rule[])[]): string {
  const outdir = join(tempDir(), 'dist');
  synth(platform, { outdir, packs });
  return outdir;
}

/** The parsed Terraform JSON of one stack in a synth output. */
export function readStack(outdir: string, environment: string, stack: string): any {
  return JSON.parse(readFileSync(join(outdir, 'terraform', environment, stack, 'cdk.tf.json'), 'utf8'));
}

/** The parsed Terraform JSON of one stack, rendered in memory as synth renders it. */
export function renderStack(stack: TerraformStack): any {
  return synthesizeTerraformStack(stack);
}

/** The resources of `type` (`aws_s3_bucket`) in a stack's Terraform JSON, by logical id. */
export function resourcesOf(stack: any, type: string): Record<string, any> {
  return stack.resource?.[type] ?? {};
}

/** The one resource of `type` in a stack's Terraform JSON; fails when there is not exactly one. */
export function onlyResource(stack: any, type: string): any {
  const resources = Object.values(resourcesOf(stack, type));
  expect(resources).toHaveLength(1);
  return resources[0];
}

/** The resource of `type` whose construct path is `path` (`checkout-dev/Uploads/Resource`). */
export function resourceAt(stack: any, type: string, path: string): any {
  const found = Object.values(resourcesOf(stack, type)).find((r: any) => r['//']?.metadata?.path === path);
  if (!found) {
    throw new Error(`no ${type} at ${path}; there are ${Object.values(resourcesOf(stack, type)).map((r: any) => r['//'].metadata.path).join(', ')}`);
  }
  return found;
}

/** The address of the resource of `type` at construct path `path`: `aws_s3_bucket.Uploads_4F6EB0FD`. */
export function addressOf(stack: any, type: string, path: string): string {
  const logicalId = Object.entries(resourcesOf(stack, type)).find(([, r]: [string, any]) => r['//'].metadata.path === path)?.[0];
  if (!logicalId) {
    throw new Error(`no ${type} at ${path}`);
  }
  return `${type}.${logicalId}`;
}

/** A Terraform reference to `attribute` of the resource of `type` at `path`: `${aws_s3_bucket.Uploads_4F6EB0FD.arn}`. */
export function refTo(stack: any, type: string, path: string, attribute: string): string {
  return `\${${addressOf(stack, type, path)}.${attribute}}`;
}

/** The statements of a policy document (a JSON string), by Sid. */
export function statementsOf(policy: string): Record<string, any> {
  const document = JSON.parse(policy);
  expect(document.Version).toBe('2012-10-17');
  return Object.fromEntries(document.Statement.map((s: any) => [s.Sid, s]));
}

/** A role to grant to: `App` in `scope`, assumable by EC2. */
export function testRole(scope: Construct): Role {
  return new Role(scope, 'App', { trustStatements: [Role.trustService('ec2.amazonaws.com')] });
}

/** The statements granted to the `testRole` of a rendered stack, by Sid. */
export function grantedStatements(stack: any): Record<string, any> {
  const policy = Object.values(resourcesOf(stack, 'aws_iam_role_policy')).find((p: any) => p['//'].metadata.path.endsWith('/App/Policy'));
  expect(policy).toBeDefined();
  return statementsOf((policy as any).policy);
}

/** The message of the `PavedValidationError` that `fn` throws; fails the test when it throws none. */
export function errorOf(fn: () => unknown): string {
  const error = thrownBy(fn);
  expect(PavedValidationError.isPavedValidationError(error)).toBe(true);
  return error.message;
}

/** What `fn` throws; fails the test when it throws nothing. */
export function thrownBy(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

/** The Terraform binary the tests run. */
export const TERRAFORM = process.env.PAVED_TERRAFORM ?? '/usr/local/bin/terraform';
/** The offline provider mirror the tests install from. */
export const PROVIDER_MIRROR = '/opt/tf-plugins';

/**
 * Whether the real Terraform binary and the offline provider mirror are here. When they are not,
 * say so loudly: the tests that need them are skipped, never passed.
 */
export function terraformAvailable(): boolean {
  const available = existsSync(TERRAFORM) && existsSync(PROVIDER_MIRROR);
  if (!available) {
    process.stderr.write(`\n*** SKIPPING Terraform tests: ${TERRAFORM} or the provider mirror ${PROVIDER_MIRROR} is missing. ***\n\n`);
  }
  return available;
}

/** `describe`, or a loudly skipped `describe.skip` where Terraform is missing. */
export const describeWithTerraform: jest.Describe = terraformAvailable() ? describe : describe.skip;

/** How long a test that runs Terraform may take. */
export const TERRAFORM_TIMEOUT_MS = 120_000;

/** The engine the tests run: real Terraform, installing providers from the offline mirror only. */
function offlineTerraform(): BinaryEngine {
  return new BinaryEngine({ binary: TERRAFORM, providerMirror: PROVIDER_MIRROR });
}

/**
 * Runs Terraform offline in `dir` against the provider mirror: init (no backend), then `args`.
 * Async, so that independent stacks run side by side.
 * @returns the output of `args`; rejects with the log when Terraform fails
 */
export async function runTerraform(dir: string, ...args: string[]): Promise<string> {
  const engine = offlineTerraform();
  const log = join(tempDir(), 'terraform.log');
  await engine.run(dir, ['init', '-backend=false', '-input=false', '-no-color'], log);
  return engine.run(dir, args, log);
}

/** Whether the provider mirror has `provider` (`hashicorp/kubernetes`). */
export function mirrorHasProvider(provider: string): boolean {
  return existsSync(join(PROVIDER_MIRROR, 'registry.terraform.io', provider));
}

/** The providers the `argocd-<env>` bootstrap stacks need besides the AWS provider. */
export const CLUSTER_BOOTSTRAP_PROVIDERS = ['hashicorp/helm', 'hashicorp/kubernetes'];

/** Which of `providers` the provider mirror lacks: a test that needs them is a loud skip, never a pass. */
export function providersNotMirrored(providers: readonly string[]): string[] {
  return providers.filter((p) => !mirrorHasProvider(p));
}

/**
 * Runs `terraform plan -refresh=false` on the offline copy `paved plan --offline` makes of the
 * stack in `stackDir` (dummy credentials, local state); nothing is written to `stackDir`.
 * @returns the plan's output; rejects with the log when Terraform fails
 */
export async function planOffline(stackDir: string): Promise<string> {
  const copy = offlineStackCopy(stackDir, join(tempDir(), 'stack'));
  const engine = offlineTerraform();
  const log = join(tempDir(), 'terraform.log');
  await engine.run(copy.dir, ['init', '-input=false', '-no-color'], log);
  return engine.run(copy.dir, ['plan', '-refresh=false', '-input=false', '-lock=false', '-no-color'], log);
}

/** The rendered objects of `chart` of `kind` (resolved, as written to files). */
export function objectsOfKind(chart: Chart, kind: string): any[] {
  return renderChartObjects(chart).filter((o) => o.kind === kind);
}

/** The one rendered object of `chart` of `kind`. */
export function objectOfKind(chart: Chart, kind: string): any {
  const objects = objectsOfKind(chart, kind);
  if (objects.length !== 1) {
    throw new Error(`expected one ${kind}, found ${objects.length}`);
  }
  return objects[0];
}
