import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative } from 'path';
import { BinaryEngine, PavedValidationError, Platform } from '../src';

export * from './fixtures';

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

/**
 * Runs Terraform offline in `dir` against the provider mirror: init (no backend), then `args`.
 * @returns the combined output; throws with it when Terraform fails
 */
export function runTerraform(dir: string, ...args: string[]): string {
  const engine = new BinaryEngine({ binary: TERRAFORM, providerMirror: PROVIDER_MIRROR });
  return engine.runSync(dir, ['init', '-backend=false', '-input=false', '-no-color']) + engine.runSync(dir, args);
}

/** The message of the `PavedValidationError` that `fn` throws; fails the test when it throws none. */
export function validationErrorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(PavedValidationError.isPavedValidationError(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected a PavedValidationError');
}
