import { Operation } from './operation';
import { PavedValidationError } from '../platform/paved-validation-error';
import { quoteList } from '../util/quote-list';

/**
 * `paved env destroy`: removes an ephemeral environment and the access grants to it, so the next
 * synth has neither. Asked for an environment that does not exist, it changes nothing.
 */
export function destroyEnvironment(name: string): Operation {
  return {
    name: 'env.destroy',
    args: { name },
    apply(state, { platform }) {
      if (platform.environments.some((e) => e.name === name && !e.ephemeral)) {
        throw new PavedValidationError(platform, `'${name}' is a permanent environment; only ephemeral environments (${quoteList(state.environments.map((e) => e.name)) || 'none now'}) can be destroyed this way.`);
      }
      if (!state.environments.some((e) => e.name === name)) {
        return { message: `unchanged: there is no ephemeral environment '${name}' (there are: ${quoteList(state.environments.map((e) => e.name)) || 'none'}).` };
      }
      const grants = state.accessGrants.filter((g) => g.environment === name).length;
      return {
        state: {
          ...state,
          environments: state.environments.filter((e) => e.name !== name),
          accessGrants: state.accessGrants.filter((g) => g.environment !== name),
        },
        message: `destroyed ephemeral environment '${name}'${grants > 0 ? ` and its ${grants} access grant(s)` : ''}; the next synth drops its stacks and manifests.`,
      };
    },
  };
}
