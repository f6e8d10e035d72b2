import { NODE_API_GOLDEN_PATH } from './node-api-golden-path';
import { HealthCheck } from '../../constructs/kubernetes/health-check';
import { Platform } from '../../src/platform/platform';
import { Prop } from '../../src/platform/prop-checker';
import { SERVICE_PROPS_SHAPE, Service, ServiceProps } from '../service';

/** Props of a `NodeApi`. */
export interface NodeApiProps extends ServiceProps {
  /**
   * The OpenAPI document in the service's repository; the catalog gets an API entity for it.
   * @default - `openapi.yaml` when `openApiFile` is given, else none: no API entity
   */
  readonly openApiPath?: string;
  /**
   * A local copy of the OpenAPI document (an absolute path, such as
   * `join(__dirname, 'services/checkout/openapi.yaml')` where the service's repository is checked
   * out beside the platform's): the API entity carries its text, so that Backstage shows the real
   * definition without reading the repository. Implies an API entity.
   * @default - none: the API entity, if any, holds a stand-in that links to `openApiPath`
   */
  readonly openApiFile?: string;
}

/**
 * A Node.js HTTP API: listens on 8080, answers `/healthz` (alive) and `/readyz` (ready for
 * traffic), published through an Ingress with TLS at `<name>.<env>.<domain>`.
 *
 * ```ts
 * new NodeApi(platform, 'checkout', { team: 'payments', database: true, queues: ['orders'] });
 * ```
 */
export class NodeApi extends Service {
  constructor(platform: Platform, name: string, props: NodeApiProps) {
    super(platform, name, props, {
      goldenPath: NODE_API_GOLDEN_PATH.id,
      title: NODE_API_GOLDEN_PATH.title,
      ports: [{ name: 'http', port: 8080 }],
      healthCheck: HealthCheck.http('/healthz'),
      readinessCheck: HealthCheck.http('/readyz'),
      exposure: 'http',
      resources: { cpuMillis: 250, memoryMiB: 512 },
      catalogType: 'service',
      api: props?.openApiPath || props?.openApiFile !== undefined ? {
        type: 'openapi',
        definitionPath: props.openApiPath ?? 'openapi.yaml',
        definitionFile: props.openApiFile === undefined ? undefined : { prop: 'openApiFile', path: props.openApiFile },
      } : undefined,
      supportsDatabase: true,
      toolchain: NODE_API_GOLDEN_PATH.toolchain,
    }, { ...SERVICE_PROPS_SHAPE, openApiPath: Prop.string(), openApiFile: Prop.string() });
  }
}
