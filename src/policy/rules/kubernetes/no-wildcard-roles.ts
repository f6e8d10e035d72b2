import { KubernetesObject } from '../../artifacts/kubernetes-object';
import { KubernetesRule } from '../../rule';

/** The label prefix that aggregates a ClusterRole's rules into a built-in role (`admin`, `edit`, `view`). */
const AGGREGATE_LABEL = 'rbac.authorization.k8s.io/aggregate-to-';

export const noWildcardRoles: KubernetesRule = {
  id: 'PAVED-K8S-RBAC-002',
  pack: 'kubernetes',
  level: 'error',
  target: 'kubernetes',
  kinds: ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'],
  title: "No Role or ClusterRole with '*' in its verbs, resources or apiGroups is bound (or aggregated into a built-in role), and nothing is bound to the built-in admin role.",
  rationale: "A wildcard grants every verb, resource or API group, those added later included: bound to anyone it is cluster-admin by another name. The built-in admin role lets a team rewrite its namespace's RBAC; tenancy grants only view and edit.",
  fix: 'List the verbs, resources and API groups the subject needs; bind the built-in edit or view roles in the team namespace, as team tenancy does.',
  check: (object) => (object.kind.endsWith('Binding') ? checkBinding(object) : checkRole(object)),
};

function checkRole(role: KubernetesObject): string[] | undefined {
  const wildcards = (role.json.rules ?? []).flatMap((rule: any, index: number) => ['verbs', 'resources', 'apiGroups']
    .filter((field) => (rule?.[field] ?? []).includes('*'))
    .map((field) => `rule ${index + 1} has '*' in ${field}`));
  if (wildcards.length === 0) {
    return undefined;
  }
  const bindings = (role.cluster?.objects ?? []).filter((b) => (b.kind === 'RoleBinding' || b.kind === 'ClusterRoleBinding')
    && b.json.roleRef?.kind === role.kind && b.json.roleRef?.name === role.name
    && (role.kind === 'ClusterRole' || b.namespace === role.namespace));
  const aggregated = Object.keys(role.labels).filter((key) => key.startsWith(AGGREGATE_LABEL) && String(role.labels[key]) === 'true');
  const uses = [
    ...bindings.map((b) => `${b.kind} '${b.name}'`),
    ...(role.kind === 'ClusterRole' ? aggregated.map((key) => `the built-in role '${key.slice(AGGREGATE_LABEL.length)}' (label ${key})`) : []),
  ];
  return uses.length === 0 ? undefined : wildcards.map((w: string) => `${role.kind} '${role.name}' ${w} and is granted through ${uses.join(', ')}`);
}

function checkBinding(binding: KubernetesObject): string | undefined {
  return binding.json.roleRef?.kind === 'ClusterRole' && binding.json.roleRef?.name === 'admin'
    ? `${binding.kind} '${binding.name}' grants the built-in admin role to ${(binding.json.subjects ?? []).map((s: Record<string, string>) => `${s.kind} ${s.name}`).join(', ')}`
    : undefined;
}
