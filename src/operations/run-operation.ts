import { existsSync, readFileSync, renameSync, writeFileSync } from 'fs';
import { Operation, OperationContext } from './operation';
import { appendOperation, operationsLogPath } from '../platform/operations-log';
import { PavedValidationError } from '../platform/paved-validation-error';
import { EMPTY_SELF_SERVICE_STATE, SelfServiceState, parseSelfServiceState, serializeSelfServiceState } from '../platform/self-service';

/** What running an operation did. */
export interface OperationResult {
  /** Whether the state file changed (and a line was added to the operations log). */
  readonly changed: boolean;
  /** One line on what changed, or why nothing did. */
  readonly message: string;
  /** The state after the operation. */
  readonly state: SelfServiceState;
}

/**
 * Runs `operation` against the self-service state file `stateFile` (a missing file is an empty
 * state). When it changes something, the file is rewritten atomically (sorted, two-space JSON)
 * and a record is appended to the operations log beside it; when it changes nothing, no file is
 * touched. A wrong argument throws before anything is written.
 */
export function runOperation(operation: Operation, stateFile: string, context: OperationContext): OperationResult {
  let state = EMPTY_SELF_SERVICE_STATE;
  if (existsSync(stateFile)) {
    try {
      state = parseSelfServiceState(readFileSync(stateFile, 'utf8'));
    } catch (error) {
      throw new PavedValidationError(context.platform, `self-service state ${stateFile}: ${PavedValidationError.isPavedValidationError(error) ? error.detail : (error as Error).message}; restore it from Git before running '${operation.name}'.`);
    }
  }
  const outcome = operation.apply(state, context);
  if (!outcome.state || serializeSelfServiceState(outcome.state) === serializeSelfServiceState(state)) {
    return { changed: false, message: outcome.message, state };
  }
  const staging = `${stateFile}.${process.pid}.tmp`;
  writeFileSync(staging, serializeSelfServiceState(outcome.state));
  renameSync(staging, stateFile);
  appendOperation(operationsLogPath(stateFile), {
    at: context.now.toISOString(),
    by: context.by,
    operation: operation.name,
    args: operation.args,
  });
  return { changed: true, message: outcome.message, state: outcome.state };
}
