import { OperationRecord } from '../platform/operations-log';
import { sortedBy } from '../util/sorted-by';

/** How fast teams get environments and first deployments, from the operations log. */
export interface DeliveryMetrics {
  /** Mean hours from `paved env create` to the first successful apply in that environment; null without data. */
  readonly meanTimeToEnvironmentHours: number | null;
  /** Environments measured for the mean. */
  readonly environmentsMeasured: number;
  /** Mean hours from a service's creation to its first successful apply; null without data. */
  readonly meanTimeToFirstDeploymentHours: number | null;
  /** Each service measured, by name. */
  readonly firstDeployments: readonly { readonly service: string; readonly hours: number }[];
}

/**
 * Time to environment and time to first deployment: each `env.create` (or `service.created`)
 * record paired with the first `deployed` record after it for that environment (or service).
 */
export function deliveryMetrics(operations: readonly OperationRecord[]): DeliveryMetrics {
  const records = sortedBy(operations, (r) => new Date(r.at).toISOString());
  const deployed = records.filter((r) => r.operation === 'deployed');
  const hoursToFirst = (start: OperationRecord, key: 'environment' | 'service', value: unknown) => {
    const first = deployed.find((d) => d.args[key] === value && Date.parse(d.at) >= Date.parse(start.at));
    return first ? round((Date.parse(first.at) - Date.parse(start.at)) / 3_600_000) : undefined;
  };
  // A name reused for a new environment starts over: only the latest request counts.
  const created = new Map(records.filter((r) => r.operation === 'env.create').map((r) => [r.args.name, r]));
  const environmentHours = [...created.values()].map((r) => hoursToFirst(r, 'environment', r.args.name)).filter((h): h is number => h !== undefined);
  const services = new Map(records.filter((r) => r.operation === 'service.created').map((r) => [String(r.args.service), r]));
  const firstDeployments = sortedBy([...services.entries()], ([service]) => service)
    .map(([service, record]) => ({ service, hours: hoursToFirst(record, 'service', service) }))
    .filter((d): d is { service: string; hours: number } => d.hours !== undefined);
  return {
    meanTimeToEnvironmentHours: mean(environmentHours),
    environmentsMeasured: environmentHours.length,
    meanTimeToFirstDeploymentHours: mean(firstDeployments.map((d) => d.hours)),
    firstDeployments,
  };
}

function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : round(values.reduce((a, b) => a + b, 0) / values.length);
}

function round(hours: number): number {
  return Math.round(hours * 100) / 100;
}
