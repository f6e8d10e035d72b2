import { Token } from 'cdktf';

/** Facts about a VPC that stacks other than its own use, as literal values. */
export interface ExistingNetworkAttributes {
  /** The VPC id: `vpc-...`. */
  readonly vpcId: string;
  /** The private subnets (`subnet-...`), at least two, in different availability zones. */
  readonly privateSubnetIds: readonly string[];
  /**
   * The VPC's IPv4 CIDR, for network policies that admit traffic to the VPC (databases).
   * @default '10.0.0.0/16' (the `Network` construct's default)
   */
  readonly cidr?: string;
}

/** The CIDR of a network whose facts do not say, as the `Network` construct creates it by default. */
export const DEFAULT_NETWORK_CIDR = '10.0.0.0/16';

/** Facts about an EKS cluster that stacks other than its own use, as literal values. */
export interface ExistingClusterAttributes {
  /** The cluster's name. */
  readonly clusterName: string;
  /** The security group EKS created for the cluster (`sg-...`); the nodes are in it. */
  readonly clusterSecurityGroupId: string;
  /** The cluster's OpenID Connect issuer: `https://oidc.eks.<region>.amazonaws.com/id/<id>`. */
  readonly oidcIssuerUrl: string;
  /**
   * The ARN of the IAM OpenID Connect provider for the issuer.
   * @default - `arn:<partition>:iam::<account>:oidc-provider/<issuer without https://>`
   */
  readonly oidcProviderArn?: string;
}

/**
 * Infrastructure of an environment that its service stacks use but do not manage, as facts:
 * in an environment's `existing`, the infrastructure the platform adopts; in the platform's
 * facts file (`RecordedFacts`), what `paved apply` recorded from the platform stack's outputs
 * `network` and `cluster`. Service stacks read these values at synth, so they plan without any
 * other stack's state.
 */
export interface ExistingInfrastructure {
  /**
   * The environment's network.
   * @default - none: a service stack that needs the network reads the recorded one, or waits for it
   */
  readonly network?: ExistingNetworkAttributes;
  /**
   * The environment's Kubernetes cluster.
   * @default - none: a service stack that needs the cluster reads the recorded one, or waits for it
   */
  readonly cluster?: ExistingClusterAttributes;
}

const AWS_ID = (prefix: string) => new RegExp(`^${prefix}-[0-9a-f]{8}([0-9a-f]{9})?$`);

/**
 * What is wrong with recorded network facts.
 * @param prefix the prop path of `attributes`, ending in a dot (`existing.network.`), or ''
 */
export function existingNetworkProblems(attributes: ExistingNetworkAttributes, prefix: string): string[] {
  const problems = idProblems(`${prefix}vpcId`, attributes.vpcId, 'vpc', 'a VPC');
  if (attributes.cidr !== undefined && !Token.isUnresolved(attributes.cidr) && !/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(attributes.cidr)) {
    problems.push(`'${prefix}cidr' must be an IPv4 CIDR such as '10.0.0.0/16' (got ${JSON.stringify(attributes.cidr)}).`);
  }
  const subnets = attributes.privateSubnetIds;
  if (Token.isUnresolved(subnets)) {
    return problems;
  }
  if (!Array.isArray(subnets) || subnets.length < 2) {
    problems.push(`'${prefix}privateSubnetIds' must list at least two subnets in different availability zones (got ${JSON.stringify(subnets)}).`);
  } else {
    subnets.forEach((id, i) => problems.push(...idProblems(`${prefix}privateSubnetIds[${i}]`, id, 'subnet', 'a subnet')));
  }
  return problems;
}

/**
 * What is wrong with recorded cluster facts.
 * @param prefix the prop path of `attributes`, ending in a dot (`existing.cluster.`), or ''
 */
export function existingClusterProblems(attributes: ExistingClusterAttributes, prefix: string): string[] {
  const problems = idProblems(`${prefix}clusterSecurityGroupId`, attributes.clusterSecurityGroupId, 'sg', 'a security group');
  if (typeof attributes.clusterName !== 'string' || !/^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/.test(attributes.clusterName)) {
    problems.push(`'${prefix}clusterName' must be an EKS cluster name: 1-100 letters, digits, hyphens and underscores (got ${JSON.stringify(attributes.clusterName)}).`);
  }
  const issuer = attributes.oidcIssuerUrl;
  if (!Token.isUnresolved(issuer) && (typeof issuer !== 'string' || !/^https:\/\/[^\s/]+\/\S+$/.test(issuer))) {
    problems.push(`'${prefix}oidcIssuerUrl' must be the cluster's OIDC issuer URL, such as 'https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE' (got ${JSON.stringify(issuer)}); it is 'identity.oidc.issuer' in 'aws eks describe-cluster'.`);
  }
  const provider = attributes.oidcProviderArn;
  if (provider !== undefined && !Token.isUnresolved(provider) && !/^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/\S+$/.test(provider)) {
    problems.push(`'${prefix}oidcProviderArn' must be an IAM OIDC provider ARN such as 'arn:aws:iam::111111111111:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE' (got ${JSON.stringify(provider)}), or be left out to derive it from the issuer.`);
  }
  return problems;
}

function idProblems(prop: string, value: unknown, prefix: string, what: string): string[] {
  if (Token.isUnresolved(value) || (typeof value === 'string' && AWS_ID(prefix).test(value))) {
    return [];
  }
  return [`'${prop}' must be the id of ${what}, such as '${prefix}-0123456789abcdef0' (got ${JSON.stringify(value)}).`];
}
