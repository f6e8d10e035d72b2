import { Rule } from '../rule';
import { dashboardDiscovery } from '../rules/closure/dashboard-discovery';
import { externalSecretAccess } from '../rules/closure/external-secret-access';
import { ingressCertificates } from '../rules/closure/ingress-certificates';
import { ingressClasses } from '../rules/closure/ingress-classes';
import { installedKinds } from '../rules/closure/installed-kinds';
import { monitoringSelection } from '../rules/closure/monitoring-selection';
import { priorityClasses } from '../rules/closure/priority-classes';
import { resourceMetrics } from '../rules/closure/resource-metrics';
import { secretStores } from '../rules/closure/secret-stores';
import { serviceAccounts } from '../rules/closure/service-accounts';
import { storageClasses } from '../rules/closure/storage-classes';
import { workloadRoleTrust } from '../rules/closure/workload-role-trust';

/**
 * Guardrails that prove, per cluster, that nothing deployed depends on something nothing
 * provides: kinds and their CRDs, classes, stores, service accounts, monitoring and dashboard
 * discovery, secret access, role trust, resource metrics and certificates. What a cluster
 * provides is what its add-ons declare (`paved.dev/provides`), what the output declares, and
 * what Kubernetes and EKS create (`ClusterProvisions`).
 */
export const CLOSURE_PACK: readonly Rule[] = [
  installedKinds,
  ingressClasses,
  storageClasses,
  priorityClasses,
  serviceAccounts,
  secretStores,
  externalSecretAccess,
  workloadRoleTrust,
  monitoringSelection,
  dashboardDiscovery,
  resourceMetrics,
  ingressCertificates,
];
