import { Construct } from 'constructs';
import { WorkloadMonitor, WorkloadMonitorProps } from './workload-monitor';
import { PavedValidationError } from '../../src/platform/paved-validation-error';
import * as monitoring from '../imports/monitoring.coreos.com';

/** Props of a `ServiceMonitor`. */
export interface ServiceMonitorProps extends WorkloadMonitorProps {}

/** A Prometheus Operator ServiceMonitor that scrapes a workload's Service; named like the workload. */
export class ServiceMonitor extends WorkloadMonitor {
  /** The ServiceMonitor object. */
  public readonly resource: monitoring.ServiceMonitor;

  constructor(scope: Construct, id: string, props: ServiceMonitorProps) {
    super(scope, id, props);
    const workload = props.workload;
    if (!workload.service) {
      throw new PavedValidationError(this, `workload '${workload.name}' has no Service to monitor; use a PodMonitor.`);
    }
    this.resource = new monitoring.ServiceMonitor(this, 'Resource', {
      metadata: { name: workload.name },
      spec: {
        selector: { matchLabels: { ...workload.selectorLabels } },
        endpoints: [{
          port: this.port,
          path: this.path,
          interval: `${this.interval.toSeconds()}s`,
          scheme: monitoring.ServiceMonitorSpecEndpointsScheme.HTTP,
        }],
      },
    });
  }
}
