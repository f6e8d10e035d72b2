import { EksAccessEntry } from '@cdktf/provider-aws/lib/eks-access-entry';
import { EksAccessPolicyAssociation } from '@cdktf/provider-aws/lib/eks-access-policy-association';
import { EksCluster as EksClusterResource } from '@cdktf/provider-aws/lib/eks-cluster';
import { EksNodeGroup } from '@cdktf/provider-aws/lib/eks-node-group';
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { Fn, TerraformLocal, TerraformOutput, Token } from 'cdktf';
import { Construct } from 'constructs';
import { arnOf, partitionOf } from './arn';
import { problemsOf, rangeProblem } from './checks';
import { Ipv4Cidr } from './ipv4-cidr';
import { KmsKey } from './kms-key';
import { LogGroup, logRetentionProblem } from './log-group';
import { INetwork } from './network';
import { physicalName } from './physical-name';
import { factsOutput, recordedFacts } from './recorded-facts';
import { Role } from './role';
import { ExistingClusterAttributes, existingClusterProblems } from '../../src/platform/existing-infrastructure';
import { PavedValidationError } from '../../src/platform/paved-validation-error';
import { PlatformStack } from '../../src/platform/platform-stack';

/** A Kubernetes cluster that modules connect to. */
export interface IEksCluster {
  /** The cluster's name. */
  readonly clusterName: string;
  /** The security group EKS created for the cluster; the nodes are in it. */
  readonly clusterSecurityGroupId: string;
  /** The cluster's OpenID Connect issuer URL (`https://...`). */
  readonly oidcIssuerUrl: string;
  /** The issuer without `https://`: the prefix of the condition keys of IRSA trust policies. */
  readonly oidcIssuer: string;
  /** The ARN of the IAM OpenID Connect provider for the issuer (IRSA). */
  readonly oidcProviderArn: string;
}

/** The deviation id a public API endpoint is recorded under. */
export const EKS_PUBLIC_ENDPOINT_DEVIATION = 'eks-public-endpoint';

/** Kubernetes versions older than this are refused: they are out of EKS standard support. */
export const MIN_KUBERNETES_MINOR_VERSION = 31;

/** The control-plane log types; all are sent to CloudWatch Logs. */
export const EKS_CONTROL_PLANE_LOG_TYPES: readonly string[] = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'];

/** A public API endpoint: a recorded deviation from the private-only default. */
export interface EksPublicEndpoint {
  /** The IPv4 blocks that may reach the endpoint; never `0.0.0.0/0`. */
  readonly allowedCidrs: readonly string[];
  /** Why the cluster needs a public endpoint; recorded with the deviation. */
  readonly reason: string;
}

/** Options of the cluster's managed node group. */
export interface EksNodeGroupOptions {
  /**
   * EC2 instance types of the nodes.
   * @default ['m7i.large']
   */
  readonly instanceTypes?: readonly string[];
  /**
   * Fewest nodes.
   * @default - 3 in production (one per availability zone), 2 otherwise
   */
  readonly minSize?: number;
  /**
   * Most nodes.
   * @default - three times `minSize`
   */
  readonly maxSize?: number;
  /**
   * Size of each node's encrypted root volume.
   * @default 50
   */
  readonly diskSizeGiB?: number;
}

/** Props of an `EksCluster`. */
export interface EksClusterProps {
  /** The network whose private subnets hold the control plane's interfaces and the nodes. */
  readonly network: INetwork;
  /**
   * The Kubernetes version, 1.31 or newer.
   * @default '1.35'
   */
  readonly version?: string;
  /**
   * The key that envelope-encrypts Kubernetes secrets and the control-plane logs.
   * @default - a new `KmsKey` for the cluster
   */
  readonly encryptionKey?: KmsKey;
  /**
   * Opens the API endpoint to the internet from `allowedCidrs`, besides the private endpoint.
   * A deviation: it is tagged `paved:deviation` and recorded in the construct's metadata.
   * @default - none: the API endpoint is private
   */
  readonly publicEndpoint?: EksPublicEndpoint;
  /**
   * The managed node group.
   * @default - see `EksNodeGroupOptions`
   */
  readonly nodeGroup?: EksNodeGroupOptions;
  /**
   * IAM roles or users that get cluster-admin through EKS access entries.
   * @default - none besides the identity that creates the cluster (EKS's creator access entry)
   */
  readonly administratorArns?: readonly string[];
  /**
   * Days to keep control-plane logs; one of `LOG_RETENTION_DAYS`.
   * @default 365
   */
  readonly logRetentionDays?: number;
}

/**
 * An EKS cluster: a supported Kubernetes version, a private API endpoint, Kubernetes secrets
 * envelope-encrypted with a customer managed key, all control-plane logs in an encrypted log
 * group, authentication through EKS access entries only (no aws-auth ConfigMap), the IAM OIDC
 * provider for service-account roles (IRSA), and a managed node group in the private subnets
 * without SSH, with IMDSv2 required and unreachable from pods.
 *
 * It writes the Terraform output `cluster`: an
 * `ExistingClusterAttributes` object that `paved apply` records in the platform's facts file,
 * from which service stacks get the cluster with `EksCluster.fromEnvironment`.
 */
export class EksCluster extends Construct implements IEksCluster {
  /** A cluster created elsewhere, from its facts. */
  public static fromExisting(scope: Construct, id: string, attributes: ExistingClusterAttributes): IEksCluster {
    return new ExistingCluster(scope, id, attributes);
  }

  /**
   * The cluster of the environment `scope` is in, from the facts the environment adopts
   * (`existing.cluster`) or `paved apply` recorded. Before they are recorded, placeholders, and
   * the stack waits for its platform stack's output `cluster` (it is planned, never applied).
   */
  public static fromEnvironment(scope: Construct, id: string): IEksCluster {
    return EksCluster.fromExisting(scope, id, recordedFacts(scope, 'cluster'));
  }

  /** The cluster. */
  public readonly resource: EksClusterResource;
  /** The environment's `clusterName`. */
  public readonly clusterName: string;
  /** The cluster's Kubernetes version, `1.<minor>`: `props.version`, or `'1.35'`. */
  public readonly version: string;
  /** The security group EKS creates for the control plane and the nodes (a Terraform reference). */
  public readonly clusterSecurityGroupId: string;
  /** The OIDC issuer URL of the cluster, `https://oidc.eks.<region>.amazonaws.com/id/<id>` (a Terraform reference). */
  public readonly oidcIssuerUrl: string;
  /** `oidcIssuerUrl` without `https://`: the prefix of the condition keys of a web-identity trust. */
  public readonly oidcIssuer: string;
  /** The ARN of the IAM OIDC provider for the cluster's issuer, which service roles trust. */
  public readonly oidcProviderArn: string;
  /** The key that envelope-encrypts Kubernetes secrets and the control-plane logs: `props.encryptionKey`, or a new `KmsKey` child `Key`. */
  public readonly encryptionKey: KmsKey;
  /** The public endpoint, when the deviation is taken. */
  public readonly publicEndpoint?: EksPublicEndpoint;
  /** IAM roles or users given cluster-admin through access entries: `props.administratorArns`, or none. */
  public readonly administratorArns: readonly string[];
  /** The role the control plane assumes. */
  public readonly clusterRole: Role;
  /** `/aws/eks/<cluster>/cluster`, created before the cluster so that it is encrypted and expires. */
  public readonly controlPlaneLogGroup: LogGroup;
  /** The IAM OIDC provider for the cluster's issuer, with the client id `sts.amazonaws.com`. */
  public readonly oidcProvider: IamOpenidConnectProvider;
  /** The role of the nodes. */
  public readonly nodeRole: Role;
  /** The nodes' launch template: IMDSv2 only with a hop limit of 1, an encrypted root volume. */
  public readonly nodeLaunchTemplate: LaunchTemplate;
  /** The managed node group, built from `nodeGroupOptions`. */
  public readonly nodeGroup: EksNodeGroup;
  /** The node group's options with defaults applied. */
  public readonly nodeGroupOptions: Required<EksNodeGroupOptions>;
  /** One access entry per administrator. */
  public readonly administratorAccessEntries: readonly EksAccessEntry[];
  /** The `ExistingClusterAttributes` of this cluster, as a Terraform output. */
  public readonly output: TerraformOutput;

  constructor(scope: Construct, id: string, props: EksClusterProps) {
    super(scope, id);
    const environment = PlatformStack.of(this).environment;
    const partition = partitionOf(environment.region);
    this.clusterName = environment.clusterName;
    this.version = props.version ?? '1.35';
    this.publicEndpoint = props.publicEndpoint;
    this.administratorArns = props.administratorArns ?? [];
    const minSize = props.nodeGroup?.minSize ?? (environment.isProduction ? 3 : 2);
    this.nodeGroupOptions = {
      instanceTypes: props.nodeGroup?.instanceTypes ?? ['m7i.large'],
      minSize,
      maxSize: props.nodeGroup?.maxSize ?? 3 * minSize,
      diskSizeGiB: props.nodeGroup?.diskSizeGiB ?? 50,
    };
    PavedValidationError.throwIfAny(this, this.problems(props.logRetentionDays));

    this.encryptionKey = props.encryptionKey ?? new KmsKey(this, 'Key');
    this.clusterRole = new Role(this, 'ClusterRole', {
      trustStatements: [Role.trustService('eks.amazonaws.com')],
      managedPolicyNames: ['AmazonEKSClusterPolicy'],
    });
    this.encryptionKey.grant(this.clusterRole, 'SecretsEncryption', ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:ListGrants']);
    this.controlPlaneLogGroup = new LogGroup(this, 'ControlPlaneLogs', {
      logGroupName: `/aws/eks/${this.clusterName}/cluster`,
      retentionDays: props.logRetentionDays,
      encryptionKey: this.encryptionKey,
    });

    this.resource = new EksClusterResource(this, 'Resource', {
      name: this.clusterName,
      version: this.version,
      roleArn: this.clusterRole.resource.arn,
      vpcConfig: {
        subnetIds: [...props.network.privateSubnetIds],
        endpointPrivateAccess: true,
        endpointPublicAccess: this.publicEndpoint !== undefined,
        publicAccessCidrs: this.publicEndpoint ? [...this.publicEndpoint.allowedCidrs] : undefined,
      },
      encryptionConfig: { resources: ['secrets'], provider: { keyArn: this.encryptionKey.keyArn } },
      enabledClusterLogTypes: [...EKS_CONTROL_PLANE_LOG_TYPES],
      accessConfig: { authenticationMode: 'API', bootstrapClusterCreatorAdminPermissions: true },
      tags: this.publicEndpoint ? { 'paved:deviation': EKS_PUBLIC_ENDPOINT_DEVIATION } : undefined,
      dependsOn: [this.controlPlaneLogGroup.resource, ...this.clusterRole.managedPolicyAttachments],
    });
    if (this.publicEndpoint) {
      this.node.addMetadata('paved:deviation', { id: EKS_PUBLIC_ENDPOINT_DEVIATION, ...this.publicEndpoint });
    }
    this.clusterSecurityGroupId = this.resource.vpcConfig.clusterSecurityGroupId;
    this.oidcIssuerUrl = this.resource.identity.get(0).oidc.get(0).issuer;
    this.oidcIssuer = withoutScheme(this, this.oidcIssuerUrl);
    this.oidcProvider = new IamOpenidConnectProvider(this, 'OidcProvider', { url: this.oidcIssuerUrl, clientIdList: ['sts.amazonaws.com'] });
    this.oidcProviderArn = this.oidcProvider.arn;

    this.nodeRole = new Role(this, 'NodeRole', {
      trustStatements: [Role.trustService('ec2.amazonaws.com')],
      managedPolicyNames: ['AmazonEKSWorkerNodePolicy', 'AmazonEKS_CNI_Policy', 'AmazonEC2ContainerRegistryPullOnly'],
    });
    this.nodeLaunchTemplate = new LaunchTemplate(this, 'NodeLaunchTemplate', {
      name: physicalName(this, 'ec2-launch-template', 'nodes'),
      metadataOptions: { httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: 1 },
      blockDeviceMappings: [{
        deviceName: '/dev/xvda',
        ebs: { volumeSize: this.nodeGroupOptions.diskSizeGiB, volumeType: 'gp3', encrypted: 'true', deleteOnTermination: 'true' },
      }],
    });
    this.nodeGroup = new EksNodeGroup(this, 'NodeGroup', {
      clusterName: this.resource.name,
      nodeGroupName: physicalName(this, 'eks-node-group', 'nodes'),
      nodeRoleArn: this.nodeRole.resource.arn,
      subnetIds: [...props.network.privateSubnetIds],
      amiType: 'AL2023_x86_64_STANDARD',
      capacityType: 'ON_DEMAND',
      instanceTypes: [...this.nodeGroupOptions.instanceTypes],
      scalingConfig: { minSize, maxSize: this.nodeGroupOptions.maxSize, desiredSize: minSize },
      updateConfig: { maxUnavailable: 1 },
      launchTemplate: { id: this.nodeLaunchTemplate.id, version: Token.asString(this.nodeLaunchTemplate.latestVersion) },
      // The cluster autoscaler owns the desired size once the group exists.
      lifecycle: { ignoreChanges: ['scaling_config[0].desired_size'] },
      dependsOn: [...this.nodeRole.managedPolicyAttachments],
    });

    this.administratorAccessEntries = this.administratorArns.map((principalArn, i) => {
      const entry = new EksAccessEntry(this, `Administrator${i + 1}`, { clusterName: this.resource.name, principalArn, type: 'STANDARD' });
      new EksAccessPolicyAssociation(this, `Administrator${i + 1}Policy`, {
        clusterName: this.resource.name,
        principalArn: entry.principalArn,
        policyArn: `arn:${partition}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy`,
        accessScope: { type: 'cluster' },
      });
      return entry;
    });

    this.output = factsOutput(this, 'cluster', {
      clusterName: this.clusterName,
      clusterSecurityGroupId: this.clusterSecurityGroupId,
      oidcIssuerUrl: this.oidcIssuerUrl,
      oidcProviderArn: this.oidcProviderArn,
    });
  }

  private problems(logRetentionDays: number | undefined): string[] {
    const problems = problemsOf(logRetentionProblem('logRetentionDays', logRetentionDays));
    const minor = /^1\.(\d+)$/.exec(this.version);
    if (!minor || Number(minor[1]) < MIN_KUBERNETES_MINOR_VERSION) {
      problems.push(`'version' must be a Kubernetes version of EKS standard support, 1.${MIN_KUBERNETES_MINOR_VERSION} or newer, such as '1.35' (got '${this.version}').`);
    }
    if (this.publicEndpoint) {
      const { allowedCidrs, reason } = this.publicEndpoint;
      const open = allowedCidrs.filter((cidr) => Ipv4Cidr.parse(cidr)?.prefix === 0);
      const invalid = allowedCidrs.filter((cidr) => !Ipv4Cidr.parse(cidr));
      if (allowedCidrs.length === 0 || open.length > 0 || invalid.length > 0) {
        problems.push(`'publicEndpoint.allowedCidrs' must list the IPv4 blocks that may reach the API, such as '203.0.113.0/24', never 0.0.0.0/0 (got ${JSON.stringify(allowedCidrs)}); leave out 'publicEndpoint' to keep the endpoint private.`);
      }
      if (typeof reason !== 'string' || reason.trim() === '') {
        problems.push(`'publicEndpoint.reason' must say why the cluster needs a public endpoint (got ${JSON.stringify(reason)}); it is recorded with the deviation.`);
      }
    }
    const { minSize, maxSize, diskSizeGiB, instanceTypes } = this.nodeGroupOptions;
    problems.push(...problemsOf(
      rangeProblem('nodeGroup.minSize', minSize, { min: 1, max: 450, unit: 'nodes', why: 'the range EKS accepts' }),
      rangeProblem('nodeGroup.maxSize', maxSize, { min: Math.max(minSize, 1), max: 450, unit: 'nodes', why: 'at least minSize' }),
      rangeProblem('nodeGroup.diskSizeGiB', diskSizeGiB, { min: 20, max: 16_384, unit: 'GiB', why: 'enough for the node image' }),
    ));
    if (instanceTypes.length === 0) {
      problems.push("'nodeGroup.instanceTypes' must list at least one EC2 instance type, such as 'm7i.large' (got []).");
    }
    const badAdmins = this.administratorArns.filter((a) => !Token.isUnresolved(a) && !/^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/\S+$/.test(a));
    if (badAdmins.length > 0) {
      problems.push(`'administratorArns' must be ARNs of IAM roles or users, such as 'arn:aws:iam::111111111111:role/platform-admins' (got ${JSON.stringify(badAdmins)}).`);
    }
    return problems;
  }
}

/**
 * `issuerUrl` without `https://`. A Terraform reference becomes a local value, so that the
 * result can sit inside policy JSON: a function call there would carry quotes.
 */
function withoutScheme(scope: Construct, issuerUrl: string): string {
  return Token.isUnresolved(issuerUrl)
    ? new TerraformLocal(scope, 'OidcIssuer', Fn.replace(issuerUrl, 'https://', '')).asString
    : issuerUrl.replace(/^https:\/\//, '');
}

/** A cluster created elsewhere; it creates nothing but, for an issuer given as a reference, a local value. */
class ExistingCluster extends Construct implements IEksCluster {
  public readonly clusterName: string;
  public readonly clusterSecurityGroupId: string;
  public readonly oidcIssuerUrl: string;
  public readonly oidcIssuer: string;
  public readonly oidcProviderArn: string;

  constructor(scope: Construct, id: string, attributes: ExistingClusterAttributes) {
    super(scope, id);
    PavedValidationError.throwIfAny(this, existingClusterProblems(attributes, ''));
    this.clusterName = attributes.clusterName;
    this.clusterSecurityGroupId = attributes.clusterSecurityGroupId;
    this.oidcIssuerUrl = attributes.oidcIssuerUrl;
    this.oidcIssuer = withoutScheme(this, this.oidcIssuerUrl);
    this.oidcProviderArn = attributes.oidcProviderArn ?? arnOf(PlatformStack.of(this).environment, 'iam', `oidc-provider/${this.oidcIssuer}`, 'account');
  }
}
