import { k8s } from 'cdk8s-plus-28';

/**
 * How the kubelet asks a container whether it is healthy: an HTTP GET or the gRPC health
 * protocol, on the workload's first port.
 */
export class HealthCheck {
  /**
   * An HTTP GET of `path`; any 2xx or 3xx answer is healthy.
   * @param path the request path, starting with `/`
   */
  public static http(path: string): HealthCheck {
    return new HealthCheck({ httpGet: { path } }, path.startsWith('/') ? undefined : `the HTTP path must start with '/' (got '${path}').`);
  }

  /**
   * The gRPC health checking protocol (`grpc.health.v1.Health/Check`).
   * @param service the service name sent in the request
   * @default - the empty name: the server's overall health
   */
  public static grpc(service?: string): HealthCheck {
    return new HealthCheck({ grpc: service === undefined ? {} : { service } });
  }

  private constructor(
    private readonly handler: { readonly httpGet?: { readonly path: string }; readonly grpc?: { readonly service?: string } },
    /** What is wrong with the check, if anything. */
    public readonly problem?: string,
  ) {}

  /** The request path of an HTTP check; undefined for a gRPC check. */
  public get httpPath(): string | undefined {
    return this.handler.httpGet?.path;
  }

  /** The check as the `Probe` handler for a container port. */
  public probeHandler(port: number): Pick<k8s.Probe, 'httpGet' | 'grpc'> {
    if (this.handler.httpGet) {
      return { httpGet: { path: this.handler.httpGet.path, port: k8s.IntOrString.fromNumber(port) } };
    }
    return { grpc: { port, ...this.handler.grpc } };
  }
}
