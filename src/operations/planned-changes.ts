import { ChangeRisk, PlannedChanges, PlannedResourceChange } from './planned-resource-change';
import { sortedBy } from '../util/sorted-by';

/** The order of risks in a list: the riskiest first. */
const RISK_ORDER: Readonly<Record<ChangeRisk, number>> = { high: 0, medium: 1, low: 2 };

/**
 * What `paved plan --changed --risk FILE` writes: the stacks `planned`, and `changes` (their
 * classified resource actions) the riskiest first, then by stack id and address; with
 * `plannedAgainstBase`, which of the stacks were planned against the base's planned state.
 */
export function plannedChanges(
  planned: readonly string[],
  changes: readonly PlannedResourceChange[],
  plannedAgainstBase?: readonly string[],
): PlannedChanges {
  return {
    format: 'paved-planned-changes/1',
    planned,
    ...(plannedAgainstBase ? { plannedAgainstBase } : {}),
    changes: sortedBy(changes, (c) => `${RISK_ORDER[c.risk]}\u0000${c.stack}\u0000${c.address}`),
  };
}
