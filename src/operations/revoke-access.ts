import { Operation } from './operation';
import { PavedValidationError } from '../platform/paved-validation-error';
import { quoteList } from '../util/quote-list';

/** Options of `revokeAccess`. */
export interface RevokeAccessOptions {
  /** The identity-provider group whose access is revoked. */
  readonly group: string;
  /** The team whose namespace the access is to. */
  readonly team: string;
  /** The environment of the namespace. */
  readonly environment: string;
  /**
   * Only this role.
   * @default - every role the group has there
   */
  readonly role?: string;
}

/**
 * `paved access revoke`: ends a group's access to a team's namespace in one environment before
 * its day. Asked when there is no such grant, it changes nothing.
 */
export function revokeAccess(options: RevokeAccessOptions): Operation {
  const { group, team, environment, role } = options;
  return {
    name: 'access.revoke',
    args: { group, team, environment, ...(role ? { role } : {}) },
    apply(state, { platform }) {
      if (!platform.teams.some((t) => t.name === team)) {
        throw new PavedValidationError(platform, `unknown team '${team}' in '--team'; the teams are ${quoteList(platform.teams.map((t) => t.name))}.`);
      }
      const matches = (g: { group: string; team: string; environment: string; role: string }) =>
        g.group === group && g.team === team && g.environment === environment && (!role || g.role === role);
      const revoked = state.accessGrants.filter(matches);
      if (revoked.length === 0) {
        return { message: `unchanged: '${group}' has no ${role ?? ''}${role ? ' ' : ''}access to team '${team}' in '${environment}'.` };
      }
      return {
        state: { ...state, accessGrants: state.accessGrants.filter((g) => !matches(g)) },
        message: `revoked ${revoked.map((g) => g.role).join(' and ')} access of '${group}' to team '${team}' in '${environment}'.`,
      };
    },
  };
}
