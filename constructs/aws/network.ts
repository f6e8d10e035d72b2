import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { arnOf } from './arn';
import { problemsOf } from './checks';
import { Ipv4Cidr } from './ipv4-cidr';
import { KmsKey } from './kms-key';
import { LogGroup, logRetentionProblem } from './log-group';
import { factsOutput, recordedFacts } from './recorded-facts';
import { Role } from './role';
import { DEFAULT_NETWORK_CIDR, ExistingNetworkAttributes, existingNetworkProblems } from '../../src/platform/existing-infrastructure';
import { PavedValidationError } from '../../src/platform/paved-validation-error';
import { PlatformStack } from '../../src/platform/platform-stack';

/** A network that modules place resources in. */
export interface INetwork {
  /** The VPC id. */
  readonly vpcId: string;
  /** The private subnets, one per availability zone. */
  readonly privateSubnetIds: readonly string[];
  /** The VPC's IPv4 CIDR. */
  readonly cidr: string;
}

/** Props of a `Network`. */
export interface NetworkProps {
  /**
   * The VPC's IPv4 block, /16 to /20. Each private subnet gets an eighth of it, the public
   * subnets share the last eighth.
   * @default '10.0.0.0/16'
   */
  readonly cidr?: string;
  /**
   * The availability zones, 2 to 6, in the environment's region.
   * @default - `<region>a`, `<region>b` and `<region>c`
   */
  readonly availabilityZones?: readonly string[];
  /**
   * Whether each availability zone gets its own NAT gateway (otherwise one serves all).
   * @default - the environment's `multiAz`: true in production only
   */
  readonly natGatewayPerAz?: boolean;
  /**
   * Days to keep VPC flow logs; one of `LOG_RETENTION_DAYS`.
   * @default 365
   */
  readonly flowLogRetentionDays?: number;
  /**
   * The key that encrypts the flow logs.
   * @default - a new `KmsKey` for the flow logs
   */
  readonly encryptionKey?: KmsKey;
}

/**
 * A VPC over several availability zones with private subnets (for nodes and databases) and
 * public subnets (for NAT gateways and load balancers), no public IPs on launch anywhere, NAT
 * for egress from private subnets, the default security group stripped of all rules, and flow
 * logs of all traffic to an encrypted log group.
 *
 * It writes the Terraform output `network`: an
 * `ExistingNetworkAttributes` object that `paved apply` records in the platform's facts file,
 * from which service stacks get the network with `Network.fromEnvironment`.
 */
export class Network extends Construct implements INetwork {
  /** A network created elsewhere, from its ids. */
  public static fromExisting(scope: Construct, id: string, attributes: ExistingNetworkAttributes): INetwork {
    return new ExistingNetwork(scope, id, attributes);
  }

  /**
   * The network of the environment `scope` is in, from the facts the environment adopts
   * (`existing.network`) or `paved apply` recorded. Before they are recorded, placeholders, and
   * the stack waits for its platform stack's output `network` (it is planned, never applied).
   */
  public static fromEnvironment(scope: Construct, id: string): INetwork {
    return Network.fromExisting(scope, id, recordedFacts(scope, 'network'));
  }

  /** The VPC. */
  public readonly resource: Vpc;
  /** The VPC's id (a Terraform reference). */
  public readonly vpcId: string;
  /** The VPC's IPv4 block: `props.cidr`, or `'10.0.0.0/16'`. */
  public readonly cidr: string;
  /** The availability zones of the subnets: `props.availabilityZones`, or `<region>a`, `<region>b` and `<region>c`. */
  public readonly availabilityZones: readonly string[];
  /** Whether each availability zone has its own NAT gateway: `props.natGatewayPerAz`, or the environment's `multiAz`. */
  public readonly natGatewayPerAz: boolean;
  /** Private subnets, in the order of `availabilityZones`. */
  public readonly privateSubnets: readonly Subnet[];
  /** Public subnets, in the order of `availabilityZones`. */
  public readonly publicSubnets: readonly Subnet[];
  /** The ids of `privateSubnets`, in the order of `availabilityZones` (Terraform references). */
  public readonly privateSubnetIds: readonly string[];
  /** The ids of `publicSubnets`, in the order of `availabilityZones` (Terraform references). */
  public readonly publicSubnetIds: readonly string[];
  /** The internet gateway of the public subnets. */
  public readonly internetGateway: InternetGateway;
  /** One NAT gateway per availability zone, or one in the first. */
  public readonly natGateways: readonly NatGateway[];
  /** The NAT gateways' addresses. */
  public readonly natAddresses: readonly Eip[];
  /** The route table of the public subnets, with the default route to `internetGateway`. */
  public readonly publicRouteTable: RouteTable;
  /** One route table per private subnet. */
  public readonly privateRouteTables: readonly RouteTable[];
  /** The VPC's default security group, managed so that it has no rules. */
  public readonly defaultSecurityGroup: DefaultSecurityGroup;
  /**
   * The log group of the VPC Flow Logs, kept `props.flowLogRetentionDays` and encrypted with `props.encryptionKey` (the
   * `LogGroup` defaults otherwise).
   */
  public readonly flowLogGroup: LogGroup;
  /** The role VPC Flow Logs assumes to write to the log group. */
  public readonly flowLogRole: Role;
  /** The VPC Flow Log of all traffic, into `flowLogGroup`. */
  public readonly flowLog: FlowLog;
  /** The `ExistingNetworkAttributes` of this network, as a Terraform output. */
  public readonly output: TerraformOutput;

  constructor(scope: Construct, id: string, props: NetworkProps = {}) {
    super(scope, id);
    const environment = PlatformStack.of(this).environment;
    this.cidr = props.cidr ?? DEFAULT_NETWORK_CIDR;
    this.availabilityZones = props.availabilityZones ?? ['a', 'b', 'c'].map((zone) => `${environment.region}${zone}`);
    this.natGatewayPerAz = props.natGatewayPerAz ?? environment.multiAz;
    const block = Ipv4Cidr.parse(this.cidr);
    const problems: string[] = [];
    if (!block || block.prefix < 16 || block.prefix > 20) {
      problems.push(`'cidr' must be an IPv4 block from /16 to /20 with its host bits zero, such as '10.0.0.0/16' (got '${this.cidr}').`);
    }
    const zones = this.availabilityZones;
    if (zones.length < 2 || zones.length > 6 || new Set(zones).size !== zones.length || zones.some((zone) => !zone.startsWith(environment.region))) {
      problems.push(`'availabilityZones' must be 2 to 6 different zones of the environment's region ${environment.region}, such as '${environment.region}a' (got ${JSON.stringify(zones)}).`);
    }
    problems.push(...problemsOf(logRetentionProblem('flowLogRetentionDays', props.flowLogRetentionDays)));
    PavedValidationError.throwIfAny(this, problems);
    const vpcBlock = block as Ipv4Cidr;

    this.resource = new Vpc(this, 'Resource', { cidrBlock: this.cidr, enableDnsHostnames: true, enableDnsSupport: true });
    this.vpcId = this.resource.id;
    this.defaultSecurityGroup = new DefaultSecurityGroup(this, 'DefaultSecurityGroup', { vpcId: this.vpcId, ingress: [], egress: [] });
    this.internetGateway = new InternetGateway(this, 'InternetGateway', { vpcId: this.vpcId });

    // Private subnets take the first eighths of the block; public ones share the last eighth.
    const subnet = (tier: 'Private' | 'Public', zone: string, index: number) => new Subnet(this, `${tier}Subnet${index + 1}`, {
      vpcId: this.vpcId,
      availabilityZone: zone,
      cidrBlock: tier === 'Private' ? vpcBlock.subnet(3, index) : vpcBlock.subnet(6, 56 + index),
      mapPublicIpOnLaunch: false,
      tags: tier === 'Private' ? { 'kubernetes.io/role/internal-elb': '1' } : { 'kubernetes.io/role/elb': '1' },
    });
    this.privateSubnets = zones.map((zone, i) => subnet('Private', zone, i));
    this.publicSubnets = zones.map((zone, i) => subnet('Public', zone, i));
    this.privateSubnetIds = this.privateSubnets.map((s) => s.id);
    this.publicSubnetIds = this.publicSubnets.map((s) => s.id);

    this.publicRouteTable = new RouteTable(this, 'PublicRouteTable', { vpcId: this.vpcId });
    new Route(this, 'PublicDefaultRoute', { routeTableId: this.publicRouteTable.id, destinationCidrBlock: '0.0.0.0/0', gatewayId: this.internetGateway.id });
    this.publicSubnets.forEach((s, i) => new RouteTableAssociation(this, `PublicSubnet${i + 1}RouteTable`, { subnetId: s.id, routeTableId: this.publicRouteTable.id }));

    const natZones = this.natGatewayPerAz ? zones : zones.slice(0, 1);
    this.natAddresses = natZones.map((_, i) => new Eip(this, `NatAddress${i + 1}`, { domain: 'vpc', dependsOn: [this.internetGateway] }));
    this.natGateways = natZones.map((_, i) => new NatGateway(this, `NatGateway${i + 1}`, {
      allocationId: this.natAddresses[i].allocationId,
      subnetId: this.publicSubnets[i].id,
      dependsOn: [this.internetGateway],
    }));
    this.privateRouteTables = this.privateSubnets.map((s, i) => {
      const table = new RouteTable(this, `PrivateRouteTable${i + 1}`, { vpcId: this.vpcId });
      new Route(this, `PrivateDefaultRoute${i + 1}`, {
        routeTableId: table.id,
        destinationCidrBlock: '0.0.0.0/0',
        natGatewayId: this.natGateways[this.natGatewayPerAz ? i : 0].id,
      });
      new RouteTableAssociation(this, `PrivateSubnet${i + 1}RouteTable`, { subnetId: s.id, routeTableId: table.id });
      return table;
    });

    this.flowLogGroup = new LogGroup(this, 'FlowLogs', { retentionDays: props.flowLogRetentionDays, encryptionKey: props.encryptionKey });
    this.flowLogRole = new Role(this, 'FlowLogRole', {
      trustStatements: [Role.trustService('vpc-flow-logs.amazonaws.com', {
        StringEquals: { 'aws:SourceAccount': environment.account },
        ArnLike: { 'aws:SourceArn': arnOf(environment, 'ec2', 'vpc-flow-log/*') },
      })],
    });
    this.flowLogGroup.grantWrite(this.flowLogRole);
    this.flowLog = new FlowLog(this, 'FlowLog', {
      vpcId: this.vpcId,
      trafficType: 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logDestination: this.flowLogGroup.resource.arn,
      iamRoleArn: this.flowLogRole.resource.arn,
    });

    this.output = factsOutput(this, 'network', { vpcId: this.vpcId, privateSubnetIds: this.privateSubnetIds, cidr: this.cidr });
  }
}

/** A network created elsewhere; it creates nothing. */
class ExistingNetwork extends Construct implements INetwork {
  public readonly vpcId: string;
  public readonly privateSubnetIds: readonly string[];
  public readonly cidr: string;

  constructor(scope: Construct, id: string, attributes: ExistingNetworkAttributes) {
    super(scope, id);
    PavedValidationError.throwIfAny(this, existingNetworkProblems(attributes, ''));
    this.vpcId = attributes.vpcId;
    this.privateSubnetIds = attributes.privateSubnetIds;
    this.cidr = attributes.cidr ?? DEFAULT_NETWORK_CIDR;
  }
}
