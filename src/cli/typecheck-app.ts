import { dirname, resolve, sep } from 'path';
import { displayPath } from './display-path';
import { CliError } from '../platform/cli-error';

/** How a type-check of an app went. */
export interface TypecheckResult {
  /** The TypeScript version that checked it. */
  readonly version: string;
  /** The tsconfig.json whose options were used, if one was found above the app. */
  readonly tsconfig?: string;
  /** Each error in the app's files: `file:line:col: message (TS2322)`. */
  readonly errors: readonly string[];
}

/** The options used when no tsconfig.json is found above the app. */
const DEFAULT_OPTIONS = {
  strict: true,
  target: 'es2022',
  module: 'commonjs',
  moduleResolution: 'node10',
  esModuleInterop: true,
  resolveJsonModule: true,
  skipLibCheck: true,
};

/**
 * Type-checks the platform app `app` (and what it imports) with the project's own TypeScript:
 * the `typescript` package as resolved from the app's directory, with the options of the
 * nearest `tsconfig.json` above it (else strict defaults), `noEmit`, and `skipLibCheck`. Only
 * errors in the app's own files (its directory, outside `node_modules`) are reported.
 * @throws CliError when TypeScript is not installed where the app is
 */
export function typecheckApp(app: string): TypecheckResult {
  const file = resolve(app);
  const appDir = dirname(file);
  let ts: typeof import('typescript');
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    ts = require(require.resolve('typescript', { paths: [appDir] }));
  } catch {
    throw new CliError(`--typecheck needs TypeScript, which is not installed for ${displayPath(file)} (looked for the 'typescript' package from ${displayPath(appDir)} upwards). Install it in the app's project with 'npm install --save-dev typescript', or leave out --typecheck.`);
  }
  const tsconfig = ts.findConfigFile(appDir, ts.sys.fileExists);
  let options: import('typescript').CompilerOptions;
  if (tsconfig) {
    const read = ts.readConfigFile(tsconfig, ts.sys.readFile);
    if (read.error) {
      throw new CliError(`${displayPath(tsconfig)}: ${ts.flattenDiagnosticMessageText(read.error.messageText, '\n')}`);
    }
    options = ts.parseJsonConfigFileContent(read.config, ts.sys, dirname(tsconfig), undefined, tsconfig).options;
  } else {
    options = ts.convertCompilerOptionsFromJson(DEFAULT_OPTIONS, appDir).options;
  }
  const program = ts.createProgram([file], { ...options, noEmit: true, skipLibCheck: true, incremental: false, composite: false });
  const root = appDir + sep;
  const errors = ts.getPreEmitDiagnostics(program)
    .filter((d) => d.category === ts.DiagnosticCategory.Error)
    .filter((d) => d.file === undefined || (d.file.fileName.startsWith(root.split(sep).join('/')) && !d.file.fileName.includes('/node_modules/')))
    .map((d) => {
      const message = ts.flattenDiagnosticMessageText(d.messageText, '\n  ');
      if (!d.file || d.start === undefined) {
        return `${message} (TS${d.code})`;
      }
      const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
      return `${displayPath(d.file.fileName)}:${line + 1}:${character + 1}: ${message} (TS${d.code})`;
    });
  return { version: ts.version, tsconfig, errors };
}

/**
 * Runs `typecheckApp` for a command's `--typecheck`: prints the errors to `stderr` and returns
 * false when there are any, else prints one line to `stdout` and returns true.
 */
export function reportTypecheck(app: string, io: { stdout(text: string): void; stderr(text: string): void }): boolean {
  const result = typecheckApp(app);
  const how = `TypeScript ${result.version}${result.tsconfig ? ` with ${displayPath(result.tsconfig)}` : ''}`;
  if (result.errors.length > 0) {
    io.stderr(`${result.errors.join('\n')}\n\nError: ${displayPath(resolve(app))} has ${result.errors.length} type error(s) (${how}); fix them, or leave out --typecheck to synthesize without type-checking.\n`);
    return false;
  }
  io.stdout(`Type-checked ${displayPath(resolve(app))} (${how}): no errors.\n`);
  return true;
}
