import type { GroupKind } from '../argocd/argo-cd-project';

/** The cluster-scoped kinds an add-on's chart creates, as the platform AppProject allows them. */
export const ClusterKinds = {
  /** CustomResourceDefinitions. */
  CRD: { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition' },
  /** ClusterRoles. */
  CLUSTER_ROLE: { group: 'rbac.authorization.k8s.io', kind: 'ClusterRole' },
  /** ClusterRoleBindings. */
  CLUSTER_ROLE_BINDING: { group: 'rbac.authorization.k8s.io', kind: 'ClusterRoleBinding' },
  /** Validating admission webhooks. */
  VALIDATING_WEBHOOK: { group: 'admissionregistration.k8s.io', kind: 'ValidatingWebhookConfiguration' },
  /** Mutating admission webhooks. */
  MUTATING_WEBHOOK: { group: 'admissionregistration.k8s.io', kind: 'MutatingWebhookConfiguration' },
  /** Aggregated API services (metrics-server's `v1beta1.metrics.k8s.io`). */
  API_SERVICE: { group: 'apiregistration.k8s.io', kind: 'APIService' },
  /** IngressClasses. */
  INGRESS_CLASS: { group: 'networking.k8s.io', kind: 'IngressClass' },
  /** The AWS Load Balancer Controller's IngressClassParams. */
  INGRESS_CLASS_PARAMS: { group: 'elbv2.k8s.aws', kind: 'IngressClassParams' },
} as const satisfies Record<string, GroupKind>;

/** What a controller with CRDs, cluster-wide RBAC and admission webhooks creates. */
export const CONTROLLER_CLUSTER_KINDS: readonly GroupKind[] = [
  ClusterKinds.CRD, ClusterKinds.CLUSTER_ROLE, ClusterKinds.CLUSTER_ROLE_BINDING, ClusterKinds.VALIDATING_WEBHOOK, ClusterKinds.MUTATING_WEBHOOK,
];
