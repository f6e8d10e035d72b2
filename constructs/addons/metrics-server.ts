import { Construct } from 'constructs';
import { ClusterAddOn, ClusterAddOnOptions } from './cluster-add-on';
import { ClusterKinds } from './cluster-kinds';
import { RUNTIME_DEFAULT_SECCOMP, flagAt } from './values-reader';
import { METRICS_SERVER_CHART, MetricsServerValues } from '../imports/charts/metrics-server';

/** Props of `MetricsServer`. */
export interface MetricsServerProps extends ClusterAddOnOptions<MetricsServerValues> {}

/**
 * metrics-server (chart `metrics-server`) in namespace `metrics-server`: it serves the resource
 * metrics API (`metrics.k8s.io`) that CPU and memory autoscaling read. Its chart always puts the
 * auth-reader RoleBinding in `kube-system`; it makes no AWS calls, so it has no IAM role.
 */
export class MetricsServer extends ClusterAddOn {
  /** Paved's values of the chart. */
  public static readonly PAVED_VALUES: MetricsServerValues = {
    apiService: { create: true },
    podSecurityContext: { seccompProfile: RUNTIME_DEFAULT_SECCOMP },
  };

  constructor(scope: Construct, id: string, props: MetricsServerProps = {}) {
    super(scope, id, {
      name: 'metrics-server',
      chart: METRICS_SERVER_CHART,
      namespace: 'metrics-server',
      otherNamespaces: ['kube-system'],
      values: MetricsServer.PAVED_VALUES,
      options: { version: props.version, values: props.values },
      clusterResourceKinds: [ClusterKinds.CLUSTER_ROLE, ClusterKinds.CLUSTER_ROLE_BINDING, ClusterKinds.API_SERVICE],
      provides: (values) => ({ resourceMetrics: flagAt(values, true, 'apiService', 'create') }),
    });
  }
}
