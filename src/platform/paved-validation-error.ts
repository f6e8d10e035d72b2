import { IConstruct } from 'constructs';

const PAVED_VALIDATION_ERROR = Symbol.for('paved.PavedValidationError');

/**
 * What a message names when there is no construct yet (props are checked before the construct
 * exists) or when the construct at fault is an internal part of a service.
 */
export interface ValidationSubject {
  /** How the message starts: `NodeApi 'checkout'`, `NodeApi 'checkout' in environment 'prod'`. */
  readonly description: string;
  /** The construct path of the declaration at fault. */
  readonly path: string;
}

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
  public static throwIfAny(scope: IConstruct | ValidationSubject, problems: readonly string[]): void {
    if (problems.length === 1) {
      throw new PavedValidationError(scope, problems[0]);
    }
    if (problems.length > 1) {
      throw new PavedValidationError(scope, `${problems.length} problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    }
  }

  /**
   * The same problem, named after `subject` instead: a service's error raised in one of its
   * internal parts (`SecureWorkload 'Workload'`) names the service and the environment.
   */
  public static renamed(error: PavedValidationError, subject: ValidationSubject): PavedValidationError {
    const renamed = new PavedValidationError(subject, error.detail);
    renamed.stack = `${renamed.name}: ${renamed.message}\n${(error.stack ?? '').split('\n').slice(1).join('\n')}`;
    return renamed;
  }

  /** The construct path of the declaration at fault. */
  public readonly constructPath: string;
  /** The message without the name of the construct at fault. */
  public readonly detail: string;

  constructor(scope: IConstruct | ValidationSubject, message: string) {
    const subject = isSubject(scope) ? scope : { description: describe(scope), path: scope.node.path || scope.node.id };
    super(`${subject.description}: ${message}`);
    Object.defineProperty(this, PAVED_VALIDATION_ERROR, { value: true });
    this.name = 'PavedValidationError';
    this.constructPath = subject.path;
    this.detail = message;
  }
}

function isSubject(scope: IConstruct | ValidationSubject): scope is ValidationSubject {
  return typeof (scope as ValidationSubject).description === 'string' && !('node' in scope);
}

/** `NodeApi 'checkout'`: the class and the id a user wrote. */
function describe(scope: IConstruct): string {
  return `${scope.constructor.name} '${scope.node.id}'`;
}
