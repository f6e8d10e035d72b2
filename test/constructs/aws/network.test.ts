import { KmsKey, Network } from '../../../constructs';
import { existingNetworkProblems } from '../../../src';
import {
  errorOf, onlyResource, recordedFacts, refTo, renderStack, resourceAt, resourcesOf, serviceStack, statementsOf, testPlatform,
} from '../../util';

const VPC = 'platform-dev/Network/Resource';

function platformStack(environment = 'dev') {
  return testPlatform().placement('platform', environment).stack;
}

describe('Network defaults (development)', () => {
  const stack = platformStack();
  const network = new Network(stack, 'Network');
  const json = renderStack(stack);
  const vpcId = refTo(json, 'aws_vpc', VPC, 'id');
  const subnets = Object.values(resourcesOf(json, 'aws_subnet')) as any[];

  test('is a 10.0.0.0/16 VPC with DNS', () => {
    expect(network.cidr).toBe('10.0.0.0/16');
    expect(onlyResource(json, 'aws_vpc')).toMatchObject({ cidr_block: '10.0.0.0/16', enable_dns_hostnames: true, enable_dns_support: true });
  });

  test('has a private and a public subnet in each of three zones, none giving public IPs on launch', () => {
    expect(network.availabilityZones).toEqual(['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
    expect(subnets.map((s) => [s.availability_zone, s.cidr_block, s.map_public_ip_on_launch, s.tags])).toEqual([
      ['eu-west-1a', '10.0.0.0/19', false, { 'kubernetes.io/role/internal-elb': '1' }],
      ['eu-west-1b', '10.0.32.0/19', false, { 'kubernetes.io/role/internal-elb': '1' }],
      ['eu-west-1c', '10.0.64.0/19', false, { 'kubernetes.io/role/internal-elb': '1' }],
      ['eu-west-1a', '10.0.224.0/22', false, { 'kubernetes.io/role/elb': '1' }],
      ['eu-west-1b', '10.0.228.0/22', false, { 'kubernetes.io/role/elb': '1' }],
      ['eu-west-1c', '10.0.232.0/22', false, { 'kubernetes.io/role/elb': '1' }],
    ]);
    expect(subnets.every((s) => s.vpc_id === vpcId)).toBe(true);
  });

  test('routes public subnets to the internet gateway and private ones through one NAT gateway', () => {
    expect(network.natGatewayPerAz).toBe(false);
    const nat = onlyResource(json, 'aws_nat_gateway');
    expect(nat.subnet_id).toBe(refTo(json, 'aws_subnet', 'platform-dev/Network/PublicSubnet1', 'id'));
    expect(onlyResource(json, 'aws_eip')).toMatchObject({ domain: 'vpc' });
    const routes = Object.values(resourcesOf(json, 'aws_route')) as any[];
    const natId = refTo(json, 'aws_nat_gateway', 'platform-dev/Network/NatGateway1', 'id');
    expect(routes.filter((r) => r.nat_gateway_id === natId)).toHaveLength(3);
    expect(routes.filter((r) => r.gateway_id === refTo(json, 'aws_internet_gateway', 'platform-dev/Network/InternetGateway', 'id'))).toHaveLength(1);
    expect(routes.every((r) => r.destination_cidr_block === '0.0.0.0/0')).toBe(true);
    expect(Object.keys(resourcesOf(json, 'aws_route_table_association'))).toHaveLength(6);
  });

  test('manages the default security group with no rules', () => {
    expect(onlyResource(json, 'aws_default_security_group')).toMatchObject({ vpc_id: vpcId, ingress: [], egress: [] });
  });

  test('logs all traffic to a log group encrypted with its own key and kept 365 days', () => {
    const logGroup = onlyResource(json, 'aws_cloudwatch_log_group');
    expect(logGroup).toMatchObject({
      name: 'acme-dev-platform-network-flow-logs',
      retention_in_days: 365,
      kms_key_id: refTo(json, 'aws_kms_key', 'platform-dev/Network/FlowLogs/Key/Resource', 'arn'),
    });
    expect(onlyResource(json, 'aws_flow_log')).toMatchObject({
      vpc_id: vpcId,
      traffic_type: 'ALL',
      log_destination_type: 'cloud-watch-logs',
      log_destination: refTo(json, 'aws_cloudwatch_log_group', 'platform-dev/Network/FlowLogs/Resource', 'arn'),
      iam_role_arn: refTo(json, 'aws_iam_role', 'platform-dev/Network/FlowLogRole/Resource', 'arn'),
    });
    const keyPolicy = statementsOf(onlyResource(json, 'aws_kms_key').policy);
    expect(keyPolicy.NetworkFlowLogsLogGroup.Condition).toEqual({
      ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': 'arn:aws:logs:eu-west-1:111111111111:log-group:acme-dev-platform-network-flow-logs' },
    });
  });

  test('lets only VPC Flow Logs of the account write, to that log group only', () => {
    const role = resourceAt(json, 'aws_iam_role', 'platform-dev/Network/FlowLogRole/Resource');
    expect(statementsOf(role.assume_role_policy).TrustService).toEqual({
      Sid: 'TrustService',
      Effect: 'Allow',
      Principal: { Service: ['vpc-flow-logs.amazonaws.com'] },
      Action: ['sts:AssumeRole'],
      Condition: {
        ArnLike: { 'aws:SourceArn': 'arn:aws:ec2:eu-west-1:111111111111:vpc-flow-log/*' },
        StringEquals: { 'aws:SourceAccount': '111111111111' },
      },
    });
    const logGroupArn = 'arn:aws:logs:eu-west-1:111111111111:log-group:acme-dev-platform-network-flow-logs';
    expect(statementsOf(onlyResource(json, 'aws_iam_role_policy').policy)).toEqual({
      NetworkFlowLogsWrite: {
        Sid: 'NetworkFlowLogsWrite',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
        Resource: [logGroupArn, `${logGroupArn}:*`],
      },
    });
  });

  test('outputs the facts a service stack needs, to record in the environment', () => {
    expect(json.output.network).toEqual({
      description: "Recorded by 'paved apply' in the platform's facts file, for the environment's other stacks.",
      value: {
        vpcId,
        privateSubnetIds: [1, 2, 3].map((i) => refTo(json, 'aws_subnet', `platform-dev/Network/PrivateSubnet${i}`, 'id')),
        cidr: '10.0.0.0/16',
      },
    });
  });
});

describe('Network in production', () => {
  test('has a NAT gateway per zone, each private subnet routed through its own', () => {
    const stack = platformStack('prod');
    expect(new Network(stack, 'Network').natGatewayPerAz).toBe(true);
    const json = renderStack(stack);
    expect(Object.keys(resourcesOf(json, 'aws_nat_gateway'))).toHaveLength(3);
    for (const i of [1, 2, 3]) {
      expect(resourceAt(json, 'aws_nat_gateway', `platform-prod/Network/NatGateway${i}`).subnet_id).toBe(refTo(json, 'aws_subnet', `platform-prod/Network/PublicSubnet${i}`, 'id'));
      expect(resourceAt(json, 'aws_route', `platform-prod/Network/PrivateDefaultRoute${i}`).nat_gateway_id).toBe(refTo(json, 'aws_nat_gateway', `platform-prod/Network/NatGateway${i}`, 'id'));
    }
  });
});

describe('Network props', () => {
  test('uses the block, zones, NAT choice, retention and key given', () => {
    const stack = platformStack('prod');
    const key = new KmsKey(stack, 'Logs');
    new Network(stack, 'Network', {
      cidr: '172.16.0.0/20',
      availabilityZones: ['eu-west-1b', 'eu-west-1c'],
      natGatewayPerAz: false,
      flowLogRetentionDays: 90,
      encryptionKey: key,
    });
    const json = renderStack(stack);
    expect((Object.values(resourcesOf(json, 'aws_subnet')) as any[]).map((s) => `${s.availability_zone} ${s.cidr_block}`)).toEqual([
      'eu-west-1b 172.16.0.0/23', 'eu-west-1c 172.16.2.0/23', 'eu-west-1b 172.16.14.0/26', 'eu-west-1c 172.16.14.64/26',
    ]);
    expect(Object.keys(resourcesOf(json, 'aws_nat_gateway'))).toHaveLength(1);
    expect(onlyResource(json, 'aws_cloudwatch_log_group')).toMatchObject({ retention_in_days: 90, kms_key_id: refTo(json, 'aws_kms_key', 'platform-prod/Logs/Resource', 'arn') });
  });

  test('fails when the block and zones are unusable, naming both', () => {
    const message = errorOf(() => new Network(platformStack(), 'Network', { cidr: '10.0.0.1/16', availabilityZones: ['eu-west-1a', 'us-east-1a'] }));
    expect(message).toContain("Network 'Network': 2 problems");
    expect(message).toContain("'cidr' must be an IPv4 block from /16 to /20 with its host bits zero, such as '10.0.0.0/16' (got '10.0.0.1/16').");
    expect(message).toContain('\'availabilityZones\' must be 2 to 6 different zones of the environment\'s region eu-west-1, such as \'eu-west-1a\' (got ["eu-west-1a","us-east-1a"]).');
  });

  test('fails when the stack already has a network whose facts it outputs', () => {
    const stack = platformStack();
    new Network(stack, 'Network');
    expect(errorOf(() => new Network(stack, 'Other', { cidr: '10.1.0.0/16' }))).toBe(
      "Network 'Other': stack 'platform-dev' already has the 'network' output of another Network; a platform stack holds one, whose facts service stacks use.",
    );
  });

  test('fails when the flow log retention is not one CloudWatch Logs accepts', () => {
    expect(errorOf(() => new Network(platformStack(), 'Network', { flowLogRetentionDays: 100 }))).toBe(
      "Network 'Network': 'flowLogRetentionDays' must be one of the periods CloudWatch Logs accepts: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 (got 100).",
    );
  });
});

describe('Network from recorded facts', () => {
  test('fromEnvironment gives the network the environment records, creating nothing', () => {
    const stack = serviceStack();
    const network = Network.fromEnvironment(stack, 'Network');
    expect(network).toEqual(expect.objectContaining(recordedFacts('dev').network));
    expect(renderStack(stack).resource).toBeUndefined();
  });

  test('fromExisting gives a network from its ids', () => {
    const stack = serviceStack();
    const network = Network.fromExisting(stack, 'Network', { vpcId: 'vpc-0fedcba9876543210', privateSubnetIds: ['subnet-01234567', 'subnet-89abcdef'] });
    expect(network.vpcId).toBe('vpc-0fedcba9876543210');
    expect(network.privateSubnetIds).toEqual(['subnet-01234567', 'subnet-89abcdef']);
  });

  test('fails when the ids are not ids', () => {
    const message = errorOf(() => Network.fromExisting(serviceStack(), 'Network', { vpcId: 'main', privateSubnetIds: ['subnet-01234567'] }));
    expect(message).toContain("'vpcId' must be the id of a VPC, such as 'vpc-0123456789abcdef0' (got \"main\").");
    expect(message).toContain('\'privateSubnetIds\' must list at least two subnets in different availability zones (got ["subnet-01234567"]).');
  });

  test('before the network is recorded, gives placeholders that pass the id checks and marks the stack as waiting for it', () => {
    const platform = testPlatform();
    platform.declareComponent({ name: 'checkout', team: 'payments' });
    const stack = platform.placement('checkout', 'staging').stack;
    const network = Network.fromEnvironment(stack, 'Network');
    expect(network.vpcId).toBe('vpc-00000000000000000');
    expect(network.privateSubnetIds).toEqual(['subnet-00000000000000000', 'subnet-00000000000000001']);
    expect(network.cidr).toBe('10.0.0.0/16');
    expect(existingNetworkProblems({ vpcId: network.vpcId, privateSubnetIds: network.privateSubnetIds }, '')).toEqual([]);
    expect(stack.waitsFor).toEqual([{ stack: 'platform-staging', output: 'network' }]);
  });

  test('a stack that reads a recorded network waits for nothing', () => {
    const stack = serviceStack();
    Network.fromEnvironment(stack, 'Network');
    expect(stack.waitsFor).toEqual([]);
  });
});
