import { ResourceChange, ShownPlan } from './engine';
import { ChangeRisk, PlannedResourceChange } from './planned-resource-change';
import { ACCESS_POLICY_TYPES, STATEFUL_RESOURCE_KINDS } from './risky-resource-types';
import { StackGraphEntry } from '../synth/stack-graph';

/** What Terraform's `action_reason` of a replacement or deletion means, after "forced by" or "because". */
const ACTION_REASONS: Readonly<Record<string, string>> = {
  replace_because_tainted: 'the resource is tainted',
  replace_by_request: 'a replacement was requested (-replace)',
  replace_by_triggers: 'its replace_triggered_by changed',
  delete_because_no_resource_config: 'it was removed from the configuration',
  delete_because_no_module: 'its module was removed from the configuration',
  delete_because_wrong_repetition: 'its count or for_each was removed or added',
  delete_because_count_index: 'its count index is out of range',
  delete_because_each_key: 'its for_each key is gone',
  delete_because_no_move_target: 'the target of its moved block is gone',
};

/**
 * Classifies each resource action of `plan` (`terraform show -json` of the saved plan of
 * `stack`): replacing or deleting a stateful resource (`STATEFUL_RESOURCE_KINDS`) is `high`;
 * replacing or deleting any other resource, and creating or updating an access policy
 * (`ACCESS_POLICY_TYPES`), is `medium`; any other create or update is `low`. No-ops and reads
 * (data sources) are left out.
 *
 * @returns the classified actions, in the order of the plan's `resource_changes`
 */
export function classifyPlan(plan: ShownPlan, stack: StackGraphEntry): PlannedResourceChange[] {
  return (plan.resource_changes ?? [])
    .filter(({ change }) => change.actions.some((a) => a === 'create' || a === 'update' || a === 'delete'))
    .map((resource) => {
      const replacedBecause = (resource.change.replace_paths ?? []).map((path) => path.join('.'));
      const { risk, why } = riskOf(resource, replacedBecause);
      return {
        stack: stack.id,
        environment: stack.environment,
        service: stack.service,
        team: stack.team,
        address: resource.address,
        resourceType: resource.type,
        actions: resource.change.actions,
        replacedBecause,
        risk,
        why,
      };
    });
}

function riskOf({ type, change, action_reason: reason }: ResourceChange, replacedBecause: readonly string[]): { risk: ChangeRisk; why: string } {
  const deletes = change.actions.includes('delete');
  const creates = change.actions.includes('create');
  const stateful = STATEFUL_RESOURCE_KINDS[type];
  const access = ACCESS_POLICY_TYPES.has(type);
  const name = stateful?.kind ?? (access ? 'access policy' : type);
  if (deletes) {
    const verb = creates ? 'replaces' : 'deletes';
    const cause = replacedBecause.length > 0 ? `forced by ${replacedBecause.join(', ')}`
      : reason && ACTION_REASONS[reason] ? `because ${ACTION_REASONS[reason]}` : undefined;
    const because = cause ? `; ${cause}` : '';
    if (stateful) {
      return { risk: 'high', why: `${verb} the ${name}: ${stateful.loss}${because}` };
    }
    return { risk: 'medium', why: `${verb} the ${name}: what uses it ${creates ? 'is disrupted while it is recreated' : 'loses it'}${because}` };
  }
  const what = creates ? `creates ${/^[aeiou]/i.test(name) ? 'an' : 'a'} ${name}` : `updates the ${name} in place`;
  return access ? { risk: 'medium', why: `${what}: who may do what changes` } : { risk: 'low', why: what };
}
