/** Where the CLI writes; tests pass their own. */
export interface CliIo {
  /** Writes `text` to standard output as it is (no newline added). */
  readonly stdout: (text: string) => void;
  /** Writes `text` to standard error as it is (no newline added). */
  readonly stderr: (text: string) => void;
}

/** The process's own streams. */
export const PROCESS_IO: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};
