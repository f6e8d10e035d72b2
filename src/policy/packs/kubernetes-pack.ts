import { Rule } from '../rule';
import { autoscalerRange } from '../rules/kubernetes/autoscaler-range';
import { containerResources } from '../rules/kubernetes/container-resources';
import { disruptionBudget } from '../rules/kubernetes/disruption-budget';
import { healthProbes } from '../rules/kubernetes/health-probes';
import { highUserIds } from '../rules/kubernetes/high-user-ids';
import { ingressTls } from '../rules/kubernetes/ingress-tls';
import { namespaceDefaultDeny } from '../rules/kubernetes/namespace-default-deny';
import { namespacePodSecurity } from '../rules/kubernetes/namespace-pod-security';
import { networkPolicyCoverage } from '../rules/kubernetes/network-policy-coverage';
import { noClusterAdmin } from '../rules/kubernetes/no-cluster-admin';
import { noLiteralSecrets } from '../rules/kubernetes/no-literal-secrets';
import { noOpenNetworkPolicy } from '../rules/kubernetes/no-open-network-policy';
import { noSecretData } from '../rules/kubernetes/no-secret-data';
import { noTokenAutomount } from '../rules/kubernetes/no-token-automount';
import { noWildcardRoles } from '../rules/kubernetes/no-wildcard-roles';
import { pinnedImages } from '../rules/kubernetes/pinned-images';
import { podSecurityBaseline } from '../rules/kubernetes/pod-security-baseline';
import { podSecurityRestricted } from '../rules/kubernetes/pod-security-restricted';
import { readOnlyRootFilesystem } from '../rules/kubernetes/read-only-root-filesystem';
import { startupProbe } from '../rules/kubernetes/startup-probe';

/** Guardrails over the Kubernetes output: Pod Security, resources, probes, images, network policy, secrets, RBAC. */
export const KUBERNETES_PACK: readonly Rule[] = [
  podSecurityBaseline,
  podSecurityRestricted,
  readOnlyRootFilesystem,
  highUserIds,
  containerResources,
  healthProbes,
  startupProbe,
  pinnedImages,
  networkPolicyCoverage,
  namespaceDefaultDeny,
  noOpenNetworkPolicy,
  ingressTls,
  namespacePodSecurity,
  disruptionBudget,
  autoscalerRange,
  noLiteralSecrets,
  noSecretData,
  noClusterAdmin,
  noWildcardRoles,
  noTokenAutomount,
];
