import { closureRule, describeObject } from './closure-rule';
import { KubernetesObject } from '../../artifacts/kubernetes-object';

/** The label and annotation the Grafana sidecar's convention gives dashboard ConfigMaps (GrafanaDashboard writes both). */
const DASHBOARD_LABEL = 'grafana_dashboard';
const FOLDER_ANNOTATION = 'grafana_folder';

/** Whether a ConfigMap is meant as a Grafana dashboard: it carries the dashboard label or the folder annotation. */
function isDashboard(configMap: KubernetesObject): boolean {
  return configMap.labels[DASHBOARD_LABEL] !== undefined || configMap.annotations[FOLDER_ANNOTATION] !== undefined;
}

export const dashboardDiscovery = closureRule({
  id: 'PAVED-CLS-DASH-001',
  level: 'error',
  kinds: ['ConfigMap'],
  title: "Every dashboard ConfigMap is found by a Grafana sidecar of its cluster: it has the sidecar's label with its value, in a namespace the sidecar searches.",
  rationale: 'A dashboard the sidecar does not find is never loaded: the service\'s catalog links to a dashboard that does not exist.',
  fix: 'Turn on the kube-prometheus-stack add-on (its Grafana), and label the ConfigMap as its sidecar expects (GrafanaDashboard does).',
}, (configMap, cluster) => {
  if (!isDashboard(configMap)) {
    return undefined;
  }
  if (cluster.dashboards.length === 0) {
    return `${describeObject(configMap)} is a dashboard, but no Grafana runs in cluster '${cluster.objects.cluster}' (${cluster.describeAddOns()}); turn on the kube-prometheus-stack add-on`;
  }
  const found = cluster.dashboards.some((d) => configMap.labels[d.label] === d.labelValue && (d.namespaces === 'ALL' || d.namespaces.includes(configMap.namespace)));
  return found ? undefined
    : `${describeObject(configMap)} is a dashboard the Grafana sidecar of cluster '${cluster.objects.cluster}' does not find: it looks for ${cluster.dashboards.map((d) => `label ${d.label}=${JSON.stringify(d.labelValue)} in ${d.namespaces === 'ALL' ? 'every namespace' : `namespaces ${JSON.stringify(d.namespaces)}`}`).join('; ')}, `
      + `and the ConfigMap has ${DASHBOARD_LABEL}=${JSON.stringify(configMap.labels[DASHBOARD_LABEL] ?? null)} in namespace '${configMap.namespace}'; label it as the sidecar expects`;
});
