import { existsSync, readFileSync } from 'fs';
import { ExistingInfrastructure, existingClusterProblems, existingNetworkProblems } from './existing-infrastructure';
import { PavedValidationError } from './paved-validation-error';
import { quoteList } from '../util/quote-list';
import { sortedKeys } from '../util/sorted-keys';

/** The `format` of a facts file: `paved apply` refuses to rewrite a file without it. */
export const FACTS_FORMAT = 'paved-facts/1';

/**
 * The facts of one environment, by the name of the Terraform output that produced them: the
 * `network` and `cluster` service stacks read, and any other output marked as a fact.
 */
export type EnvironmentFacts = ExistingInfrastructure & { readonly [output: string]: unknown };

/** The content of a facts file (`paved-facts.json`). */
export interface RecordedFactsState {
  /** Per environment name, its facts by output name. */
  readonly environments: Readonly<Record<string, EnvironmentFacts>>;
}

/** A state with nothing recorded: day 0, before the first platform stack was applied. */
export const EMPTY_RECORDED_FACTS: RecordedFactsState = { environments: {} };

/**
 * Facts that one stack's apply produced and other stacks read at synth (an environment's network
 * and cluster), as `paved apply` records them from `terraform output -json` in a committed,
 * reviewable file of the platform repository. Give it to the platform with
 * `new Platform({ ..., facts: RecordedFacts.fromFile(join(__dirname, 'paved-facts.json')) })`;
 * nobody writes the file by hand. Infrastructure the platform adopts instead of creating is
 * declared in an environment's `existing`.
 *
 * What is wrong with the file is not thrown here but listed in `problems`; the platform reports
 * it with everything else wrong in its declaration.
 */
export class RecordedFacts {
  /**
   * The facts in `file`. A file that does not exist yet records nothing (day 0): service stacks
   * that need facts then wait for the stack that produces them.
   */
  public static fromFile(file: string): RecordedFacts {
    if (!existsSync(file)) {
      return new RecordedFacts(EMPTY_RECORDED_FACTS, file);
    }
    try {
      return new RecordedFacts(parseRecordedFacts(readFileSync(file, 'utf8')), file);
    } catch (error) {
      const detail = PavedValidationError.isPavedValidationError(error) ? error.detail : (error as Error).message;
      return new RecordedFacts(EMPTY_RECORDED_FACTS, file, [
        `recorded facts ${file}: ${detail}; restore it from Git, or delete it and record the facts again with 'paved apply' of each environment's platform stack.`,
      ]);
    }
  }

  /** Facts held in memory, for tests and for platforms that build them themselves. */
  public static fromState(state: RecordedFactsState): RecordedFacts {
    return new RecordedFacts(state);
  }

  /** The recorded facts, per environment. */
  public readonly state: RecordedFactsState;
  /** The facts file, when the facts were read from one. */
  public readonly file?: string;
  /** What is wrong with the facts file; empty when it is fine. */
  public readonly problems: readonly string[];

  private constructor(state: RecordedFactsState, file?: string, problems: readonly string[] = []) {
    this.state = state;
    this.file = file;
    this.problems = problems;
  }

  /** Where the facts come from, for messages: `recorded facts <file>`. */
  public get source(): string {
    return `recorded facts${this.file ? ` ${this.file}` : ''}`;
  }

  /** The facts recorded for `environment`, by output name (none when nothing is recorded). */
  public of(environment: string): EnvironmentFacts {
    return this.state.environments[environment] ?? {};
  }

  /**
   * What in the facts does not fit the platform: facts of an environment it does not declare.
   * @param environments the platform's permanent environments
   */
  public check(environments: readonly string[]): string[] {
    return Object.keys(this.state.environments).filter((name) => !environments.includes(name)).map((name) =>
      `${this.source}: facts of environment '${name}', which the platform does not declare (its environments are ${quoteList(environments)}); remove '${name}' from the file, or declare the environment.`);
  }
}

/**
 * What is wrong with the value of fact output `output`: the `network` and `cluster` get the
 * checks of an environment's `existing`, any other output must be a JSON value.
 * @param prefix the prop path of the value, ending in a dot (`dev.network.`)
 */
export function factProblems(output: string, value: unknown, prefix: string): string[] {
  const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
  if ((output === 'network' || output === 'cluster') && !isObject) {
    return [`'${prefix.replace(/\.$/, '')}' must be an object of ${output} facts (got ${JSON.stringify(value)}).`];
  }
  if (output === 'network') {
    return existingNetworkProblems(value as ExistingInfrastructure['network'] & object, prefix);
  }
  if (output === 'cluster') {
    return existingClusterProblems(value as ExistingInfrastructure['cluster'] & object, prefix);
  }
  return value === null || value === undefined ? [`'${prefix.replace(/\.$/, '')}' must be a JSON value (got ${JSON.stringify(value)}).`] : [];
}

/**
 * The facts file's content: `format`, then the environments, every object's keys sorted,
 * two-space indent, a trailing newline.
 */
export function serializeRecordedFacts(state: RecordedFactsState): string {
  return `${JSON.stringify({ environments: state.environments, format: FACTS_FORMAT }, sortKeysDeep, 2)}\n`;
}

/**
 * Parses the facts file's content and checks each fact.
 * @throws PavedValidationError saying what is malformed (its `detail` is the message without the subject)
 */
export function parseRecordedFacts(text: string): RecordedFactsState {
  const subject = { description: 'the recorded facts', path: '' };
  const parsed = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || parsed.format !== FACTS_FORMAT) {
    throw new PavedValidationError(subject, `must be a JSON object with "format": "${FACTS_FORMAT}" (got ${JSON.stringify(parsed?.format)})`);
  }
  const environments = parsed.environments ?? {};
  const isRecord = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);
  if (!isRecord(environments) || !Object.values(environments).every(isRecord)) {
    throw new PavedValidationError(subject, "'environments' must map each environment name to an object of facts by output name");
  }
  const problems = Object.entries(environments as Record<string, Record<string, unknown>>)
    .flatMap(([environment, facts]) => Object.entries(facts).flatMap(([output, value]) => factProblems(output, value, `${environment}.${output}.`)));
  if (problems.length > 0) {
    throw new PavedValidationError(subject, problems.join(' '));
  }
  return { environments };
}

/** A `JSON.stringify` replacer that writes every object's keys in code-unit order. */
function sortKeysDeep(_key: string, value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return value;
  }
  return Object.fromEntries(sortedKeys(value).map((key) => [key, (value as Record<string, unknown>)[key]]));
}
