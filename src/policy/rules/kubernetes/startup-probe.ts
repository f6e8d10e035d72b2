import { LONG_RUNNING_KINDS } from './workload-kinds';
import { KubernetesRule } from '../../rule';

export const startupProbe: KubernetesRule = {
  id: 'PAVED-K8S-PROBE-002',
  pack: 'kubernetes',
  level: 'warning',
  target: 'kubernetes',
  kinds: LONG_RUNNING_KINDS,
  title: 'Long-running containers have a startup probe.',
  rationale: 'A startup probe gives slow starts time without loosening the liveness probe for the rest of the pod\'s life.',
  fix: 'Use SecureWorkload probes, or add a startupProbe.',
  check: (workload) => (workload.podSpec?.containers ?? [])
    .filter((c: Record<string, any>) => !c.startupProbe)
    .map((c: Record<string, any>) => `container '${c.name}' has no startup probe`),
};
