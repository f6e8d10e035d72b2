import { WORKLOAD_KINDS } from './workload-kinds';
import { KubernetesRule } from '../../rule';

export const containerResources: KubernetesRule = {
  id: 'PAVED-K8S-RES-001',
  pack: 'kubernetes',
  level: 'error',
  target: 'kubernetes',
  kinds: WORKLOAD_KINDS,
  title: 'Containers request CPU, memory and ephemeral storage, and limit memory.',
  rationale: 'Requests let the scheduler place pods and the quota count them; a memory limit stops one pod from starving a node.',
  fix: 'Use SecureWorkload (sizes from props), or set resources.requests.{cpu,memory,ephemeral-storage} and resources.limits.memory.',
  check: (workload) => workload.containers.flatMap((c) => {
    const missing = [
      ...['cpu', 'memory', 'ephemeral-storage'].filter((r) => c.resources?.requests?.[r] === undefined).map((r) => `requests.${r}`),
      ...(c.resources?.limits?.memory === undefined ? ['limits.memory'] : []),
    ];
    return missing.length > 0 ? [`container '${c.name}' has no ${missing.join(', ')}`] : [];
  }),
};
