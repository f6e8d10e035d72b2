import { resolve } from 'path';
import { CliIo } from './cli-io';
import { CommandArgs, CommandOptions } from './command';
import { defaultActor } from './default-actor';
import { displayPath, loadPlatform } from './load-platform';
import { Operation } from '../operations/operation';
import { runOperation } from '../operations/run-operation';
import { CliError } from '../platform/cli-error';
import { operationsLogPath } from '../platform/operations-log';

/** The options every self-service command takes. */
export const OPERATION_OPTIONS: CommandOptions = {
  app: { type: 'string' },
  state: { type: 'string' },
  by: { type: 'string' },
  now: { type: 'string' },
};

/** The help lines of `OPERATION_OPTIONS`. */
export const OPERATION_HELP = `  --app FILE        the platform app that checks the arguments (default: platform.ts)
  --state FILE      the self-service state file (default: the one the app reads through
                    SelfService.fromFile); the operations log is operations.jsonl beside it
  --by WHO          who asks, for the log (default: git config user.email, else $USER)
  --now TIME        the time of the request, ISO 8601 (default: now)
  --verbose         show stack traces of errors
  -h, --help        show this help`;

/**
 * Loads the platform app, runs `operation` against its self-service state file and prints what
 * changed, or "unchanged" (then no file is touched).
 */
export async function runOperationCommand(operation: Operation, { values }: CommandArgs, io: CliIo): Promise<number> {
  const now = values.now === undefined ? new Date() : new Date(values.now as string);
  if (Number.isNaN(now.getTime())) {
    throw new CliError(`--now must be an ISO 8601 time such as 2026-11-28T10:00:00Z (got '${values.now}').`);
  }
  // The platform judges which ephemeral environments exist as of the request's day.
  const platform = await loadPlatform(values.app as string | undefined, now.toISOString().slice(0, 10));
  const stateFile = (values.state as string | undefined) ?? platform.selfService.file;
  if (stateFile === undefined) {
    throw new CliError(`platform '${platform.name}' reads no self-service state, so '${operation.name}' would have no effect: add \`selfService: SelfService.fromFile(join(__dirname, 'self-service.json'))\` to its props (or pass --state FILE).`);
  }
  const file = resolve(stateFile);
  const result = runOperation(operation, file, { platform, now, by: (values.by as string | undefined) ?? defaultActor() });
  io.stdout(`${result.message}\n`);
  if (result.changed) {
    io.stdout(`  wrote ${displayPath(file)} and logged it in ${displayPath(operationsLogPath(file))}; commit both and open a pull request.\n`);
  }
  return 0;
}

/**
 * The operation of a command with subcommands (`paved env create NAME`): `positionals[0]` picks
 * it, and it gets the rest.
 * @throws CliError on an unknown subcommand or a missing argument
 */
export function pickSubcommand(
  command: string,
  positionals: readonly string[],
  subcommands: Readonly<Record<string, { readonly arguments: readonly string[]; readonly create: (args: string[]) => Operation }>>,
): Operation {
  const [name, ...rest] = positionals;
  const subcommand = name === undefined ? undefined : subcommands[name];
  if (!subcommand) {
    const given = name === undefined ? 'no subcommand' : `unknown subcommand '${name}'`;
    throw new CliError(`${given} for 'paved ${command}'; use ${Object.keys(subcommands).map((s) => `'paved ${command} ${s}'`).join(' or ')}. See 'paved ${command} --help'.`);
  }
  if (rest.length !== subcommand.arguments.length) {
    throw new CliError(`'paved ${command} ${name}' takes ${subcommand.arguments.join(' ')} (got ${rest.length === 0 ? 'nothing' : rest.map((r) => `'${r}'`).join(' ')}). See 'paved ${command} --help'.`);
  }
  return subcommand.create(rest);
}
