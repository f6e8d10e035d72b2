import { Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { HttpMetrics, resolveHttpMetrics, seriesSelector } from './http-metrics';
import { SecureWorkload } from './secure-workload';

/** The label the Grafana dashboard sidecar watches ConfigMaps for (kube-prometheus-stack default). */
export const GRAFANA_DASHBOARD_LABEL = 'grafana_dashboard';

/** The annotation that names the Grafana folder the sidecar puts a dashboard in. */
export const GRAFANA_FOLDER_ANNOTATION = 'grafana_folder';

/** Props of a `GrafanaDashboard`. */
export interface GrafanaDashboardProps {
  /** The workload the dashboard shows. */
  readonly workload: SecureWorkload;
  /**
   * Dashboard title.
   * @default - the workload's name
   */
  readonly title?: string;
  /**
   * The Grafana folder.
   * @default - the workload's namespace
   */
  readonly folder?: string;
  /**
   * The metrics the workload exports.
   * @default - `http_requests_total` and `http_request_duration_seconds`
   */
  readonly metrics?: HttpMetrics;
}

/**
 * A Grafana dashboard of a workload (request rate, errors, latency, CPU, memory, replicas) as a
 * ConfigMap `<workload>-dashboard` labelled for the Grafana sidecar. Its uid is the workload's
 * name, so links to it are stable.
 */
export class GrafanaDashboard extends Construct {
  /** The dashboard's uid (the workload's name, at most 40 characters). */
  public readonly uid: string;
  /** The dashboard's title: `props.title`, or the workload's name. */
  public readonly title: string;
  /** The Grafana folder (the `grafana_folder` annotation): `props.folder`, or the workload's namespace. */
  public readonly folder?: string;
  /** The metric names the panels query: `props.metrics`, with `http_requests_total` and `http_request_duration_seconds` for those not given. */
  public readonly metrics: Required<HttpMetrics>;
  /** The ConfigMap object. */
  public readonly resource: k8s.KubeConfigMap;

  constructor(scope: Construct, id: string, props: GrafanaDashboardProps) {
    super(scope, id);
    const workload = props.workload;
    const namespace = Chart.of(this).namespace;
    this.uid = workload.name.slice(0, 40);
    this.title = props.title ?? workload.name;
    this.folder = props.folder ?? namespace;
    this.metrics = resolveHttpMetrics(props.metrics);

    const series = seriesSelector(namespace, workload.name);
    const pods = `{${namespace === undefined ? '' : `namespace="${namespace}",`}pod=~"${workload.name}-.*",container="${workload.name}"}`;
    const { requestsTotal, durationSeconds } = this.metrics;
    const panels: readonly [string, string, string][] = [
      ['Requests per second', `sum by (code) (rate(${requestsTotal}${series}[5m]))`, 'reqps'],
      ['Error ratio (5xx)', `sum(rate(${requestsTotal}${seriesSelector(namespace, workload.name, 'code=~"5.."')}[5m])) / sum(rate(${requestsTotal}${series}[5m]))`, 'percentunit'],
      ['Latency p99', `histogram_quantile(0.99, sum by (le) (rate(${durationSeconds}_bucket${series}[5m])))`, 's'],
      ['CPU (cores)', `sum by (pod) (rate(container_cpu_usage_seconds_total${pods}[5m]))`, 'short'],
      ['Memory (working set)', `sum by (pod) (container_memory_working_set_bytes${pods})`, 'bytes'],
      ['Replicas', `kube_deployment_status_replicas_available{${namespace === undefined ? '' : `namespace="${namespace}",`}deployment="${workload.name}"}`, 'short'],
    ];
    const dashboard = {
      uid: this.uid,
      title: this.title,
      tags: ['paved', workload.name],
      timezone: 'utc',
      schemaVersion: 39,
      time: { from: 'now-6h', to: 'now' },
      panels: panels.map(([title, expr, unit], i) => ({
        id: i + 1,
        type: 'timeseries',
        title,
        gridPos: { h: 8, w: 12, x: (i % 2) * 12, y: Math.floor(i / 2) * 8 },
        fieldConfig: { defaults: { unit }, overrides: [] },
        targets: [{ refId: 'A', expr }],
      })),
    };

    this.resource = new k8s.KubeConfigMap(this, 'Resource', {
      metadata: {
        name: `${workload.name}-dashboard`,
        labels: { [GRAFANA_DASHBOARD_LABEL]: '1' },
        annotations: this.folder === undefined ? undefined : { [GRAFANA_FOLDER_ANNOTATION]: this.folder },
      },
      data: { [`${workload.name}.json`]: `${JSON.stringify(dashboard, undefined, 2)}\n` },
    });
  }
}
