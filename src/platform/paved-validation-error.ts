import { IConstruct } from 'constructs';

const PAVED_VALIDATION_ERROR = Symbol.for('paved.PavedValidationError');

/**
 * A mistake in a declaration: a bad prop, an unknown reference, a conflict.
 *
 * The message names the construct, the prop, the value received and the fix. The CLI prints it
 * without a stack trace; anything else that is thrown is a bug and keeps its trace.
 */
export class PavedValidationError extends Error {
  /** Whether `x` is a `PavedValidationError`, also across copies of this package. */
  public static isPavedValidationError(x: unknown): x is PavedValidationError {
    return typeof x === 'object' && x !== null && PAVED_VALIDATION_ERROR in x;
  }

  /**
   * Throws one error listing every problem, or returns when there are none.
   */
  public static throwIfAny(scope: IConstruct, problems: readonly string[]): void {
    if (problems.length === 1) {
      throw new PavedValidationError(scope, problems[0]);
    }
    if (problems.length > 1) {
      throw new PavedValidationError(scope, `${problems.length} problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    }
  }

  /** The construct path of the declaration at fault. */
  public readonly constructPath: string;

  constructor(scope: IConstruct, message: string) {
    super(`${describe(scope)}: ${message}`);
    Object.defineProperty(this, PAVED_VALIDATION_ERROR, { value: true });
    this.name = 'PavedValidationError';
    this.constructPath = scope.node.path || scope.node.id;
  }
}

/** `NodeApi 'checkout'`: the class and the id a user wrote. */
function describe(scope: IConstruct): string {
  return `${scope.constructor.name} '${scope.node.id}'`;
}
