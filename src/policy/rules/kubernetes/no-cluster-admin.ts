import { KubernetesRule } from '../../rule';

export const noClusterAdmin: KubernetesRule = {
  id: 'PAVED-K8S-RBAC-001',
  pack: 'kubernetes',
  level: 'error',
  target: 'kubernetes',
  kinds: ['ClusterRoleBinding', 'RoleBinding'],
  title: 'Nothing is bound to the cluster-admin role.',
  rationale: 'cluster-admin can do anything in every namespace, including reading every secret.',
  fix: 'Bind the built-in edit or view roles in the team namespace, as team tenancy does.',
  check: (binding) => (binding.json.roleRef?.kind === 'ClusterRole' && binding.json.roleRef?.name === 'cluster-admin'
    ? `${binding.kind} '${binding.name}' grants cluster-admin to ${(binding.json.subjects ?? []).map((s: Record<string, string>) => `${s.kind} ${s.name}`).join(', ')}`
    : undefined),
};
