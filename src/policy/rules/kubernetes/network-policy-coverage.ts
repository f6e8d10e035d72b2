import { WORKLOAD_KINDS } from './workload-kinds';
import { KubernetesRule } from '../../rule';

export const networkPolicyCoverage: KubernetesRule = {
  id: 'PAVED-K8S-NET-001',
  pack: 'kubernetes',
  level: 'error',
  target: 'kubernetes',
  kinds: WORKLOAD_KINDS,
  title: 'Network policies govern both ingress and egress of every workload.',
  rationale: 'A pod no policy selects accepts and sends any traffic: one compromised pod reaches everything.',
  fix: 'Deploy into a team namespace (default deny) and declare dependencies so the golden path adds the allows.',
  check: (workload) => (['Ingress', 'Egress'] as const)
    .filter((direction) => workload.cluster!.networkPoliciesFor(workload, direction).length === 0)
    .map((direction) => `no network policy governs ${direction.toLowerCase()} of its pods`),
};
