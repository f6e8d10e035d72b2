import { Operation } from './operation';
import { PavedValidationError } from '../platform/paved-validation-error';
import { ACCESS_ROLES, AccessRole } from '../platform/self-service';
import { daysBetween } from '../util/days-between';
import { isDay } from '../util/is-day';
import { quoteList } from '../util/quote-list';

/** Options of `grantAccess`. */
export interface GrantAccessOptions {
  /** The identity-provider group that gets access. */
  readonly group: string;
  /** The team whose namespace it gets access to. */
  readonly team: string;
  /** The environment (permanent or ephemeral) whose namespace of the team it gets access to. */
  readonly environment: string;
  /** `view` (read) or `edit` (change workloads), the Kubernetes ClusterRoles of those names. */
  readonly role: string;
  /**
   * The last day of access, `YYYY-MM-DD`, at most the platform's
   * `selfServiceLimits.maxAccessGrantDays` from today; the grant is dropped at the first synth after it.
   */
  readonly until: string;
}

/**
 * `paved access grant`: time-boxed access of a group to a team's namespace in one environment.
 * Asked again with the same day, it changes nothing; with another day, it moves the end.
 */
export function grantAccess(options: GrantAccessOptions): Operation {
  const { group, team, environment, role, until } = options;
  return {
    name: 'access.grant',
    args: { group, team, environment, role, until },
    apply(state, { platform, now, by }) {
      const problems: string[] = [];
      if (!/^[^\s]+$/.test(group)) {
        problems.push(`the group must be an identity-provider group name without spaces (got ${JSON.stringify(group)}).`);
      }
      if (!platform.teams.some((t) => t.name === team)) {
        problems.push(`unknown team '${team}' in '--team'; the teams are ${quoteList(platform.teams.map((t) => t.name))}.`);
      }
      if (!platform.environments.some((e) => e.name === environment)) {
        problems.push(`unknown environment '${environment}' in '--env'; the environments are ${quoteList(platform.environments.map((e) => e.name))}.`);
      }
      if (!ACCESS_ROLES.includes(role as AccessRole)) {
        problems.push(`'--role' must be ${quoteList(ACCESS_ROLES)} (got '${role}').`);
      }
      const today = now.toISOString().slice(0, 10);
      if (!isDay(until)) {
        problems.push(`'--until' must be a day 'YYYY-MM-DD' (got '${until}').`);
      } else if (until < today) {
        problems.push(`'--until' ${until} is in the past (today is ${today}); give the last day the access is needed.`);
      } else if (daysBetween(today, until) > platform.selfServiceLimits.maxAccessGrantDays) {
        const maxDays = platform.selfServiceLimits.maxAccessGrantDays;
        const latest = new Date(Date.parse(`${today}T00:00:00.000Z`) + maxDays * 86_400_000).toISOString().slice(0, 10);
        problems.push(`'--until' ${until} is ${daysBetween(today, until)} days away; access is granted for at most ${maxDays} days (the platform's 'selfServiceLimits.maxAccessGrantDays'), so give ${latest} or earlier and grant again when it ends.`);
      }
      PavedValidationError.throwIfAny(platform, problems);

      const same = (g: { group: string; team: string; environment: string; role: string }) =>
        g.group === group && g.team === team && g.environment === environment && g.role === role;
      const existing = state.accessGrants.find(same);
      if (existing?.until === until) {
        return { message: `unchanged: '${group}' already has ${role} access to team '${team}' in '${environment}' until ${until}.` };
      }
      return {
        state: {
          ...state,
          accessGrants: [
            ...state.accessGrants.filter((g) => !same(g)),
            { group, team, environment, role: role as AccessRole, until, granted: now.toISOString(), by },
          ],
        },
        message: `granted '${group}' ${role} access to team '${team}' in '${environment}' until ${until}${existing ? ` (was until ${existing.until})` : ''}.`,
      };
    },
  };
}
