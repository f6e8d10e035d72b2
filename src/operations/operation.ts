import { OperationName } from '../platform/operations-log';
import type { Platform } from '../platform/platform';
import { SelfServiceState } from '../platform/self-service';

/** What an operation is run with. */
export interface OperationContext {
  /** The platform as declared now: its teams, environments and services check the arguments. */
  readonly platform: Platform;
  /** The time of the request. */
  readonly now: Date;
  /** Who asks: an email address or user name. */
  readonly by: string;
}

/** What an operation would do to the state. */
export interface OperationOutcome {
  /** The new state; absent when nothing would change. */
  readonly state?: SelfServiceState;
  /** One line on what changed, or why nothing did. */
  readonly message: string;
}

/**
 * A self-service request (create an environment, grant access, rotate a secret) as a change to
 * the self-service state. Operations are idempotent: asked again, they change nothing.
 */
export interface Operation {
  /** The operation, as the operations log records it: `env.create`, `access.grant`, ... */
  readonly name: OperationName;
  /** The arguments, as the operations log records them. */
  readonly args: Readonly<Record<string, string | number>>;
  /**
   * What the operation does to `state`.
   * @throws PavedValidationError when an argument is wrong (unknown team, past date, ...)
   */
  apply(state: SelfServiceState, context: OperationContext): OperationOutcome;
}
