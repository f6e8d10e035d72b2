import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { SecureWorkload } from './secure-workload';
import { PavedValidationError } from '../../src/platform/paved-validation-error';
import * as monitoring from '../imports/monitoring.coreos.com';

/** Props of a `ServiceMonitor`. */
export interface ServiceMonitorProps {
  /** The workload whose Service is scraped. */
  readonly workload: SecureWorkload;
  /**
   * The Service port scraped, by name.
   * @default - the workload's first port
   */
  readonly port?: string;
  /**
   * The HTTP path of the metrics.
   * @default '/metrics'
   */
  readonly path?: string;
  /**
   * How often Prometheus scrapes.
   * @default Duration.seconds(30)
   */
  readonly interval?: Duration;
}

/** A Prometheus Operator ServiceMonitor that scrapes a workload's Service; named like the workload. */
export class ServiceMonitor extends Construct {
  public readonly port: string;
  public readonly path: string;
  public readonly interval: Duration;
  /** The ServiceMonitor object. */
  public readonly resource: monitoring.ServiceMonitor;

  constructor(scope: Construct, id: string, props: ServiceMonitorProps) {
    super(scope, id);
    const workload = props.workload;
    this.port = props.port ?? workload.ports[0].name;
    this.path = props.path ?? '/metrics';
    this.interval = props.interval ?? Duration.seconds(30);
    const problems: string[] = [];
    if (!workload.ports.some((p) => p.name === this.port)) {
      problems.push(`'port' must name a port of the workload (${workload.ports.map((p) => `'${p.name}'`).join(', ')}) (got '${this.port}').`);
    }
    if (!this.path.startsWith('/')) {
      problems.push(`'path' must start with '/' (got '${this.path}').`);
    }
    PavedValidationError.throwIfAny(this, problems);

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
