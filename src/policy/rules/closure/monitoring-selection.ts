import { closureRule, describeObject } from './closure-rule';
import { MonitoringSelection } from '../../../platform/cluster-capabilities';
import { selects } from '../../artifacts/label-selector';

/** The selector of each monitoring kind in a Prometheus's selection. */
const SELECTOR_OF: Readonly<Record<string, keyof MonitoringSelection>> = {
  ServiceMonitor: 'serviceMonitorSelector',
  PodMonitor: 'podMonitorSelector',
  PrometheusRule: 'ruleSelector',
};

export const monitoringSelection = closureRule({
  id: 'PAVED-CLS-MON-001',
  level: 'error',
  kinds: Object.keys(SELECTOR_OF),
  title: "Every ServiceMonitor, PodMonitor and PrometheusRule is picked up by a Prometheus of its cluster: its labels match the Prometheus's selector for its kind, and its namespace's labels the namespace selector.",
  rationale: 'Prometheus ignores monitoring objects its selectors do not match: the service has no metrics and its alerts never fire, and nothing says so.',
  fix: 'Turn on the kube-prometheus-stack add-on, and give the object the labels its selector asks for (WorkloadMonitor and SloAlerts do), or widen the selector in the add-on\'s values.',
}, (object, cluster) => {
  const key = SELECTOR_OF[object.kind];
  if (cluster.monitoring.length === 0) {
    return `${describeObject(object)} is not picked up: no Prometheus runs in cluster '${cluster.objects.cluster}' (${cluster.describeAddOns()}); turn on the kube-prometheus-stack add-on`;
  }
  const namespaceLabels = cluster.namespaceLabels(object.namespace);
  const picked = cluster.monitoring.some((selection) => {
    const selector = selection[key] as MonitoringSelection['serviceMonitorSelector'] | undefined;
    const namespaceSelector = selection.namespaceSelector === undefined ? {} : selection.namespaceSelector;
    return selector !== null && selector !== undefined && selects(selector, object.labels)
      && namespaceSelector !== null && selects(namespaceSelector, namespaceLabels);
  });
  return picked ? undefined
    : `${describeObject(object)} (labels ${JSON.stringify(object.labels)}) is not picked up by the Prometheus of cluster '${cluster.objects.cluster}', whose ${key} and namespaceSelector are ${cluster.monitoring.map((s) => `${JSON.stringify(s[key])} and ${JSON.stringify(s.namespaceSelector ?? {})}`).join('; ')}; `
      + "give it the labels the selector asks for, or widen the selector in the add-on's values";
});
