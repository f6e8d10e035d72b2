import { HealthCheck } from './health-check';
import { IngressSource } from './ingress-source';

/** The ALB listener TLS policy paved uses by default: TLS 1.3 and 1.2 with forward secrecy only. */
export const DEFAULT_ALB_SSL_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';

/** Whether an ALB is reachable from the internet or only from inside the VPC. */
export type LoadBalancerScheme = 'internet-facing' | 'internal';

/** Options of `IngressRouting.awsLoadBalancer`. */
export interface AwsLoadBalancerRoutingOptions {
  /**
   * Whether the environment's ALB is reachable from the internet or only from inside the VPC.
   * @default 'internet-facing' - golden paths publish every exposed service under the platform's public domain
   */
  readonly scheme?: LoadBalancerScheme;
  /**
   * The TLS policy of the HTTPS listener.
   * @default DEFAULT_ALB_SSL_POLICY ('ELBSecurityPolicy-TLS13-1-2-2021-06')
   */
  readonly sslPolicy?: string;
}

/** Options of `IngressRouting.controller`: another ingress controller a platform team runs. */
export interface IngressControllerRoutingOptions {
  /** The IngressClass the controller serves. */
  readonly className: string;
  /** Where the controller's traffic to the pods comes from, for network policies (`IngressSource.namespace('traefik')`). */
  readonly source: IngressSource;
  /**
   * Annotations on every Ingress (a cert-manager issuer, the controller's TLS settings).
   * @default - none
   */
  readonly annotations?: Readonly<Record<string, string>>;
  /**
   * Annotations added to the Ingress of a gRPC service (the controller's backend-protocol switch).
   * @default - none
   */
  readonly grpcAnnotations?: Readonly<Record<string, string>>;
  /**
   * Whether each Ingress names a TLS Secret `<workload>-tls`, which something the platform runs
   * creates (cert-manager, from an annotation in `annotations`).
   * @default false - the controller finds the certificate by the Ingress's tls hosts
   */
  readonly tlsSecrets?: boolean;
}

/** What an Ingress routes to, as `IngressRouting.annotationsFor` needs it. */
export interface IngressTarget {
  /** The name of the load balancer the Ingresses of one environment share. */
  readonly loadBalancerGroup: string;
  /** The protocol the workload speaks on the port the Ingress sends to. */
  readonly protocol: 'http' | 'grpc';
  /** The workload's readiness check, which the load balancer's health check follows. */
  readonly readinessCheck: HealthCheck;
}

/**
 * How Ingresses reach the platform's workloads: the IngressClass, the annotations the controller
 * reads, whether a TLS Secret is named, and where the controller's traffic comes from. Declared
 * once on the `PlatformBaseline` (`ingress`); golden paths read it and hard-code no controller.
 *
 * The default is the AWS Load Balancer Controller with one ALB per environment
 * (`awsLoadBalancer`); `controller` describes any other.
 */
export class IngressRouting {
  /**
   * The AWS Load Balancer Controller (IngressClass `alb`): pods are targets by IP
   * (`target-type: ip`), the Ingresses of an environment share one ALB (`group.name`), the HTTPS
   * listener has `sslPolicy` and the HTTP listener only redirects to it, the controller finds
   * each host's certificate in ACM from the Ingress's tls hosts, invalid header fields are
   * dropped, and the target health check follows the readiness check (gRPC: the standard health
   * service, status OK). Traffic comes from the ALB's network interfaces in the environment's VPC.
   */
  public static awsLoadBalancer(options: AwsLoadBalancerRoutingOptions = {}): IngressRouting {
    const scheme = options.scheme ?? 'internet-facing';
    const sslPolicy = options.sslPolicy ?? DEFAULT_ALB_SSL_POLICY;
    const problems: string[] = [];
    if (!(['internet-facing', 'internal'] as unknown[]).includes(scheme)) {
      problems.push(`'scheme' must be 'internet-facing' or 'internal' (got ${JSON.stringify(scheme)}).`);
    }
    if (!/^ELBSecurityPolicy-TLS13-/.test(sslPolicy)) {
      problems.push(`'sslPolicy' must be an ELBSecurityPolicy-TLS13-* policy, which allows TLS 1.2 at least (got ${JSON.stringify(sslPolicy)}); the default is '${DEFAULT_ALB_SSL_POLICY}'.`);
    }
    return new IngressRouting('alb', IngressSource.environmentNetwork(), false, problems, (target) => {
      const path = target.protocol === 'grpc' ? GRPC_HEALTH_CHECK_PATH : target.readinessCheck.httpPath;
      return {
        [`${ALB}/scheme`]: scheme,
        [`${ALB}/target-type`]: 'ip',
        [`${ALB}/group.name`]: target.loadBalancerGroup,
        [`${ALB}/listen-ports`]: '[{"HTTP":80},{"HTTPS":443}]',
        [`${ALB}/ssl-redirect`]: '443',
        [`${ALB}/ssl-policy`]: sslPolicy,
        [`${ALB}/load-balancer-attributes`]: 'routing.http.drop_invalid_header_fields.enabled=true',
        ...path === undefined ? {} : { [`${ALB}/healthcheck-path`]: path },
        [`${ALB}/success-codes`]: target.protocol === 'grpc' ? '0' : '200-399',
        ...target.protocol === 'grpc' ? { [`${ALB}/backend-protocol-version`]: 'GRPC' } : {},
      };
    });
  }

  /** Another ingress controller, serving `options.className`, with its own annotations. */
  public static controller(options: IngressControllerRoutingOptions): IngressRouting {
    const problems: string[] = [];
    if (typeof options.className !== 'string' || !/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/.test(options.className)) {
      problems.push(`'className' must be the name of an IngressClass such as 'traefik' (got ${JSON.stringify(options.className)}).`);
    }
    if (!(options.source instanceof IngressSource)) {
      problems.push("'source' must be an IngressSource, such as IngressSource.namespace('traefik').");
    } else if (options.source.problem) {
      problems.push(`'source': ${options.source.problem}`);
    }
    return new IngressRouting(options.className, options.source, options.tlsSecrets ?? false, problems, (target) => ({
      ...options.annotations,
      ...target.protocol === 'grpc' ? options.grpcAnnotations : {},
    }));
  }

  /** Whether `x` is an `IngressRouting`. */
  public static isIngressRouting(x: unknown): x is IngressRouting {
    return x instanceof IngressRouting;
  }

  private constructor(
    /** The IngressClass of every Ingress. */
    public readonly className: string,
    /** Where the controller's traffic to the pods comes from, for the workloads' network policies. */
    public readonly source: IngressSource,
    /** Whether each Ingress names a TLS Secret `<workload>-tls` (false: the controller finds the certificate by tls host). */
    public readonly tlsSecrets: boolean,
    /** What is wrong with the options, if anything (checked where the routing is declared). */
    public readonly problems: readonly string[],
    private readonly annotate: (target: IngressTarget) => Record<string, string>,
  ) {}

  /** The annotations of the Ingress of `target`, sorted by key. */
  public annotationsFor(target: IngressTarget): Record<string, string> {
    const annotations = this.annotate(target);
    return Object.fromEntries(Object.keys(annotations).sort().map((key) => [key, annotations[key]]));
  }

  /** The TLS Secret the Ingress of `workload` names, or undefined when the controller finds the certificate by host. */
  public tlsSecretNameFor(workload: string): string | undefined {
    return this.tlsSecrets ? `${workload}-tls` : undefined;
  }
}

/** The annotation prefix of the AWS Load Balancer Controller. */
const ALB = 'alb.ingress.kubernetes.io';

/** The method of the standard gRPC health service, which an ALB gRPC health check calls. */
const GRPC_HEALTH_CHECK_PATH = '/grpc.health.v1.Health/Check';
