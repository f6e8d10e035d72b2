import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { SecureWorkload } from './secure-workload';
import { PavedValidationError } from '../../src/platform/paved-validation-error';

/** Props of a `ServiceMonitor` or `PodMonitor`. */
export interface WorkloadMonitorProps {
  /** The workload scraped. */
  readonly workload: SecureWorkload;
  /**
   * The port scraped, by name.
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

/** What Prometheus Operator monitors of a workload share: which port, path and interval. */
export abstract class WorkloadMonitor extends Construct {
  /** The port scraped, by name: `props.port`, or the workload's first port. */
  public readonly port: string;
  /** The HTTP path of the metrics: `props.path`, or `'/metrics'`. */
  public readonly path: string;
  /** How often Prometheus scrapes: `props.interval`, or 30 seconds. */
  public readonly interval: Duration;

  constructor(scope: Construct, id: string, props: WorkloadMonitorProps) {
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
  }
}
