import { readFileSync } from 'fs';
import { SourceMap } from 'module';
import { dirname, sep } from 'path';
import { displayPath } from './display-path';
import { CliError } from '../platform/cli-error';
import { PavedValidationError } from '../platform/paved-validation-error';

/** Where bin/typescript-loader.js keeps the source maps of the `.ts` files it loaded (base64 JSON by file). */
const SOURCE_MAPS = Symbol.for('paved.typescriptSourceMaps');

/** A place in a file, 1-based, as editors and compilers print it. */
export interface SourceLocation {
  /** The absolute path of the file. */
  readonly file: string;
  /** The line, counting from 1. */
  readonly line: number;
  /** The column, counting from 1. */
  readonly column: number;
}

/**
 * A platform app failed while it was loaded or built its platform: it threw or rejected, or
 * paved refused how it used the construct API. The message starts with the app's file and line
 * (the `.ts` line, through the loader's source maps) and has no stack trace; `--verbose` prints
 * the trace, mapped the same way.
 */
export class AppError extends CliError {
  /** Where in the app it happened, when a frame of the trace is in the app's files. */
  public readonly location?: SourceLocation;

  constructor(message: string, cause: unknown, location?: SourceLocation) {
    super(message);
    this.name = 'AppError';
    this.location = location;
    const trace = cause instanceof Error && cause.stack ? mapStack(cause.stack) : undefined;
    if (trace) {
      this.stack = `${this.name}: ${message}\nCaused by: ${trace}`;
    }
  }
}

/**
 * `error`, thrown while the app `appFile` loaded or built its platform, as one `AppError` that
 * names the app's file and line: `platform.ts:12:3: NodeApi 'checkout': ...`.
 * A `CliError` is returned as it is; an error with no frame in the app's files (a bug in paved
 * or a dependency, reached without the app on the stack) too, so that it keeps its trace.
 */
export function explainAppError(error: unknown, appFile: string, how = 'threw'): unknown {
  if (error instanceof CliError) {
    return error;
  }
  const appDir = dirname(appFile);
  let location = error instanceof Error ? appLocation(error, appDir) : undefined;
  if (!location && PavedValidationError.isPavedValidationError(error) && !error.message.startsWith("Platform '")) {
    // Raised at synth, when the app is no longer on the stack: where the app names the construct.
    location = declarationOf(error.constructPath, appDir);
  }
  const where = location ? `${displayPath(location.file)}:${location.line}:${location.column}: ` : '';
  if (PavedValidationError.isPavedValidationError(error)) {
    return new AppError(`${where}${error.message}`, error, location);
  }
  if (!location) {
    return error;
  }
  const what = error instanceof Error ? `${error.name}: ${error.message}` : `a non-error value: ${String(error)}`;
  return new AppError(`${where}the app ${how} ${what}\n  The platform could not be built; fix the app at that line (run with --verbose for the stack trace).`, error, location);
}

/** `build()`, with what it throws explained as `explainAppError` does (for synth and check). */
export function withAppErrors<T>(appFile: string, build: () => T): T {
  try {
    return build();
  } catch (error) {
    throw explainAppError(error, appFile);
  }
}

/**
 * The first frame of `error`'s trace in the app's files (under `appDir`, outside `node_modules`),
 * at its `.ts` line when the loader kept a source map.
 */
export function appLocation(error: Error, appDir: string): SourceLocation | undefined {
  const root = appDir.endsWith(sep) ? appDir : appDir + sep;
  for (const frame of framesOf(error.stack ?? '')) {
    if (frame.file.startsWith(root) && !frame.file.includes(`${sep}node_modules${sep}`)) {
      return mapLocation(frame);
    }
  }
  return undefined;
}

/**
 * Where the app's files (those loaded, under `appDir`) first name a segment of `constructPath`
 * as a string literal, trying the last segment first: the line that declared the construct.
 */
export function declarationOf(constructPath: string, appDir: string): SourceLocation | undefined {
  const root = appDir.endsWith(sep) ? appDir : appDir + sep;
  const files = Object.keys(require.cache).filter((f) => f.startsWith(root) && !f.includes(`${sep}node_modules${sep}`)).sort();
  const texts = files.map((file) => ({ file, lines: readFileSync(file, 'utf8').split('\n') }));
  for (const segment of constructPath.split('/').filter(Boolean).reverse()) {
    const literals = [`'${segment}'`, `"${segment}"`, `\`${segment}\``];
    for (const { file, lines } of texts) {
      const index = lines.findIndex((line) => literals.some((l) => line.includes(l)));
      if (index >= 0) {
        const column = Math.min(...literals.map((l) => lines[index].indexOf(l)).filter((c) => c >= 0));
        return { file, line: index + 1, column: column + 1 };
      }
    }
  }
  return undefined;
}

/** `stack` with every place in a `.ts` file the loader has a source map for moved to its `.ts` line. */
export function mapStack(stack: string): string {
  return stack.replace(FRAME, (whole, file: string, line: string, column: string) => {
    const mapped = mapLocation({ file, line: Number(line), column: Number(column) });
    return whole.replace(`${file}:${line}:${column}`, `${mapped.file}:${mapped.line}:${mapped.column}`);
  });
}

/** `file:line:column` in a stack line, with or without parentheses. */
const FRAME = /(?<=\(|at )(\/[^():\n]+):(\d+):(\d+)(?=\)|$)/gm;

function framesOf(stack: string): SourceLocation[] {
  return [...stack.matchAll(FRAME)].map((m) => ({ file: m[1], line: Number(m[2]), column: Number(m[3]) }));
}

/** `location` in compiled code, at its place in the `.ts` source when there is a source map. */
function mapLocation(location: SourceLocation): SourceLocation {
  const encoded = ((globalThis as any)[SOURCE_MAPS] as Map<string, string> | undefined)?.get(location.file);
  if (!encoded) {
    return location;
  }
  try {
    const entry = new SourceMap(JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')))
      .findEntry(location.line - 1, location.column - 1) as { originalLine?: number; originalColumn?: number };
    return entry.originalLine === undefined
      ? location
      : { file: location.file, line: entry.originalLine + 1, column: (entry.originalColumn ?? 0) + 1 };
  } catch {
    return location;
  }
}
