import { GRPC_SERVICE_GOLDEN_PATH } from './grpc-service-golden-path';
import { HealthCheck } from '../../constructs/kubernetes/health-check';
import { Platform } from '../../src/platform/platform';
import { Prop } from '../../src/platform/prop-checker';
import { PYTHON_TOOLCHAIN } from '../python-worker/python-toolchain';
import { SERVICE_PROPS_SHAPE, Service, ServiceProps } from '../service';

/** Props of a `GrpcService`. */
export interface GrpcServiceProps extends ServiceProps {
  /**
   * The Protocol Buffers file that defines the service, in its repository; the catalog's API entity.
   * @default `proto/<name>.proto`
   */
  readonly protoPath?: string;
  /**
   * A local copy of the Protocol Buffers file (an absolute path, such as
   * `join(__dirname, 'services/inventory/proto/inventory.proto')`): the API entity carries its
   * text, so that Backstage shows the real definition without reading the repository.
   * @default - none: the API entity holds a stand-in that links to `protoPath`
   */
  readonly protoFile?: string;
  /**
   * How CI tests and builds the service.
   * @default 'node'
   */
  readonly toolchain?: 'node' | 'python';
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
      goldenPath: GRPC_SERVICE_GOLDEN_PATH.id,
      title: GRPC_SERVICE_GOLDEN_PATH.title,
      ports: [{ name: 'grpc', port: 8080, appProtocol: 'kubernetes.io/h2c' }],
      healthCheck: HealthCheck.grpc('liveness'),
      readinessCheck: HealthCheck.grpc(),
      exposure: 'grpc',
      resources: { cpuMillis: 250, memoryMiB: 512 },
      catalogType: 'service',
      api: {
        type: 'grpc',
        definitionPath: props?.protoPath ?? `proto/${name}.proto`,
        definitionFile: props?.protoFile === undefined ? undefined : { prop: 'protoFile', path: props.protoFile },
      },
      supportsDatabase: true,
      toolchain: props?.toolchain === 'python' ? PYTHON_TOOLCHAIN : GRPC_SERVICE_GOLDEN_PATH.toolchain,
    }, { ...SERVICE_PROPS_SHAPE, protoPath: Prop.string(), protoFile: Prop.string(), toolchain: Prop.oneOf(['node', 'python']) });
  }
}
