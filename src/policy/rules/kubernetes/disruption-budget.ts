import { KubernetesRule } from '../../rule';

export const disruptionBudget: KubernetesRule = {
  id: 'PAVED-K8S-PDB-001',
  pack: 'kubernetes',
  level: 'error',
  target: 'kubernetes',
  kinds: ['Deployment', 'StatefulSet'],
  title: 'Deployments and StatefulSets have a PodDisruptionBudget.',
  rationale: 'Node upgrades and scale-downs drain nodes; without a budget they can take every replica at once.',
  fix: 'Use SecureWorkload (it adds a budget), or add a PodDisruptionBudget that selects the pods.',
  check: (workload) => (workload.cluster!.disruptionBudgetsFor(workload).length > 0 ? undefined : 'no PodDisruptionBudget selects its pods'),
};
