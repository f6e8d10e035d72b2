/**
 * An AWS endpoint a workload talks to, as the network address and port a NetworkPolicy allows.
 * NetworkPolicies match IP blocks, so an endpoint is the CIDR its addresses come from.
 */
export class AwsEndpoint {
  /**
   * Interface VPC endpoints of a service (`sqs`, `secretsmanager`, `sts`...), HTTPS on port 443,
   * in the subnets of `cidr`.
   */
  public static interfaceEndpoint(service: string, cidr: string): AwsEndpoint {
    return new AwsEndpoint(service, cidr, 443, []);
  }

  /**
   * A database (RDS, Aurora) in the subnets of `cidr`.
   * @param port @default 5432 (PostgreSQL)
   */
  public static database(cidr: string, port = 5432): AwsEndpoint {
    return new AwsEndpoint('database', cidr, port, []);
  }

  /**
   * Public AWS endpoints over HTTPS (S3 through a gateway endpoint, services without an interface
   * endpoint): any address on port 443 except private ranges and link-local (instance metadata).
   */
  public static publicHttps(service: string): AwsEndpoint {
    return new AwsEndpoint(service, '0.0.0.0/0', 443, ['10.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.168.0.0/16']);
  }

  private constructor(
    /** The AWS service, for readers of the policy. */
    public readonly service: string,
    /** The IPv4 block the endpoint's addresses are in. */
    public readonly cidr: string,
    /** The TCP port. */
    public readonly port: number,
    /** Blocks inside `cidr` that are not allowed. */
    public readonly except: readonly string[],
  ) {}

  /** What is wrong with the endpoint, if anything. */
  public get problem(): string | undefined {
    const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(this.cidr);
    if (!match || match.slice(1, 5).some((octet) => Number(octet) > 255) || Number(match[5]) > 32) {
      return `the ${this.service} endpoint's CIDR must be an IPv4 block such as '10.0.0.0/16' (got '${this.cidr}').`;
    }
    if (!Number.isInteger(this.port) || this.port < 1 || this.port > 65535) {
      return `the ${this.service} endpoint's port must be 1-65535 (got ${this.port}).`;
    }
    return undefined;
  }
}
