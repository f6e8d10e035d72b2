import { spawn } from 'child_process';
import { createHash } from 'crypto';
import { accessSync, appendFileSync, constants, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { basename, delimiter, dirname, join, resolve } from 'path';
import { EngineError, EngineOutput, IEngine, PlanOptions, ProviderSchemas, ResourceSchema, ShownPlan } from './engine';
import { CliError } from '../platform/cli-error';

/** Props of a `BinaryEngine`. */
export interface BinaryEngineProps {
  /**
   * The engine's binary: a name looked up on PATH, or a path.
   * @default - `tofu` when it is on PATH, else `terraform`
   */
  readonly binary?: string;
  /**
   * A provider mirror directory to install providers from, with downloads turned off, so that
   * `init` needs no network.
   * @default - none: providers install as the user's CLI configuration says
   */
  readonly providerMirror?: string;
}

/** What `init` prints when it cannot download or find a provider. */
const PROVIDER_INSTALL_FAILURE = /Failed to query available provider packages|Failed to install provider|could not connect to registry\.|provider registry/i;

/**
 * The Go garbage collector's target that the engine and its providers run with, unless the
 * caller's environment sets `GOGC`: the AWS provider builds a schema of some 13 MB in every
 * process, and at Go's default (100) collecting it costs a quarter of an offline plan's CPU; at
 * 400 a plan takes about 25 % less CPU for about 7 % more memory (600 MB at the most for a
 * service stack, measured with Terraform 1.11 and the AWS provider 5.100).
 */
export const ENGINE_GOGC = '400';

/** The engines looked for on PATH, in order, when none is named. */
export const DEFAULT_ENGINES: readonly string[] = ['tofu', 'terraform'];

/**
 * An `IEngine` that runs the `tofu` or `terraform` binary, non-interactively, with output in a
 * log file per stack.
 */
export class BinaryEngine implements IEngine {
  /** The binary's absolute path. */
  public readonly binary: string;
  /** The binary's file name, `tofu` or `terraform`, as messages name it. */
  public readonly name: string;
  /** The provider mirror providers are installed from, if any. */
  public readonly providerMirror?: string;
  /** The environment every run gets. */
  public readonly env: NodeJS.ProcessEnv;

  /** @throws CliError when the binary is not found or the mirror does not exist */
  constructor(props: BinaryEngineProps = {}) {
    this.binary = resolveBinary(props.binary);
    this.name = basename(this.binary);
    this.env = { GOGC: ENGINE_GOGC, ...process.env, TF_IN_AUTOMATION: '1', TF_INPUT: '0', CHECKPOINT_DISABLE: '1' };
    if (props.providerMirror !== undefined) {
      this.providerMirror = resolve(props.providerMirror);
      if (!existsSync(this.providerMirror) || !statSync(this.providerMirror).isDirectory()) {
        throw new CliError(`provider mirror '${props.providerMirror}' is not a directory; pass the directory that holds registry.terraform.io/... (for example /opt/tf-plugins).`);
      }
      this.env.TF_CLI_CONFIG_FILE = mirrorConfigFile(this.providerMirror);
    }
  }

  /** @throws EngineError that says how to pass `--provider-mirror` when no registry or mirror could be reached */
  public async init(dir: string, log: string): Promise<void> {
    const logged = existsSync(log) ? statSync(log).size : 0;
    try {
      await this.run(dir, ['init', '-input=false', '-no-color'], log);
    } catch (error) {
      const output = existsSync(log) ? readFileSync(log).subarray(logged).toString('utf8') : '';
      if (error instanceof EngineError && PROVIDER_INSTALL_FAILURE.test(output)) {
        throw new EngineError(`${error.message}; ${this.providerMirror
          ? `the provider mirror ${this.providerMirror} does not hold the providers the stack needs: add them with '${this.name} providers mirror ${this.providerMirror}' where the registry is reachable`
          : `the provider registry could not be reached and no mirror is configured: pass --provider-mirror DIR with a directory that holds the providers (registry.terraform.io/hashicorp/aws/..., made with '${this.name} providers mirror DIR' where the registry is reachable), or plan where the registry is reachable`}`);
      }
      throw error;
    }
  }

  public async plan(dir: string, planFile: string, log: string, options: PlanOptions): Promise<void> {
    await this.run(dir, ['plan', '-input=false', '-no-color', `-refresh=${options.refresh}`, `-lock=${options.lock}`, ...(options.targets ?? []).map((t) => `-target=${t}`), `-out=${planFile}`], log);
  }

  public async show(dir: string, planFile: string, log: string): Promise<ShownPlan> {
    return JSON.parse(await this.run(dir, ['show', '-json', '-no-color', planFile], log, false)) as ShownPlan;
  }

  public async providerSchemas(dir: string, log: string): Promise<ProviderSchemas> {
    const shown = JSON.parse(await this.run(dir, ['providers', 'schema', '-json'], log, false)) as { provider_schemas?: Record<string, { resource_schemas?: Record<string, ResourceSchema> }> };
    return Object.fromEntries(Object.entries(shown.provider_schemas ?? {}).map(([provider, schema]) => [provider, schema.resource_schemas ?? {}]));
  }

  public async apply(dir: string, planFile: string, log: string): Promise<void> {
    await this.run(dir, ['apply', '-input=false', '-no-color', planFile], log);
  }

  public async output(dir: string, log: string): Promise<Readonly<Record<string, EngineOutput>>> {
    const outputs = JSON.parse(await this.run(dir, ['output', '-json', '-no-color'], log, false)) as Record<string, { value: unknown; sensitive?: boolean }>;
    return Object.fromEntries(Object.entries(outputs).map(([name, { value, sensitive }]) => [name, { value, sensitive: sensitive === true }]));
  }

  /** Runs `args` in `dir`, appending the output to `log`; resolves to stdout. */
  public run(dir: string, args: readonly string[], log: string, logStdout = true): Promise<string> {
    mkdirSync(dirname(log), { recursive: true });
    appendFileSync(log, `$ ${this.name} ${args.join(' ')}\n`);
    return new Promise((resolvePromise, reject) => {
      const child = spawn(this.binary, args, { cwd: dir, env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
      const stdout: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => {
        stdout.push(chunk);
        if (logStdout) {
          appendFileSync(log, chunk);
        }
      });
      child.stderr.on('data', (chunk: Buffer) => appendFileSync(log, chunk));
      child.on('error', (error) => reject(new EngineError(`${this.name} ${args[0]} could not start in ${dir}: ${error.message}`)));
      child.on('close', (code, signal) => {
        if (code === 0) {
          resolvePromise(Buffer.concat(stdout).toString('utf8'));
        } else {
          reject(new EngineError(`${this.name} ${args[0]} failed in ${dir} (${signal ? `signal ${signal}` : `exit ${code}`}); see ${log}`));
        }
      });
    });
  }
}

/** The absolute path of `name` (a name on PATH or a path), or of the first default engine on PATH. */
function resolveBinary(name: string | undefined): string {
  if (name !== undefined && name.includes('/')) {
    const path = resolve(name);
    if (!isExecutable(path)) {
      throw new CliError(`engine '${name}' is not an executable file (looked for ${path}); pass --engine tofu, --engine terraform or the path of one.`);
    }
    return path;
  }
  for (const candidate of name !== undefined ? [name] : DEFAULT_ENGINES) {
    const found = (process.env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, candidate)).find(isExecutable);
    if (found) {
      return found;
    }
  }
  throw new CliError(name !== undefined
    ? `engine '${name}' is not on PATH; install it, or pass --engine with the path of tofu or terraform.`
    : 'neither tofu nor terraform is on PATH; install OpenTofu or Terraform, or pass --engine with the path of one.');
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * A CLI configuration file that installs providers from `mirror` only. Its path depends on the
 * mirror alone, so every engine for that mirror shares one file.
 */
function mirrorConfigFile(mirror: string): string {
  const file = join(tmpdir(), `paved-mirror-${createHash('sha256').update(mirror).digest('hex').slice(0, 12)}.tfrc`);
  // Written aside and renamed, so that an engine running in another process never reads half a file.
  const staging = `${file}.${process.pid}`;
  writeFileSync(staging, `provider_installation {
  filesystem_mirror {
    path    = ${JSON.stringify(mirror)}
    include = ["*/*/*"]
  }
  direct {
    exclude = ["*/*/*"]
  }
}
`);
  renameSync(staging, file);
  return file;
}
