import { IConstruct } from 'constructs';
import { DEFAULT_NETWORK_CIDR } from '../../src/platform/existing-infrastructure';
import { PlatformChart } from '../../src/platform/platform-chart';

/**
 * Where an ingress controller's traffic to the pods comes from, as a network policy admits it:
 * the controller's pods in a namespace (a controller that proxies in the cluster), or addresses
 * in an IP block (a load balancer outside the cluster that sends to pod IPs, such as an ALB with
 * target type `ip`, whose network interfaces are in the VPC).
 */
export class IngressSource {
  /** The pods of the namespace `name`, where an in-cluster controller (Traefik, Envoy Gateway...) runs. */
  public static namespace(name: string): IngressSource {
    return new IngressSource(name, undefined);
  }

  /** The addresses of the IPv4 block `cidr`. */
  public static ipBlock(cidr: string): IngressSource {
    return new IngressSource(undefined, cidr);
  }

  /**
   * The VPC of the environment the policy is for: its recorded `existing.network.cidr` (that of
   * the environment an ephemeral one came from), else the `Network` default `10.0.0.0/16`.
   */
  public static environmentNetwork(): IngressSource {
    return new IngressSource(undefined, undefined);
  }

  private constructor(
    /** The namespace of the controller's pods, when the traffic comes from pods. */
    public readonly namespace: string | undefined,
    /** The IPv4 block, when given; neither this nor `namespace` means the environment's VPC. */
    public readonly cidr: string | undefined,
  ) {}

  /** What is wrong with the source, if anything. */
  public get problem(): string | undefined {
    if (this.namespace !== undefined && !/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(this.namespace)) {
      return `the ingress controller's namespace must be a Kubernetes name such as 'traefik' (got '${this.namespace}').`;
    }
    const match = this.cidr === undefined ? undefined : /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(this.cidr);
    if (this.cidr !== undefined && (!match || match.slice(1, 5).some((octet) => Number(octet) > 255) || Number(match[5]) > 32)) {
      return `the ingress source's CIDR must be an IPv4 block such as '10.0.0.0/16' (got '${this.cidr}').`;
    }
    if (this.cidr === '0.0.0.0/0') {
      return "the ingress source must not be every address ('0.0.0.0/0'): name the load balancer's network.";
    }
    return undefined;
  }

  /**
   * The IPv4 block the traffic comes from, for a policy in `scope`'s chart; undefined when it
   * comes from the pods of `namespace`.
   */
  public cidrIn(scope: IConstruct): string | undefined {
    return this.namespace !== undefined ? undefined : this.cidr ?? environmentNetworkCidr(scope);
  }
}

/** The VPC CIDR of the environment of `scope`'s chart. */
function environmentNetworkCidr(scope: IConstruct): string {
  const chart = PlatformChart.of(scope);
  const environment = chart.environment?.ephemeral ? chart.platform.environment(chart.environment.ephemeral.from) : chart.environment;
  return environment?.facts.network?.cidr ?? DEFAULT_NETWORK_CIDR;
}
