/**
 * A mistake in how the CLI was called (unknown command or option, missing file, an app that
 * does not load). Printed as one message, without a stack trace unless `--verbose`.
 */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}
