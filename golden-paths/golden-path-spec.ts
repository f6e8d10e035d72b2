import { Duration } from 'cdk8s';
import { ApiDefinitionFile } from './api-definition-file';
import type { Toolchain } from './toolchain';
import { ApiType } from '../constructs/backstage/backstage-api';
import { HealthCheck } from '../constructs/kubernetes/health-check';
import { WorkloadPort, WorkloadResources } from '../constructs/kubernetes/secure-workload';

/** How a golden path's services are reached from outside the cluster. */
export type Exposure = 'http' | 'grpc' | 'none';

/** What a golden path fixes for every service built from it; variants differ only here. */
export interface GoldenPathSpec {
  /** Its id: tag and label value, template name: `node-api`. */
  readonly goldenPath: string;
  /** Its name for people: `Node.js HTTP API`. */
  readonly title: string;
  /** The container's ports; the first one is probed and scraped. */
  readonly ports: readonly WorkloadPort[];
  /** Startup and liveness probe. */
  readonly healthCheck: HealthCheck;
  /** Readiness probe. */
  readonly readinessCheck: HealthCheck;
  /** An Ingress for HTTP or gRPC, or none (and then no Service either). */
  readonly exposure: Exposure;
  /** The container's size, unless a service says otherwise. */
  readonly resources: WorkloadResources;
  /**
   * How long a pod may take to stop.
   * @default - SecureWorkload's 30 seconds
   */
  readonly terminationGracePeriod?: Duration;
  /**
   * Directories the program writes to, as emptyDir volumes (the root filesystem is read-only).
   * @default - only /tmp
   */
  readonly writableDirectories?: readonly string[];
  /** The catalog Component type: `service` or `website`. */
  readonly catalogType: string;
  /**
   * The API the service publishes, for the catalog.
   * @default - none
   */
  readonly api?: {
    /** The definition's format. */
    readonly type: ApiType;
    /** The definition's path in the service's repository, linked from the API entity. */
    readonly definitionPath: string;
    /**
     * A local copy of the definition, whose text the API entity carries.
     * @default - a stand-in definition that links to `definitionPath`
     */
    readonly definitionFile?: ApiDefinitionFile;
  };
  /** Whether services may have a database. */
  readonly supportsDatabase: boolean;
  /** How CI sets up, tests and builds the service. */
  readonly toolchain: Toolchain;
}
