const OUTPUT_REFUSED_ERROR = Symbol.for('paved.OutputRefusedError');

/**
 * paved would write or delete a path it does not own (the current directory, a git repository, a
 * directory of someone else's files). Nothing was touched. The CLI prints the message (what, the
 * path, the fix) without a stack trace and exits 1.
 */
export class OutputRefusedError extends Error {
  /** Whether `x` is an `OutputRefusedError`, also across copies of this package. */
  public static isOutputRefusedError(x: unknown): x is OutputRefusedError {
    return typeof x === 'object' && x !== null && OUTPUT_REFUSED_ERROR in x;
  }

  /** The refused path, resolved (symbolic links followed). */
  public readonly path: string;

  constructor(path: string, message: string) {
    super(message);
    Object.defineProperty(this, OUTPUT_REFUSED_ERROR, { value: true });
    this.name = 'OutputRefusedError';
    this.path = path;
  }
}
