import { LONG_RUNNING_KINDS } from './workload-kinds';
import { KubernetesRule } from '../../rule';

export const healthProbes: KubernetesRule = {
  id: 'PAVED-K8S-PROBE-001',
  pack: 'kubernetes',
  level: 'error',
  target: 'kubernetes',
  kinds: LONG_RUNNING_KINDS,
  title: 'Long-running containers have readiness and liveness probes, and the two differ.',
  rationale: 'Without readiness, traffic reaches pods that are not ready; a liveness probe equal to readiness restarts pods that are merely busy.',
  fix: 'Use a golden path or SecureWorkload probes (/readyz for readiness, /healthz for liveness).',
  check: (workload) => (workload.podSpec?.containers ?? []).flatMap((c: Record<string, any>) => {
    const problems: string[] = [];
    if (!c.readinessProbe) {
      problems.push(`container '${c.name}' has no readiness probe`);
    }
    if (!c.livenessProbe) {
      problems.push(`container '${c.name}' has no liveness probe`);
    }
    if (c.readinessProbe && c.livenessProbe && JSON.stringify(c.readinessProbe) === JSON.stringify(c.livenessProbe)) {
      problems.push(`container '${c.name}' uses the same probe for readiness and liveness`);
    }
    return problems;
  }),
};
