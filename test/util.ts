import { spawn } from 'child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative } from 'path';
import { Chart } from 'cdk8s';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { Role } from '../constructs';
import { PavedValidationError, Platform } from '../src';
import { renderChartObjects } from '../src/synth/kubernetes-manifests';
import { synthesizeTerraformStack } from '../src/synth/terraform-json';

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

/** Synthesizes `platform` into a new temp dir and returns that dir. */
export function synthToTemp(platform: Platform): string {
  const outdir = join(tempDir(), 'dist');
  platform.synth({ outdir });
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
  try {
    fn();
  } catch (error) {
    expect(PavedValidationError.isPavedValidationError(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected a PavedValidationError');
}

const TERRAFORM = process.env.PAVED_TERRAFORM ?? '/usr/local/bin/terraform';
const PROVIDER_MIRROR = '/opt/tf-plugins';

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

/** How long a test that runs Terraform may take: init, validate and plan take seconds each. */
export const TERRAFORM_TIMEOUT_MS = 120_000;

/** `describe`, or a loudly skipped `describe.skip` where Terraform is missing. */
export const describeWithTerraform: jest.Describe = terraformAvailable() ? describe : describe.skip;

/**
 * Runs Terraform offline in `dir` against the provider mirror: init (no backend), then `args`.
 * @returns the combined output; throws with it when Terraform fails
 */
export function runTerraform(dir: string, ...args: string[]): Promise<string> {
  return runTerraformSteps(dir, [['init', '-backend=false', '-input=false', '-no-color'], args]);
}

/** Whether the provider mirror has `provider` (`hashicorp/kubernetes`). */
export function mirrorHasProvider(provider: string): boolean {
  return existsSync(join(PROVIDER_MIRROR, 'registry.terraform.io', provider));
}

/**
 * Runs `terraform plan -refresh=false` offline on a copy of the stack in `stackDir`: in the copy
 * only, the AWS provider gets dummy credentials, skips every call that needs AWS and loses its
 * account pin (which needs the real account id), and state is local in the temp dir. Nothing is
 * written to `stackDir`.
 * @returns the plan's output; throws with it when Terraform fails
 */
export function planOffline(stackDir: string): Promise<string> {
  const dir = tempDir();
  const stack = JSON.parse(readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8'));
  for (const provider of stack.provider.aws) {
    // Checking the account pin needs the caller's real account id.
    delete provider.allowed_account_ids;
    Object.assign(provider, {
      access_key: 'offline-plan',
      secret_key: 'offline-plan',
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: true,
      skip_region_validation: true,
    });
  }
  stack.terraform.backend = { local: { path: join(dir, 'terraform.tfstate') } };
  writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify(stack, undefined, 2));
  return runTerraformSteps(dir, [
    ['init', '-input=false', '-no-color'],
    ['plan', '-refresh=false', '-input=false', '-lock=false', '-no-color'],
  ]);
}

/** Runs each of `steps` in turn; async so that independent stacks run side by side. */
async function runTerraformSteps(dir: string, steps: readonly string[][]): Promise<string> {
  // An unpacked mirror is linked, not copied, into .terraform; direct downloads are off.
  const config = join(tempDir(), 'terraform.rc');
  writeFileSync(config, `provider_installation {
  filesystem_mirror { path = "${PROVIDER_MIRROR}" }
  direct { exclude = ["*/*/*"] }
}
`);
  const env = { ...process.env, TF_CLI_CONFIG_FILE: config, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' };
  let output = '';
  for (const step of steps) {
    const status = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(TERRAFORM, step, { cwd: dir, env });
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      child.on('error', reject);
      child.on('close', resolve);
    });
    if (status !== 0) {
      throw new Error(`terraform ${step.join(' ')} failed in ${dir}:\n${output}`);
    }
  }
  return output;
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
