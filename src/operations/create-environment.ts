import { Operation } from './operation';
import { MAX_ENVIRONMENT_NAME_LENGTH } from '../platform/environment';
import { checkName } from '../platform/names';
import { PavedValidationError } from '../platform/paved-validation-error';
import { isEnvironmentActive } from '../platform/self-service';
import { DEFAULT_MAX_ENVIRONMENT_TTL_HOURS } from '../platform/self-service-limits';
import { quoteList } from '../util/quote-list';

/**
 * Longest life of an ephemeral environment, in hours (30 days), unless the platform's
 * `selfServiceLimits.maxEnvironmentTtlHours` says otherwise.
 */
export const MAX_ENVIRONMENT_TTL_HOURS = DEFAULT_MAX_ENVIRONMENT_TTL_HOURS;

/** Options of `createEnvironment`. */
export interface CreateEnvironmentOptions {
  /** Name of the new environment: part of stack ids, AWS names and namespaces (`pr-42`). */
  readonly name: string;
  /**
   * The permanent development environment whose account, region and cluster it shares.
   * @default - the platform's first development environment
   */
  readonly from?: string;
  /**
   * How long it lives: hours (`72h`) or days (`3d`), at most the platform's
   * `selfServiceLimits.maxEnvironmentTtlHours` (30 days unless it says otherwise).
   * @default '72h'
   */
  readonly ttl?: string;
}

/**
 * `paved env create`: an ephemeral environment, deployed like any other (each service gets its
 * stack and its namespace `<team>-<name>` in the cluster of `from`, plus its own Argo CD apps),
 * gone from every synth judged after its expiry day. Asked again for an existing environment,
 * it changes nothing (in particular, it does not extend the expiry).
 */
export function createEnvironment(options: CreateEnvironmentOptions): Operation {
  const ttl = options.ttl ?? '72h';
  return {
    name: 'env.create',
    args: { name: options.name, ...(options.from ? { from: options.from } : {}), ttl },
    apply(state, { platform, now, by }) {
      const permanent = platform.environments.filter((e) => !e.ephemeral);
      const candidates = permanent.filter((e) => e.tier === 'development');
      const problems: string[] = [];
      const nameProblem = checkName('name', options.name, MAX_ENVIRONMENT_NAME_LENGTH);
      if (nameProblem) {
        problems.push(`ephemeral environment: ${nameProblem}`);
      } else if (permanent.some((e) => e.name === options.name)) {
        problems.push(`'${options.name}' is a permanent environment of the platform; choose another name for the ephemeral environment (for example 'pr-42').`);
      }
      const from = options.from ?? candidates[0]?.name ?? '';
      if (!candidates.some((e) => e.name === from)) {
        problems.push(`'--from' must be a permanent development environment, whose cluster the ephemeral one shares (got '${from}'); choose one of ${quoteList(candidates.map((e) => e.name)) || '(none: declare one with tier development)'}.`);
      }
      const maxHours = platform.selfServiceLimits.maxEnvironmentTtlHours;
      const hours = ttlHours(ttl, maxHours);
      if (hours === undefined) {
        const most = maxHours % 24 === 0 ? `${maxHours / 24} days` : `${maxHours} hours`;
        problems.push(`'--ttl' must be hours or days such as '72h' or '3d', at most ${most}, the platform's limit (got '${ttl}').`);
      }
      PavedValidationError.throwIfAny(platform, problems);

      const existing = state.environments.find((e) => e.name === options.name);
      const today = now.toISOString().slice(0, 10);
      const exists = existing !== undefined && isEnvironmentActive(existing, today);
      if (existing && exists && existing.from !== from) {
        throw new PavedValidationError(platform, `ephemeral environment '${options.name}' already exists, made from '${existing.from}' (not '${from}'); destroy it first with 'paved env destroy ${options.name}', or choose another name.`);
      }
      if (existing && exists) {
        return { message: `unchanged: ephemeral environment '${options.name}' from '${from}' exists and expires ${existing.expires}.` };
      }
      const expires = new Date(now.getTime() + hours! * 3_600_000).toISOString();
      return {
        state: {
          ...state,
          environments: [
            ...state.environments.filter((e) => e.name !== options.name),
            { name: options.name, from, created: now.toISOString(), expires, by },
          ],
        },
        message: `created ephemeral environment '${options.name}' from '${from}'; it expires ${expires}.`,
      };
    },
  };
}

/** Hours in `ttl` (`72h`, `3d`) when it is between 1 hour and `maxHours`. */
function ttlHours(ttl: string, maxHours: number): number | undefined {
  const match = /^(\d+)([hd])$/.exec(ttl);
  const hours = match ? Number(match[1]) * (match[2] === 'd' ? 24 : 1) : 0;
  return hours >= 1 && hours <= maxHours ? hours : undefined;
}
