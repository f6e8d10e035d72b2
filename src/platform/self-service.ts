import { existsSync, readFileSync } from 'fs';
import { MAX_ENVIRONMENT_NAME_LENGTH } from './environment';
import { checkName } from './names';
import { OperationRecord, operationsLogPath, readOperations } from './operations-log';
import { PavedValidationError } from './paved-validation-error';
import { daysBetween } from '../util/days-between';
import { isDay } from '../util/is-day';
import { quoteList } from '../util/quote-list';
import { sortedBy } from '../util/sorted-by';

/** What an access grant allows: the Kubernetes `view` or `edit` ClusterRole in the team's namespace. */
export type AccessRole = 'view' | 'edit';

/** Every access role. */
export const ACCESS_ROLES: readonly AccessRole[] = ['view', 'edit'];

/** An ephemeral environment requested with `paved env create`. */
export interface EphemeralEnvironmentRecord {
  /** The environment's name, unique among permanent and ephemeral environments. */
  readonly name: string;
  /** The permanent environment whose account, region and cluster it shares. */
  readonly from: string;
  /** When it was requested, ISO 8601. */
  readonly created: string;
  /** When it expires, ISO 8601; it is absent from every synth judged after that day. */
  readonly expires: string;
  /** Who requested it. */
  readonly by: string;
  /**
   * When `paved env destroy` ended it, ISO 8601; it is absent from every synth judged on or
   * after that day.
   * @default - not destroyed: it lives until `expires`
   */
  readonly destroyed?: string;
}

/**
 * Whether the ephemeral environment `record` exists on `day` (`YYYY-MM-DD`): through its expiry
 * day, and until the day it was destroyed.
 */
export function isEnvironmentActive(record: EphemeralEnvironmentRecord, day: string): boolean {
  return record.expires.slice(0, 10) >= day && (record.destroyed === undefined || record.destroyed.slice(0, 10) > day);
}

/** The day an ephemeral environment ended or ends: the day it was destroyed, else its expiry day. */
export function environmentEndDay(record: EphemeralEnvironmentRecord): string {
  return (record.destroyed ?? record.expires).slice(0, 10);
}

/** Time-boxed access of an identity-provider group to a team's namespace in one environment. */
export interface AccessGrantRecord {
  /** The identity-provider group. */
  readonly group: string;
  /** The team whose namespace the group gets access to. */
  readonly team: string;
  /** The environment of the namespace. */
  readonly environment: string;
  /** The ClusterRole bound: `view` or `edit`. */
  readonly role: AccessRole;
  /** The last day it applies, `YYYY-MM-DD`. */
  readonly until: string;
  /** When it was granted, ISO 8601. */
  readonly granted: string;
  /** Who granted it: an email address or user name. */
  readonly by: string;
}

/** How many times a secret of a service has been rotated through `paved secret rotate`. */
export interface SecretRotationRecord {
  /** The declared service whose secret it is. */
  readonly service: string;
  /** The secret's name as the service declares it in `secrets`. */
  readonly secret: string;
  /** 1 after the first rotation, and one more for each later one. */
  readonly generation: number;
  /** When the last rotation was requested, ISO 8601. */
  readonly rotated: string;
  /** Who asked for the last rotation: an email address or user name. */
  readonly by: string;
}

/** The content of the self-service state file (`self-service.json`). */
export interface SelfServiceState {
  /** Ephemeral environments requested with `paved env create`, in force or ended. */
  readonly environments: readonly EphemeralEnvironmentRecord[];
  /** Time-boxed access grants made with `paved access grant`. */
  readonly accessGrants: readonly AccessGrantRecord[];
  /** Secret rotations requested with `paved secret rotate`, one record per secret. */
  readonly secretRotations: readonly SecretRotationRecord[];
}

/** An access grant the synth dropped, and why. */
export interface DroppedAccessGrant extends AccessGrantRecord {
  /** `expired`: its day has passed; `environment-gone`: its ephemeral environment expired. */
  readonly dropped: 'expired' | 'environment-gone';
}

/**
 * Days after its expiry that an ephemeral environment's stacks are still synthesized, empty, so
 * that the next apply destroys its cloud resources.
 */
export const TEARDOWN_DAYS = 14;

/** A state with nothing in it. */
export const EMPTY_SELF_SERVICE_STATE: SelfServiceState = { environments: [], accessGrants: [], secretRotations: [] };

/**
 * The self-service requests of a platform (ephemeral environments, access grants, secret
 * rotations) as the `paved env|access|secret` commands record them in a file of the platform
 * repository, together with the operations log beside it. Give it to the platform with
 * `new Platform({ ..., selfService: SelfService.fromFile(join(__dirname, 'self-service.json')) })`.
 *
 * What is wrong with the file is not thrown here but listed in `problems`; the platform reports
 * it with everything else wrong in its declaration.
 */
export class SelfService {
  /**
   * The state in `file` and the operations log beside it. A file that does not exist yet is an
   * empty state, so a platform can read it before the first request.
   */
  public static fromFile(file: string): SelfService {
    const problems: string[] = [];
    let state = EMPTY_SELF_SERVICE_STATE;
    if (existsSync(file)) {
      try {
        state = parseSelfServiceState(readFileSync(file, 'utf8'));
      } catch (error) {
        problems.push(`self-service state ${file}: ${messageOf(error)}; restore it from Git, or change it only through 'paved env|access|secret'.`);
      }
    }
    let operations: OperationRecord[] = [];
    try {
      operations = readOperations(operationsLogPath(file));
    } catch (error) {
      problems.push(messageOf(error));
    }
    return new SelfService(state, operations, file, problems);
  }

  /** A state held in memory, for tests and for platforms that build it themselves. */
  public static fromState(state: SelfServiceState, operations: readonly OperationRecord[] = []): SelfService {
    return new SelfService(normalizeState(state), operations);
  }

  /** The requests, each list in a stable order. */
  public readonly state: SelfServiceState;
  /** The operations log, oldest first. */
  public readonly operations: readonly OperationRecord[];
  /** The state file, when the state was read from one. */
  public readonly file?: string;
  /** What is wrong with the state file or the log; empty when they are fine. */
  public readonly problems: readonly string[];

  private constructor(state: SelfServiceState, operations: readonly OperationRecord[], file?: string, problems: readonly string[] = []) {
    this.state = state;
    this.operations = operations;
    this.file = file;
    this.problems = problems;
  }

  /**
   * What in the state does not fit the platform: an ephemeral environment with a bad name or an
   * unknown origin, a grant to an unknown team or environment, a bad role or day.
   * @param teams the platform's teams
   * @param environments the platform's permanent environments
   */
  public check(teams: readonly string[], environments: readonly string[]): string[] {
    const problems: string[] = [];
    const where = `self-service state${this.file ? ` ${this.file}` : ''}`;
    const ephemeral = this.state.environments.map((e) => e.name);
    for (const env of this.state.environments) {
      const nameProblem = checkName('environments[].name', env.name, MAX_ENVIRONMENT_NAME_LENGTH);
      if (nameProblem) {
        problems.push(`${where}: ${nameProblem}`);
      }
      if (environments.includes(env.name)) {
        problems.push(`${where}: ephemeral environment '${env.name}' has the name of a permanent environment; destroy it with 'paved env destroy ${env.name}'.`);
      }
      if (!environments.includes(env.from)) {
        problems.push(`${where}: ephemeral environment '${env.name}' comes from '${env.from}', which is not an environment of the platform (${quoteList(environments)}).`);
      }
      if (Number.isNaN(Date.parse(env.expires))) {
        problems.push(`${where}: ephemeral environment '${env.name}' has an 'expires' that is not a time (got '${env.expires}').`);
      }
      if (env.destroyed !== undefined && (typeof env.destroyed !== 'string' || Number.isNaN(Date.parse(env.destroyed)))) {
        problems.push(`${where}: ephemeral environment '${env.name}' has a 'destroyed' that is not a time (got ${JSON.stringify(env.destroyed)}).`);
      }
    }
    for (const grant of this.state.accessGrants) {
      const what = `access grant to '${grant.group}' (team '${grant.team}', environment '${grant.environment}')`;
      if (!teams.includes(grant.team)) {
        problems.push(`${where}: ${what} names an unknown team; the teams are ${quoteList(teams)}.`);
      }
      if (!environments.includes(grant.environment) && !ephemeral.includes(grant.environment)) {
        problems.push(`${where}: ${what} names an unknown environment; the environments are ${quoteList([...environments, ...ephemeral])}.`);
      }
      if (!ACCESS_ROLES.includes(grant.role)) {
        problems.push(`${where}: ${what} has role '${grant.role}'; the roles are ${quoteList(ACCESS_ROLES)}.`);
      }
      if (!isDay(grant.until)) {
        problems.push(`${where}: ${what} has an 'until' that is not a day 'YYYY-MM-DD' (got '${grant.until}').`);
      }
    }
    return problems;
  }

  /** The ephemeral environments that exist on `asOf` (`YYYY-MM-DD`): through their expiry day, until destroyed. */
  public activeEnvironments(asOf: string): EphemeralEnvironmentRecord[] {
    return this.state.environments.filter((e) => isEnvironmentActive(e, asOf));
  }

  /**
   * The ephemeral environments that expired (or were destroyed) within `TEARDOWN_DAYS` before
   * `asOf`: their stacks are synthesized empty, so that an apply destroys what they created.
   */
  public retiredEnvironments(asOf: string): EphemeralEnvironmentRecord[] {
    return this.state.environments.filter((e) => !isEnvironmentActive(e, asOf)
      && environmentEndDay(e) <= asOf && daysBetween(environmentEndDay(e), asOf) <= TEARDOWN_DAYS);
  }

  /**
   * The access grants in force on `asOf` (`YYYY-MM-DD`), and the ones dropped: past their day, or
   * to an ephemeral environment that no longer exists.
   */
  public accessGrants(asOf: string): { readonly active: AccessGrantRecord[]; readonly dropped: DroppedAccessGrant[] } {
    const gone = new Set(this.state.environments.filter((e) => !isEnvironmentActive(e, asOf)).map((e) => e.name));
    const active: AccessGrantRecord[] = [];
    const dropped: DroppedAccessGrant[] = [];
    for (const grant of this.state.accessGrants) {
      if (grant.until < asOf) {
        dropped.push({ ...grant, dropped: 'expired' });
      } else if (gone.has(grant.environment)) {
        dropped.push({ ...grant, dropped: 'environment-gone' });
      } else {
        active.push(grant);
      }
    }
    return { active, dropped };
  }

  /**
   * The generation of `secret` of `service`: 0 until it is first rotated with
   * `paved secret rotate`, then one more per rotation.
   */
  public rotationGeneration(service: string, secret: string): number {
    return this.state.secretRotations.find((r) => r.service === service && r.secret === secret)?.generation ?? 0;
  }
}

/** The state file's content: lists sorted, keys sorted, two-space indent, a trailing newline. */
export function serializeSelfServiceState(state: SelfServiceState): string {
  const normalized = normalizeState(state);
  const sortKeys = (record: object) => Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)));
  return `${JSON.stringify({
    accessGrants: normalized.accessGrants.map(sortKeys),
    environments: normalized.environments.map(sortKeys),
    secretRotations: normalized.secretRotations.map(sortKeys),
  }, undefined, 2)}\n`;
}

/**
 * Parses the state file's content.
 * @throws PavedValidationError saying what is malformed (its `detail` is the message without the subject)
 */
export function parseSelfServiceState(text: string): SelfServiceState {
  const subject = { description: 'the self-service state', path: '' };
  const parsed = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new PavedValidationError(subject, 'must be a JSON object with environments, accessGrants and secretRotations');
  }
  const list = (key: keyof SelfServiceState, fields: Record<string, 'string' | 'number'>) => {
    const value = parsed[key] ?? [];
    if (!Array.isArray(value)) {
      throw new PavedValidationError(subject, `'${key}' must be a list`);
    }
    value.forEach((item, index) => {
      for (const [field, type] of Object.entries(fields)) {
        if (typeof item?.[field] !== type) {
          throw new PavedValidationError(subject, `'${key}[${index}].${field}' must be a ${type} (got ${JSON.stringify(item?.[field])})`);
        }
      }
    });
    return value;
  };
  return normalizeState({
    environments: list('environments', { name: 'string', from: 'string', created: 'string', expires: 'string', by: 'string' }),
    accessGrants: list('accessGrants', { group: 'string', team: 'string', environment: 'string', role: 'string', until: 'string', granted: 'string', by: 'string' }),
    secretRotations: list('secretRotations', { service: 'string', secret: 'string', generation: 'number', rotated: 'string', by: 'string' }),
  });
}

function normalizeState(state: SelfServiceState): SelfServiceState {
  return {
    environments: sortedBy(state.environments, (e) => e.name),
    accessGrants: sortedBy(state.accessGrants, (g) => [g.team, g.environment, g.group, g.role].join('\u0000')),
    secretRotations: sortedBy(state.secretRotations, (r) => `${r.service}\u0000${r.secret}`),
  };
}

/** The message of an error thrown while reading a file, without a `PavedValidationError`'s subject. */
function messageOf(error: unknown): string {
  return PavedValidationError.isPavedValidationError(error) ? error.detail : (error as Error).message;
}
