import { readFileSync } from 'fs';
import { PlannedChanges } from './planned-resource-change';
import { CliError } from '../platform/cli-error';

/**
 * Reads the planned resource changes that `paved plan --changed --risk FILE` wrote.
 * @throws CliError when the file is missing, does not parse, or is not `paved-planned-changes/1`
 */
export function readPlannedChanges(file: string): PlannedChanges {
  let parsed: any;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : `it does not parse (${(error as Error).message})`;
    throw new CliError(`--risk '${file}' cannot be read: ${why}. Give the file 'paved plan --changed --risk FILE' wrote.`);
  }
  if (parsed?.format !== 'paved-planned-changes/1' || !Array.isArray(parsed.changes)) {
    throw new CliError(`--risk '${file}' is not a list of planned changes: its format is ${JSON.stringify(parsed?.format)} (${typeof parsed?.format}), `
      + "not \"paved-planned-changes/1\" with 'changes'. Give the file 'paved plan --changed --risk FILE' wrote.");
  }
  return parsed as PlannedChanges;
}
