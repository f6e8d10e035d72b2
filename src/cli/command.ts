import { ParseArgsConfig } from 'util';
import { CliIo } from './cli-io';

/** Options as `util.parseArgs` declares them. */
export type CommandOptions = NonNullable<ParseArgsConfig['options']>;

/** What a command receives once its arguments are parsed. */
export interface CommandArgs {
  /** The options given, by name, as `util.parseArgs` returns them (absent options are `undefined` or their default). */
  readonly values: Readonly<Record<string, string | boolean | string[] | boolean[] | undefined>>;
  /** The arguments that are not options, in order. */
  readonly positionals: readonly string[];
}

/** One `paved <command>`. */
export interface Command {
  /** The word after `paved`. */
  readonly name: string;
  /** One line for `paved --help`. */
  readonly summary: string;
  /** The usage and options text for `paved <command> --help`. */
  readonly help: string;
  /** The options the command accepts, as `util.parseArgs` declares them. */
  readonly options: CommandOptions;
  /** Most positional arguments the command takes. */
  readonly maxPositionals: number;
  /** Runs the command; resolves to the exit code. */
  run(args: CommandArgs, io: CliIo): Promise<number>;
}
