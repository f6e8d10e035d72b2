import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'fs';
import { dirname, join } from 'path';
import { PavedValidationError } from '../platform/paved-validation-error';

/** Name of the operations log, beside the self-service state file. */
export const OPERATIONS_LOG_FILE = 'operations.jsonl';

/** What was done: a self-service operation, a new service, or a successful apply of a stack. */
export type OperationName =
  | 'env.create'
  | 'env.destroy'
  | 'access.grant'
  | 'access.revoke'
  | 'secret.rotate'
  /** Appended by `paved new` when it creates a service (args: `service`, `team`). */
  | 'service.created'
  /** Appended by `paved apply --log` per stack applied (args: `environment`, `stack`, `service`). */
  | 'deployed';

/** One line of the operations log: who did what, when, with which arguments. */
export interface OperationRecord {
  /** When, ISO 8601 in UTC. */
  readonly at: string;
  /** Who: an email address or user name. */
  readonly by: string;
  /** What was done: `env.create`, `env.destroy`, `access.grant`, ... */
  readonly operation: OperationName;
  /** The arguments that say what changed. */
  readonly args: Readonly<Record<string, string | number>>;
}

/** The operations log that belongs to the self-service state file `stateFile`. */
export function operationsLogPath(stateFile: string): string {
  return join(dirname(stateFile), OPERATIONS_LOG_FILE);
}

/**
 * Appends `record` to the operations log `logFile` (JSON lines, keys sorted), creating it when
 * it does not exist. The log is append-only: nothing rewrites or removes lines.
 */
export function appendOperation(logFile: string, record: OperationRecord): void {
  const args = Object.fromEntries(Object.keys(record.args).sort().map((key) => [key, record.args[key]]));
  const line = JSON.stringify({ args, at: record.at, by: record.by, operation: record.operation });
  mkdirSync(dirname(logFile), { recursive: true });
  appendFileSync(logFile, `${line}\n`);
}

/** What an unreadable line of the operations log is reported as. */
const OPERATIONS_LOG = { description: 'The operations log', path: '' };

/**
 * The records of the operations log `logFile`, oldest first; none when it does not exist.
 * @throws PavedValidationError naming the line that is not a record (its `detail` is the message without the subject)
 */
export function readOperations(logFile: string): OperationRecord[] {
  if (!existsSync(logFile)) {
    return [];
  }
  return readFileSync(logFile, 'utf8').split('\n').flatMap((line, index) => {
    if (line.trim() === '') {
      return [];
    }
    let record: OperationRecord;
    try {
      record = JSON.parse(line);
    } catch (error) {
      throw new PavedValidationError(OPERATIONS_LOG, `${logFile}:${index + 1} is not a JSON line (${(error as Error).message}); the operations log is append-only, restore the line from Git.`);
    }
    if (typeof record?.at !== 'string' || Number.isNaN(Date.parse(record.at)) || typeof record.operation !== 'string') {
      throw new PavedValidationError(OPERATIONS_LOG, `${logFile}:${index + 1} is not an operation record (it needs 'at', 'by', 'operation' and 'args'); restore the line from Git.`);
    }
    return [record];
  });
}
