import { Duration } from 'cdk8s';
import { PYTHON_WORKER_GOLDEN_PATH } from './python-worker-golden-path';
import { HealthCheck } from '../../constructs/kubernetes/health-check';
import { Platform } from '../../src/platform/platform';
import { Prop } from '../../src/platform/prop-checker';
import { SERVICE_PROPS_SHAPE, Service, ServiceProps } from '../service';

/** Props of a `PythonWorker`. */
export interface PythonWorkerProps extends ServiceProps {
  /**
   * How long a pod may take to finish the message in hand after SIGTERM.
   * @default Duration.minutes(2)
   */
  readonly terminationGracePeriod?: Duration;
}

/**
 * A Python worker that consumes its queues: no Service and no Ingress (nobody calls it); a small
 * HTTP server on 8080 answers `/healthz` and `/readyz` and serves `/metrics`, scraped by a
 * PodMonitor. It stops gracefully: SIGTERM, then the termination grace period.
 *
 * It scales on CPU between `minReplicas` and `maxReplicas`. To scale on queue depth instead,
 * install KEDA and replace the HorizontalPodAutoscaler with a ScaledObject whose trigger is
 * `aws-sqs-queue` on the queue URL in `QUEUE_<NAME>_URL`, authenticated by the workload's own
 * identity (`deployments.get(env).workload.autoscaler` is the escape hatch to remove).
 *
 * ```ts
 * new PythonWorker(platform, 'fulfilment-worker', { team: 'fulfilment', queues: ['shipments'] });
 * ```
 */
export class PythonWorker extends Service {
  constructor(platform: Platform, name: string, props: PythonWorkerProps) {
    super(platform, name, props, {
      goldenPath: PYTHON_WORKER_GOLDEN_PATH.id,
      title: PYTHON_WORKER_GOLDEN_PATH.title,
      ports: [{ name: 'http', port: 8080 }],
      healthCheck: HealthCheck.http('/healthz'),
      readinessCheck: HealthCheck.http('/readyz'),
      exposure: 'none',
      resources: { cpuMillis: 250, memoryMiB: 512 },
      terminationGracePeriod: props?.terminationGracePeriod ?? Duration.minutes(2),
      catalogType: 'service',
      supportsDatabase: true,
      toolchain: PYTHON_WORKER_GOLDEN_PATH.toolchain,
    }, { ...SERVICE_PROPS_SHAPE, terminationGracePeriod: Prop.instance('a Duration such as Duration.minutes(2)', (v) => v instanceof Duration) });
  }
}
