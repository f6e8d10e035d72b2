import { KubernetesRule } from '../../rule';

export const namespaceDefaultDeny: KubernetesRule = {
  id: 'PAVED-K8S-NET-002',
  pack: 'kubernetes',
  level: 'error',
  target: 'kubernetes',
  kinds: ['Namespace'],
  title: 'Every namespace denies all ingress and egress by default.',
  rationale: 'With a default deny, every allowed flow is a declared one.',
  fix: 'Create namespaces through team tenancy, which adds the default-deny policy.',
  check: (namespace) => {
    const denies = namespace.cluster!.inNamespace(namespace.name, 'NetworkPolicy').some((p) => {
      const spec = p.json.spec ?? {};
      return Object.keys(spec.podSelector?.matchLabels ?? {}).length === 0
        && (spec.podSelector?.matchExpressions ?? []).length === 0
        && ['Ingress', 'Egress'].every((t) => (spec.policyTypes ?? []).includes(t))
        && (spec.ingress ?? []).length === 0 && (spec.egress ?? []).length === 0;
    });
    return denies ? undefined : `namespace '${namespace.name}' has no default-deny network policy`;
  },
};
