import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'fs';
import { basename, dirname, join } from 'path';
import { EngineOutput } from './engine';
import { CliError } from '../platform/cli-error';
import { PavedValidationError } from '../platform/paved-validation-error';
import { EMPTY_RECORDED_FACTS, factProblems, parseRecordedFacts, serializeRecordedFacts } from '../platform/recorded-facts';

/**
 * Records the fact outputs `names` of an applied stack of `environment`, as `outputs` (the
 * engine's `output -json`) gives them, in the facts file `file`: the file is rewritten only when
 * a value changed (a second apply leaves it untouched), through a temporary file beside it and a
 * rename, so that it is never half written.
 * @returns whether the file changed
 * @throws CliError when `file` is not a facts file (nothing is overwritten), an output is missing
 * or sensitive, or a value fails the checks of its kind
 */
export function recordFacts(file: string, environment: string, names: readonly string[], outputs: Readonly<Record<string, EngineOutput>>): boolean {
  if (!file.endsWith('.json')) {
    throw new CliError(`the facts file ${file} does not end in .json; facts are recorded only in the JSON file the platform declares (RecordedFacts.fromFile). Synthesize again instead of editing terraform/stacks.json.`);
  }
  const before = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  let state = EMPTY_RECORDED_FACTS;
  if (before !== undefined) {
    try {
      state = parseRecordedFacts(before);
    } catch (error) {
      const detail = PavedValidationError.isPavedValidationError(error) ? error.detail : (error as Error).message;
      throw new CliError(`${file} is not a facts file paved can rewrite (${detail}); nothing was recorded. Restore it from Git, or delete it to record the facts afresh.`);
    }
  }
  const problems: string[] = [];
  const recorded: Record<string, unknown> = {};
  for (const name of names) {
    const output = outputs[name];
    if (output === undefined) {
      problems.push(`the stack has no output '${name}' after the apply`);
    } else if (output.sensitive) {
      problems.push(`output '${name}' is sensitive, and a committed facts file holds no secrets; mark it as a fact only when its value is not secret`);
    } else {
      problems.push(...factProblems(name, output.value, `${environment}.${name}.`));
      recorded[name] = output.value;
    }
  }
  if (problems.length > 0) {
    throw new CliError(`the facts of environment '${environment}' were not recorded in ${file}: ${problems.map((p) => p.replace(/\.$/, '')).join('; ')}.`);
  }
  const after = serializeRecordedFacts({
    environments: { ...state.environments, [environment]: { ...state.environments[environment], ...recorded } },
  });
  if (after === before) {
    return false;
  }
  const staging = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(staging, after);
    renameSync(staging, file);
  } finally {
    rmSync(staging, { force: true });
  }
  return true;
}
