import { IConstruct } from 'constructs';
import { DeviationProps } from '../../src/platform/deviation';
import { PlatformChart } from '../../src/platform/platform-chart';

/**
 * A written, owned and expiring reason for leaving a secure default. A construct that accepts one
 * declares it to the platform as a deviation of its component in its chart's environment; the
 * guardrails then let that finding through, count it, and annotate the object with it.
 */
export type Deviation = Omit<DeviationProps, 'ruleId' | 'environments'>;

/** Ids of the workload guardrails a `Deviation` can be declared against. */
export const WORKLOAD_RULES = {
  /** The container's root filesystem is read-only. */
  readOnlyRootFilesystem: 'PAVED-K8S-POD-003',
  /** The Pod does not mount a Kubernetes API token. */
  noServiceAccountToken: 'PAVED-K8S-SA-001',
} as const;

/** Declares `deviation` against `ruleId` for the component and environment of `scope`'s chart. */
export function declareDeviation(scope: IConstruct, ruleId: string, deviation: Deviation): void {
  const chart = PlatformChart.of(scope);
  chart.platform.addDeviation(chart.ownership?.service ?? 'platform', {
    ...deviation,
    ruleId,
    environments: chart.environment ? [chart.environment.name] : undefined,
  });
}
