import { Construct } from 'constructs';
import { WorkloadMonitor, WorkloadMonitorProps } from './workload-monitor';
import * as monitoring from '../imports/monitoring.coreos.com';

/** Props of a `PodMonitor`. */
export interface PodMonitorProps extends WorkloadMonitorProps {}

/**
 * A Prometheus Operator PodMonitor that scrapes a workload's Pods directly, for workloads
 * without a Service (queue workers); named like the workload.
 */
export class PodMonitor extends WorkloadMonitor {
  /** The PodMonitor object. */
  public readonly resource: monitoring.PodMonitor;

  constructor(scope: Construct, id: string, props: PodMonitorProps) {
    super(scope, id, props);
    const workload = props.workload;
    this.resource = new monitoring.PodMonitor(this, 'Resource', {
      metadata: { name: workload.name },
      spec: {
        selector: { matchLabels: { ...workload.selectorLabels } },
        podMetricsEndpoints: [{
          port: this.port,
          path: this.path,
          interval: `${this.interval.toSeconds()}s`,
          scheme: monitoring.PodMonitorSpecPodMetricsEndpointsScheme.HTTP,
        }],
      },
    });
  }
}
