import { Construct } from 'constructs';
import { ClusterAddOn, ClusterAddOnOptions, HelmValues } from './cluster-add-on';
import { CONTROLLER_CLUSTER_KINDS } from './cluster-kinds';
import { flagAt, valueAt } from './values-reader';
import { CapabilityLabelSelector, ClusterCapabilities, DashboardDiscovery } from '../../src/platform/cluster-capabilities';
import { KUBE_PROMETHEUS_STACK_CHART, KubePrometheusStackValues } from '../imports/charts/kube-prometheus-stack';
import { GRAFANA_DASHBOARD_LABEL } from '../kubernetes/grafana-dashboard';

/** Props of `KubePrometheusStack`. */
export interface KubePrometheusStackProps extends ClusterAddOnOptions<KubePrometheusStackValues> {}

/** The namespace the stack runs in. */
const NAMESPACE = 'monitoring';
/** The Helm release name, which the chart's default selectors match on (`release: <name>`). */
const RELEASE = 'kube-prometheus-stack';

/** The custom resource kinds of the Prometheus Operator. */
const OPERATOR_KINDS = ['Alertmanager', 'AlertmanagerConfig', 'PodMonitor', 'Probe', 'Prometheus', 'PrometheusAgent', 'PrometheusRule', 'ScrapeConfig', 'ServiceMonitor', 'ThanosRuler']
  .map((kind) => `monitoring.coreos.com/${kind}`);

function isEmptySelector(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'object' && Object.keys(value as object).length === 0);
}

/**
 * The selector Prometheus uses for one kind: the chart's `<kind>Selector` when it names labels;
 * else, with `<kind>SelectorNilUsesHelmValues` on (the chart's default), objects labelled with
 * the release (`release: <release>`); else every object.
 */
function selectorOf(values: HelmValues, kind: 'serviceMonitor' | 'podMonitor' | 'rule', release: string): CapabilityLabelSelector {
  const spec = ['prometheus', 'prometheusSpec'];
  const selector = valueAt(values, ...spec, `${kind}Selector`);
  if (!isEmptySelector(selector)) {
    return selector as CapabilityLabelSelector;
  }
  return flagAt(values, true, ...spec, `${kind}SelectorNilUsesHelmValues`) ? { matchLabels: { release } } : {};
}

/**
 * kube-prometheus-stack (chart `kube-prometheus-stack`) in namespace `monitoring`: the Prometheus
 * Operator and its CRDs, Prometheus, Alertmanager, kube-state-metrics and Grafana. Prometheus
 * selects every ServiceMonitor, PodMonitor, Probe, ScrapeConfig and PrometheusRule of every
 * namespace (the `*SelectorNilUsesHelmValues` flags off), and Grafana's sidecar loads the
 * dashboard ConfigMaps paved writes (`grafana_dashboard: "1"`) from every namespace.
 *
 * node-exporter is off: it needs the host's network, PID namespace and file system, which Pod
 * Security `restricted` (the namespace's level) forbids; node metrics come from the kubelet's
 * cAdvisor endpoint, which the stack scrapes.
 */
export class KubePrometheusStack extends ClusterAddOn {
  /** Paved's values of the chart. */
  public static readonly PAVED_VALUES: KubePrometheusStackValues = {
    crds: { enabled: true },
    nodeExporter: { enabled: false },
    prometheus: {
      prometheusSpec: {
        serviceMonitorSelectorNilUsesHelmValues: false,
        podMonitorSelectorNilUsesHelmValues: false,
        ruleSelectorNilUsesHelmValues: false,
        probeSelectorNilUsesHelmValues: false,
        scrapeConfigSelectorNilUsesHelmValues: false,
      },
    },
    grafana: {
      sidecar: { dashboards: { enabled: true, label: GRAFANA_DASHBOARD_LABEL, labelValue: '1', searchNamespace: 'ALL' } },
    },
  };

  /** What the chart provides with `values` under release `release`. */
  public static providedBy(values: HelmValues, release: string = RELEASE): ClusterCapabilities {
    const prometheus = flagAt(values, true, 'prometheus', 'enabled');
    const namespaceSelector = valueAt(values, 'prometheus', 'prometheusSpec', 'serviceMonitorNamespaceSelector');
    const sidecar = ['grafana', 'sidecar', 'dashboards'];
    const grafana = flagAt(values, true, 'grafana', 'enabled') && flagAt(values, true, ...sidecar, 'enabled');
    const searched = valueAt(values, ...sidecar, 'searchNamespace');
    const namespaces: DashboardDiscovery['namespaces'] = searched === 'ALL' ? 'ALL'
      : Array.isArray(searched) ? searched.map(String)
        : typeof searched === 'string' && searched !== '' ? searched.split(',').map((n) => n.trim()) : [NAMESPACE];
    return {
      kinds: flagAt(values, true, 'crds', 'enabled') ? OPERATOR_KINDS : [],
      monitoring: prometheus ? {
        serviceMonitorSelector: selectorOf(values, 'serviceMonitor', release),
        podMonitorSelector: selectorOf(values, 'podMonitor', release),
        ruleSelector: selectorOf(values, 'rule', release),
        namespaceSelector: isEmptySelector(namespaceSelector) ? {} : namespaceSelector as CapabilityLabelSelector,
      } : undefined,
      dashboards: grafana ? {
        label: String(valueAt(values, ...sidecar, 'label') ?? GRAFANA_DASHBOARD_LABEL),
        labelValue: String(valueAt(values, ...sidecar, 'labelValue') ?? '1'),
        namespaces,
      } : undefined,
    };
  }

  constructor(scope: Construct, id: string, props: KubePrometheusStackProps = {}) {
    super(scope, id, {
      name: 'kube-prometheus-stack',
      chart: KUBE_PROMETHEUS_STACK_CHART,
      namespace: NAMESPACE,
      releaseName: RELEASE,
      // The kubelet's Service, and those of the control plane's components, are in kube-system.
      otherNamespaces: ['kube-system'],
      values: KubePrometheusStack.PAVED_VALUES,
      options: { version: props.version, values: props.values },
      clusterResourceKinds: CONTROLLER_CLUSTER_KINDS,
      provides: (values) => KubePrometheusStack.providedBy(values),
    });
  }
}
