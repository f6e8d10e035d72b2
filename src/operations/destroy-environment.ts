import { Operation } from './operation';
import { PavedValidationError } from '../platform/paved-validation-error';
import { environmentEndDay, isEnvironmentActive } from '../platform/self-service';
import { quoteList } from '../util/quote-list';

/**
 * `paved env destroy`: ends an ephemeral environment now (it records the moment as `destroyed`,
 * and the environment is absent from every synth judged from that day on) and removes the
 * access grants to it. The next synth drops its manifests and writes its stacks empty, so the next
 * apply destroys its cloud resources (see `TEARDOWN_DAYS`). Asked for an environment that does not
 * exist or already ended, it changes nothing.
 */
export function destroyEnvironment(name: string): Operation {
  return {
    name: 'env.destroy',
    args: { name },
    apply(state, { platform, now }) {
      if (platform.environments.some((e) => e.name === name && !e.ephemeral)) {
        throw new PavedValidationError(platform, `'${name}' is a permanent environment; only ephemeral environments (${quoteList(state.environments.map((e) => e.name)) || 'none now'}) can be destroyed this way.`);
      }
      const environment = state.environments.find((e) => e.name === name);
      if (!environment) {
        return { message: `unchanged: there is no ephemeral environment '${name}' (there are: ${quoteList(state.environments.map((e) => e.name)) || 'none'}).` };
      }
      const today = now.toISOString().slice(0, 10);
      if (!isEnvironmentActive(environment, today)) {
        return { message: `unchanged: ephemeral environment '${name}' ${environment.destroyed ? 'was already destroyed' : 'already ended'} on ${environmentEndDay(environment)}.` };
      }
      const grants = state.accessGrants.filter((g) => g.environment === name).length;
      return {
        state: {
          ...state,
          environments: state.environments.map((e) => (e.name === name ? { ...e, destroyed: now.toISOString() } : e)),
          accessGrants: state.accessGrants.filter((g) => g.environment !== name),
        },
        message: `destroyed ephemeral environment '${name}'${grants > 0 ? ` and its ${grants} access grant(s)` : ''}; the next synth drops its manifests and empties its stacks, so the next apply destroys its resources.`,
      };
    },
  };
}
