import { Toolchain } from './golden-path-spec';
import { SERVICE_PROPS_SHAPE, Service, ServiceProps } from './service';
import { HealthCheck } from '../constructs/kubernetes/health-check';
import { GOLDEN_PATH_CATALOG } from '../src/platform/golden-path-catalog';
import { Platform } from '../src/platform/platform';
import { Prop } from '../src/platform/prop-checker';

/** Props of a `GrpcService`. */
export interface GrpcServiceProps extends ServiceProps {
  /**
   * The Protocol Buffers file that defines the service, in its repository; the catalog's API entity.
   * @default `proto/<name>.proto`
   */
  readonly protoPath?: string;
  /**
   * How CI tests and builds the service.
   * @default 'node'
   */
  readonly toolchain?: Toolchain;
}

/**
 * A gRPC service: port 8080 named `grpc` with `appProtocol: kubernetes.io/h2c`, probed with the
 * gRPC health checking protocol (`liveness` for alive, the overall status for ready), published
 * through an Ingress whose backend speaks gRPC, and an API entity in the catalog.
 *
 * ```ts
 * new GrpcService(platform, 'inventory', { team: 'fulfilment', database: true });
 * ```
 */
export class GrpcService extends Service {
  constructor(platform: Platform, name: string, props: GrpcServiceProps) {
    super(platform, name, props, {
      goldenPath: 'grpc-service',
      title: GOLDEN_PATH_CATALOG['grpc-service'].title,
      ports: [{ name: 'grpc', port: 8080, appProtocol: 'kubernetes.io/h2c' }],
      healthCheck: HealthCheck.grpc('liveness'),
      readinessCheck: HealthCheck.grpc(),
      exposure: 'grpc',
      resources: { cpuMillis: 250, memoryMiB: 512 },
      catalogType: 'service',
      api: { type: 'grpc', definitionPath: props?.protoPath ?? `proto/${name}.proto` },
      supportsDatabase: true,
      toolchain: props?.toolchain ?? 'node',
    }, { ...SERVICE_PROPS_SHAPE, protoPath: Prop.string(), toolchain: Prop.oneOf(['node', 'python']) });
  }
}
