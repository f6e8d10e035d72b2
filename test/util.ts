import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative } from 'path';
import { Chart } from 'cdk8s';
import { Platform } from '../src';
import { renderChartObjects } from '../src/synth/kubernetes-manifests';

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

/** `describe`, or a loudly skipped `describe.skip` where Terraform is missing. */
export const describeWithTerraform: jest.Describe = terraformAvailable() ? describe : describe.skip;

/**
 * Runs Terraform offline in `dir` against the provider mirror: init (no backend), then `args`.
 * @returns the combined output; throws with it when Terraform fails
 */
export function runTerraform(dir: string, ...args: string[]): string {
  // An unpacked mirror is linked, not copied, into .terraform; direct downloads are off.
  const config = join(tempDir(), 'terraform.rc');
  writeFileSync(config, `provider_installation {
  filesystem_mirror { path = "${PROVIDER_MIRROR}" }
  direct { exclude = ["*/*/*"] }
}
`);
  const env = { ...process.env, TF_CLI_CONFIG_FILE: config, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' };
  let output = '';
  for (const step of [['init', '-backend=false', '-input=false', '-no-color'], args]) {
    const result = spawnSync(TERRAFORM, step, { cwd: dir, env, encoding: 'utf8' });
    output += result.stdout + result.stderr;
    if (result.status !== 0) {
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
