import { REACT_FRONTEND_GOLDEN_PATH } from './react-frontend-golden-path';
import { HealthCheck } from '../../constructs/kubernetes/health-check';
import { Platform } from '../../src/platform/platform';
import { Service, ServiceProps } from '../service';

/** Props of a `ReactFrontend`. */
export interface ReactFrontendProps extends ServiceProps {}

/**
 * A React single-page app: the built static assets served by an unprivileged nginx
 * (`nginxinc/nginx-unprivileged` as the base image) on 8080, with a read-only root filesystem
 * and emptyDirs for nginx's temporary files, published through an Ingress with TLS. No database:
 * a frontend calls APIs (list them in `dependsOn`).
 *
 * ```ts
 * new ReactFrontend(platform, 'storefront', { team: 'web', dependsOn: ['checkout'] });
 * ```
 */
export class ReactFrontend extends Service {
  constructor(platform: Platform, name: string, props: ReactFrontendProps) {
    super(platform, name, props, {
      goldenPath: REACT_FRONTEND_GOLDEN_PATH.id,
      title: REACT_FRONTEND_GOLDEN_PATH.title,
      ports: [{ name: 'http', port: 8080 }],
      healthCheck: HealthCheck.http('/healthz'),
      readinessCheck: HealthCheck.http('/'),
      exposure: 'http',
      resources: { cpuMillis: 50, memoryMiB: 64 },
      writableDirectories: ['/var/cache/nginx'],
      catalogType: 'website',
      supportsDatabase: false,
      toolchain: REACT_FRONTEND_GOLDEN_PATH.toolchain,
    });
  }
}
