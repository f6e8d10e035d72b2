import { readFileSync } from 'fs';
import { dirname, join } from 'path';
import { parseArgs } from 'util';
import { CliIo, PROCESS_IO } from './cli-io';
import { Command, CommandArgs } from './command';
import { CliError } from '../platform/cli-error';
import { PavedValidationError } from '../platform/paved-validation-error';
import { OutputRefusedError } from '../synth/output-refused-error';

/**
 * A command by name; its module (and what only it needs) loads when the command runs, with
 * `require`, so that whatever loads paved's TypeScript as CommonJS (bin/paved's hook, tsx's or
 * esbuild-register's) also loads the command (an `import()` would go to Node's ES module loader).
 */
interface CommandEntry {
  readonly name: string;
  readonly load: () => Command;
}

/* eslint-disable @typescript-eslint/no-require-imports */
/** Every command, in the order `paved --help` lists them. */
export const COMMANDS: readonly CommandEntry[] = [
  { name: 'synth', load: () => (require('./commands/synth-command') as typeof import('./commands/synth-command')).synthCommand },
  { name: 'check', load: () => (require('./commands/check-command') as typeof import('./commands/check-command')).checkCommand },
  { name: 'bootstrap', load: () => (require('./commands/bootstrap-command') as typeof import('./commands/bootstrap-command')).bootstrapCommand },
  { name: 'diff', load: () => (require('./commands/diff-command') as typeof import('./commands/diff-command')).diffCommand },
  { name: 'plan', load: () => (require('./commands/plan-command') as typeof import('./commands/plan-command')).planCommand },
  { name: 'apply', load: () => (require('./commands/apply-command') as typeof import('./commands/apply-command')).applyCommand },
  { name: 'new', load: () => (require('./commands/new-command') as typeof import('./commands/new-command')).newCommand },
  { name: 'env', load: () => (require('./commands/env-command') as typeof import('./commands/env-command')).envCommand },
  { name: 'access', load: () => (require('./commands/access-command') as typeof import('./commands/access-command')).accessCommand },
  { name: 'secret', load: () => (require('./commands/secret-command') as typeof import('./commands/secret-command')).secretCommand },
  { name: 'pipeline', load: () => (require('./commands/pipeline-command') as typeof import('./commands/pipeline-command')).pipelineCommand },
];
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * Runs `paved` with `argv` (the arguments after `paved`).
 *
 * @returns the exit code: 0 on success, 1 on any failure, 3 when `paved apply` left out stacks
 * that wait for facts not recorded yet (`WAITING_EXIT_CODE`)
 */
export async function main(argv: readonly string[], io: CliIo = PROCESS_IO): Promise<number> {
  const verbose = argv.includes('--verbose');
  try {
    return await dispatch(argv.filter((arg) => arg !== '--verbose'), io);
  } catch (error) {
    return reportError(error, verbose, io);
  }
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.stderr(await globalHelp());
    return 1;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    io.stdout(await globalHelp());
    return 0;
  }
  if (first === '--version' || first === '-v') {
    io.stdout(`${packageVersion()}\n`);
    return 0;
  }
  const entry = COMMANDS.find((c) => c.name === first);
  if (!entry) {
    const what = first.startsWith('-') ? `unknown option '${first}'` : `unknown command '${first}'`;
    throw new CliError(`${what}; the commands are ${COMMANDS.map((c) => c.name).join(', ')}. See 'paved --help'.`);
  }
  const command = entry.load();
  const args = parseCommandArgs(command, rest);
  if (args.values.help) {
    io.stdout(command.help);
    return 0;
  }
  return command.run(args, io);
}

function parseCommandArgs(command: Command, argv: readonly string[]): CommandArgs {
  let parsed: CommandArgs;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    const unknown = /Unknown option '([^']+)'/.exec((error as Error).message);
    const problem = unknown ? `unknown option '${unknown[1]}'` : (error as Error).message.replace(/\.$/, '');
    throw new CliError(`${problem} for 'paved ${command.name}'. See 'paved ${command.name} --help'.`);
  }
  if (parsed.positionals.length > command.maxPositionals) {
    const extra = parsed.positionals.slice(command.maxPositionals).map((p) => `'${p}'`).join(' ');
    throw new CliError(`too many arguments for 'paved ${command.name}': ${extra}. See 'paved ${command.name} --help'.`);
  }
  return parsed;
}

function reportError(error: unknown, verbose: boolean, io: CliIo): number {
  const isUserMistake = error instanceof CliError
    || PavedValidationError.isPavedValidationError(error)
    || OutputRefusedError.isOutputRefusedError(error);
  if (isUserMistake) {
    io.stderr(`Error: ${error.message}\n`);
    if (verbose) {
      io.stderr(`${error.stack}\n`);
    }
    return 1;
  }
  const trace = error instanceof Error ? error.stack ?? error.message : String(error);
  io.stderr(`Error: paved failed unexpectedly; the trace below shows where (in the app or in paved).\n${trace}\n`);
  return 1;
}

async function globalHelp(): Promise<string> {
  const commands = COMMANDS.map((c) => c.load());
  const width = Math.max(...commands.map((c) => c.name.length));
  return `paved ${packageVersion()}: an internal developer platform as TypeScript constructs

Usage: paved <command> [options]

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Options:
  --verbose      show stack traces of errors
  -v, --version  print the version
  -h, --help     show this help; 'paved <command> --help' shows a command's options
`;
}

/** The version in paved's package.json (found from here, in a clone or when installed). */
function packageVersion(): string {
  let dir = __dirname;
  while (dirname(dir) !== dir) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      if (pkg.name === 'paved') {
        return pkg.version;
      }
    } catch {
      // no package.json here; keep looking upwards
    }
    dir = dirname(dir);
  }
  return 'unknown';
}
