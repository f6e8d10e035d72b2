const PAVED_INTERNAL_ERROR = Symbol.for('paved.PavedInternalError');

/**
 * A broken assumption inside paved: a state that no declaration can produce, because paved
 * validated the input earlier or built the value itself. Seeing one is a bug in paved; the CLI
 * prints it with its stack trace. Mistakes in a declaration throw `PavedValidationError` instead.
 */
export class PavedInternalError extends Error {
  /** Whether `x` is a `PavedInternalError`, also across copies of this package. */
  public static isPavedInternalError(x: unknown): x is PavedInternalError {
    return typeof x === 'object' && x !== null && PAVED_INTERNAL_ERROR in x;
  }

  constructor(message: string) {
    super(`${message} (this is a bug in paved, please report it with the stack trace)`);
    Object.defineProperty(this, PAVED_INTERNAL_ERROR, { value: true });
    this.name = 'PavedInternalError';
  }
}
