import { existsSync, statSync } from 'fs';
import { extname, resolve } from 'path';
import { explainAppError } from './app-error';
import { CliError } from '../platform/cli-error';
import { Platform } from '../platform/platform';
import type { Rule } from '../policy/rule';

/** The app file `paved` loads when none is given. */
export const DEFAULT_APP = 'platform.ts';

/** A loaded platform app. */
export interface LoadedApp {
  /** The app's default export (or what the function it default-exports returned). */
  readonly platform: Platform;
  /**
   * The rule packs `paved synth` and `paved check` run: the app's named export `packs`, when it
   * has one (`export const packs = [...DEFAULT_PACKS, myPack];`).
   * @default - none exported: synth and check run `DEFAULT_PACKS`
   */
  readonly packs?: readonly (readonly Rule[])[];
}

/**
 * Loads a platform app: a `.ts` or `.js` file whose default export is a `Platform` or a
 * function (possibly async) that returns one.
 * @param asOf the day the platform judges self-service requests and deviations against
 * (through `$PAVED_AS_OF`, since the app constructs the platform)
 */
export async function loadPlatform(app: string | undefined, asOf?: string): Promise<Platform> {
  return (await loadApp(app, asOf)).platform;
}

/**
 * Loads a platform app (see `loadPlatform`) with the rule packs it exports as `packs`, for the
 * commands that run the guardrails.
 */
export async function loadApp(app: string | undefined, asOf?: string): Promise<LoadedApp> {
  if (asOf !== undefined) {
    process.env.PAVED_AS_OF = asOf;
  }
  const given = app ?? DEFAULT_APP;
  const file = appFile(app);

  // A promise the app rejects and nobody awaits is the app's error too.
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);
  process.on('unhandledRejection', onRejection);
  let exported: any;
  let packs: LoadedApp['packs'];
  try {
    let loaded: any;
    try {
      // A synchronous CommonJS load: bin/paved compiles .ts files on the way in.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      loaded = require(file);
    } catch (error) {
      throw explainAppError(explainLoadError(given, error), file);
    }
    exported = loaded?.default ?? loaded;
    packs = loaded?.default !== undefined ? loaded?.packs : undefined;
    if (typeof exported === 'function' && !Platform.isPlatform(exported)) {
      try {
        exported = await exported();
      } catch (error) {
        throw explainAppError(error, file);
      }
    }
    // Node reports a rejection nobody handled after the microtasks of the turn that made it.
    await new Promise((done) => setImmediate(done));
    if (rejections.length > 0) {
      throw explainAppError(rejections[0], file, 'left a promise rejected');
    }
  } finally {
    process.off('unhandledRejection', onRejection);
  }
  if (!Platform.isPlatform(exported)) {
    throw new CliError(`app file '${given}' must default-export a Platform or a function that returns one (got ${describe(exported)}). Add 'export default platform;'.`);
  }
  if (!(exported instanceof Platform)) {
    throw new CliError(`app file '${given}' built its Platform with another copy of paved (${otherCopies().join(', ') || 'one this CLI did not load'}) than the one this paved CLI runs (${OWN_COPY}), `
      + "so their constructs would not agree. Run the paved the app imports: 'npx paved' in the project that depends on paved, or, in paved's own clone, import its sources by relative path ('../../src').");
  }
  return { platform: exported, packs };
}

/** The module of the Platform class this CLI runs. */
const OWN_COPY = require.resolve('../platform/platform');

/** Other copies of paved's Platform module that are loaded. */
function otherCopies(): string[] {
  return Object.keys(require.cache).filter((f) => f !== OWN_COPY && /[\\/]src[\\/]platform[\\/]platform\.(ts|js)$/.test(f));
}

/**
 * The absolute path of the app file `app` (default `platform.ts`).
 * @throws CliError when it does not exist or is not a .ts or .js file
 */
export function appFile(app: string | undefined): string {
  const given = app ?? DEFAULT_APP;
  const file = resolve(given);
  if (!existsSync(file) || !statSync(file).isFile()) {
    const hint = app === undefined
      ? `no app was given and there is no ${DEFAULT_APP} here`
      : `app file '${given}' does not exist (looked for ${file})`;
    throw new CliError(`${hint}. Pass a .ts or .js file that default-exports a Platform, e.g. 'paved synth examples/acme/platform.ts'.`);
  }
  if (!['.ts', '.js', '.cjs'].includes(extname(file))) {
    throw new CliError(`app file '${given}' must be a .ts or .js file (got '${extname(file) || 'no extension'}').`);
  }
  return file;
}

function explainLoadError(app: string, error: unknown): unknown {
  if (error instanceof SyntaxError) {
    return withCause(new CliError(`app file '${app}' has a syntax error: ${error.message}`), error);
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'MODULE_NOT_FOUND') {
    const message = (error as Error).message.split('\n')[0];
    return withCause(new CliError(`app file '${app}' imports something that cannot be found: ${message}. Check the import path, or run 'npm install'.`), error);
  }
  return error;
}

function withCause(error: CliError, cause: unknown): CliError {
  if (cause instanceof Error && cause.stack) {
    error.stack = `${error.stack}\nCaused by: ${cause.stack}`;
  }
  return error;
}

function describe(value: unknown): string {
  if (value === undefined) {
    return 'no default export';
  }
  if (typeof value === 'object' && value !== null) {
    return `an object with keys ${Object.keys(value).map((k) => `'${k}'`).join(', ') || '(none)'}`;
  }
  return `a ${typeof value}`;
}

export { displayPath } from './display-path';
