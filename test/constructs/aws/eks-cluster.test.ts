import { EKS_PUBLIC_ENDPOINT_DEVIATION, EksCluster, KmsKey, Network } from '../../../constructs';
import { existingClusterProblems } from '../../../src';
import {
  addressOf, errorOf, onlyResource, recordedFacts, refTo, renderStack, resourceAt, resourcesOf, serviceStack, statementsOf, testPlatform,
} from '../../util';

const CLUSTER = 'platform-dev/Cluster/Resource';
const KEY = 'platform-dev/Cluster/Key/Resource';
const EXAMPLE_NETWORK = recordedFacts('dev').network!;

function platformStack(environment = 'dev') {
  return testPlatform().placement('platform', environment).stack;
}

describe('EksCluster defaults (development)', () => {
  const stack = platformStack();
  const network = new Network(stack, 'Network');
  const cluster = new EksCluster(stack, 'Cluster', { network });
  const json = renderStack(stack);
  const resource = onlyResource(json, 'aws_eks_cluster');
  const privateSubnets = [1, 2, 3].map((i) => refTo(json, 'aws_subnet', `platform-dev/Network/PrivateSubnet${i}`, 'id'));

  test('runs Kubernetes 1.35 under the environment\'s cluster name', () => {
    expect(cluster).toMatchObject({ clusterName: 'acme-dev', version: '1.35' });
    expect(resource).toMatchObject({ name: 'acme-dev', version: '1.35' });
  });

  test('has a private API endpoint only, in the private subnets', () => {
    expect(resource.vpc_config).toEqual({ subnet_ids: privateSubnets, endpoint_private_access: true, endpoint_public_access: false });
    expect(resource.tags).toBeUndefined();
    expect(cluster.publicEndpoint).toBeUndefined();
  });

  test('envelope-encrypts secrets with a key of its own, which the cluster role may use', () => {
    const keyArn = refTo(json, 'aws_kms_key', KEY, 'arn');
    expect(resource.encryption_config).toEqual({ resources: ['secrets'], provider: { key_arn: keyArn } });
    const clusterRolePolicy = resourceAt(json, 'aws_iam_role_policy', 'platform-dev/Cluster/ClusterRole/Policy');
    expect(statementsOf(clusterRolePolicy.policy)).toEqual({
      ClusterKeySecretsEncryption: {
        Sid: 'ClusterKeySecretsEncryption',
        Effect: 'Allow',
        Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:ListGrants'],
        Resource: [keyArn],
      },
    });
  });

  test('sends all five control-plane log types to an encrypted log group it creates first', () => {
    expect(resource.enabled_cluster_log_types).toEqual(['api', 'audit', 'authenticator', 'controllerManager', 'scheduler']);
    const logGroup = resourceAt(json, 'aws_cloudwatch_log_group', 'platform-dev/Cluster/ControlPlaneLogs/Resource');
    expect(logGroup).toMatchObject({ name: '/aws/eks/acme-dev/cluster', retention_in_days: 365, kms_key_id: refTo(json, 'aws_kms_key', KEY, 'arn') });
    expect(resource.depends_on).toContain(addressOf(json, 'aws_cloudwatch_log_group', 'platform-dev/Cluster/ControlPlaneLogs/Resource'));
  });

  test('authenticates with EKS access entries only, not the aws-auth ConfigMap', () => {
    expect(resource.access_config).toEqual({ authentication_mode: 'API', bootstrap_cluster_creator_admin_permissions: true });
    expect(resourcesOf(json, 'aws_eks_access_entry')).toEqual({});
    expect(cluster.administratorArns).toEqual([]);
  });

  test('runs the control plane with the EKS cluster policy only', () => {
    const role = resourceAt(json, 'aws_iam_role', 'platform-dev/Cluster/ClusterRole/Resource');
    expect(statementsOf(role.assume_role_policy).TrustService.Principal).toEqual({ Service: ['eks.amazonaws.com'] });
    expect(resource.role_arn).toBe(refTo(json, 'aws_iam_role', 'platform-dev/Cluster/ClusterRole/Resource', 'arn'));
    expect(resourceAt(json, 'aws_iam_role_policy_attachment', 'platform-dev/Cluster/ClusterRole/AmazonEKSClusterPolicy').policy_arn)
      .toBe('arn:aws:iam::aws:policy/AmazonEKSClusterPolicy');
  });

  test('has an IAM OIDC provider for service-account roles', () => {
    const issuer = refTo(json, 'aws_eks_cluster', CLUSTER, 'identity[0].oidc[0].issuer');
    expect(onlyResource(json, 'aws_iam_openid_connect_provider')).toMatchObject({ url: issuer, client_id_list: ['sts.amazonaws.com'] });
    expect(cluster.oidcProviderArn).toBeDefined();
  });

  test('has a managed node group of two to six nodes in the private subnets, without SSH', () => {
    expect(cluster.nodeGroupOptions).toEqual({ instanceTypes: ['m7i.large'], minSize: 2, maxSize: 6, diskSizeGiB: 50 });
    const nodeGroup = onlyResource(json, 'aws_eks_node_group');
    expect(nodeGroup).toMatchObject({
      cluster_name: refTo(json, 'aws_eks_cluster', CLUSTER, 'name'),
      node_group_name: 'acme-dev-platform-cluster-nodes',
      subnet_ids: privateSubnets,
      ami_type: 'AL2023_x86_64_STANDARD',
      capacity_type: 'ON_DEMAND',
      instance_types: ['m7i.large'],
      scaling_config: { min_size: 2, max_size: 6, desired_size: 2 },
      lifecycle: { ignore_changes: ['scaling_config[0].desired_size'] },
      launch_template: {
        id: refTo(json, 'aws_launch_template', 'platform-dev/Cluster/NodeLaunchTemplate', 'id'),
        version: refTo(json, 'aws_launch_template', 'platform-dev/Cluster/NodeLaunchTemplate', 'latest_version'),
      },
    });
    expect(nodeGroup.remote_access).toBeUndefined();
    const attachments = Object.values(resourcesOf(json, 'aws_iam_role_policy_attachment')).map((a: any) => a.policy_arn);
    expect(attachments).toEqual(expect.arrayContaining([
      'arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy',
      'arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy',
      'arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly',
    ]));
  });

  test('requires IMDSv2 on nodes, out of pods\' reach, with an encrypted root volume', () => {
    expect(onlyResource(json, 'aws_launch_template')).toMatchObject({
      name: 'acme-dev-platform-cluster-nodes',
      metadata_options: { http_endpoint: 'enabled', http_tokens: 'required', http_put_response_hop_limit: 1 },
      block_device_mappings: [{ device_name: '/dev/xvda', ebs: { volume_size: 50, volume_type: 'gp3', encrypted: 'true', delete_on_termination: 'true' } }],
    });
  });

  test('outputs the facts a service stack needs, to record in the environment', () => {
    expect(json.output.cluster.value).toEqual({
      clusterName: 'acme-dev',
      clusterSecurityGroupId: refTo(json, 'aws_eks_cluster', CLUSTER, 'vpc_config[0].cluster_security_group_id'),
      oidcIssuerUrl: refTo(json, 'aws_eks_cluster', CLUSTER, 'identity[0].oidc[0].issuer'),
      oidcProviderArn: refTo(json, 'aws_iam_openid_connect_provider', 'platform-dev/Cluster/OidcProvider', 'arn'),
    });
  });
});

describe('EksCluster in production', () => {
  test('has at least three nodes, one per zone', () => {
    const stack = platformStack('prod');
    new EksCluster(stack, 'Cluster', { network: Network.fromExisting(stack, 'Network', EXAMPLE_NETWORK) });
    expect(onlyResource(renderStack(stack), 'aws_eks_node_group').scaling_config).toEqual({ min_size: 3, max_size: 9, desired_size: 3 });
  });
});

describe('EksCluster props', () => {
  test('uses the version, key, node group, administrators and log retention given', () => {
    const stack = platformStack();
    new EksCluster(stack, 'Cluster', {
      network: Network.fromExisting(stack, 'Network', EXAMPLE_NETWORK),
      version: '1.34',
      encryptionKey: new KmsKey(stack, 'Shared'),
      nodeGroup: { instanceTypes: ['m7g.xlarge'], minSize: 4, maxSize: 5, diskSizeGiB: 100 },
      administratorArns: ['arn:aws:iam::111111111111:role/platform-admins'],
      logRetentionDays: 90,
    });
    const json = renderStack(stack);
    const resource = onlyResource(json, 'aws_eks_cluster');
    expect(resource.version).toBe('1.34');
    expect(resource.vpc_config.subnet_ids).toEqual(EXAMPLE_NETWORK.privateSubnetIds);
    expect(resource.encryption_config.provider.key_arn).toBe(refTo(json, 'aws_kms_key', 'platform-dev/Shared/Resource', 'arn'));
    expect(onlyResource(json, 'aws_eks_node_group')).toMatchObject({ instance_types: ['m7g.xlarge'], scaling_config: { min_size: 4, max_size: 5, desired_size: 4 } });
    expect(onlyResource(json, 'aws_launch_template').block_device_mappings[0].ebs.volume_size).toBe(100);
    expect(onlyResource(json, 'aws_cloudwatch_log_group').retention_in_days).toBe(90);
    expect(onlyResource(json, 'aws_eks_access_entry')).toMatchObject({
      cluster_name: refTo(json, 'aws_eks_cluster', 'platform-dev/Cluster/Resource', 'name'),
      principal_arn: 'arn:aws:iam::111111111111:role/platform-admins',
      type: 'STANDARD',
    });
    expect(onlyResource(json, 'aws_eks_access_policy_association')).toMatchObject({
      policy_arn: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy',
      principal_arn: refTo(json, 'aws_eks_access_entry', 'platform-dev/Cluster/Administrator1', 'principal_arn'),
      access_scope: { type: 'cluster' },
    });
  });

  test('opens a public endpoint to the given blocks only, recording the deviation in a tag and in metadata', () => {
    const stack = platformStack();
    const cluster = new EksCluster(stack, 'Cluster', {
      network: Network.fromExisting(stack, 'Network', EXAMPLE_NETWORK),
      publicEndpoint: { allowedCidrs: ['203.0.113.0/24'], reason: 'CI runners outside the VPC until the VPN lands' },
    });
    const resource = onlyResource(renderStack(stack), 'aws_eks_cluster');
    expect(resource.vpc_config).toMatchObject({ endpoint_private_access: true, endpoint_public_access: true, public_access_cidrs: ['203.0.113.0/24'] });
    expect(resource.tags).toEqual({ 'paved:deviation': EKS_PUBLIC_ENDPOINT_DEVIATION });
    expect(cluster.node.metadata.filter((m) => m.type === 'paved:deviation').map((m) => m.data)).toEqual([{
      id: 'eks-public-endpoint',
      allowedCidrs: ['203.0.113.0/24'],
      reason: 'CI runners outside the VPC until the VPN lands',
    }]);
  });

  test('fails when the public endpoint is open to the internet or has no reason', () => {
    const stack = platformStack();
    const network = Network.fromExisting(stack, 'Network', EXAMPLE_NETWORK);
    const message = errorOf(() => new EksCluster(stack, 'Cluster', { network, publicEndpoint: { allowedCidrs: ['0.0.0.0/0'], reason: ' ' } }));
    expect(message).toContain("EksCluster 'Cluster': 2 problems");
    expect(message).toContain("'publicEndpoint.allowedCidrs' must list the IPv4 blocks that may reach the API, such as '203.0.113.0/24', never 0.0.0.0/0 (got [\"0.0.0.0/0\"]); leave out 'publicEndpoint' to keep the endpoint private.");
    expect(message).toContain("'publicEndpoint.reason' must say why the cluster needs a public endpoint (got \" \"); it is recorded with the deviation.");
  });

  test('fails when the version is out of standard support and the node group is impossible', () => {
    const stack = platformStack();
    const message = errorOf(() => new EksCluster(stack, 'Cluster', {
      network: Network.fromExisting(stack, 'Network', EXAMPLE_NETWORK),
      version: '1.30',
      nodeGroup: { instanceTypes: [], minSize: 5, maxSize: 4 },
      administratorArns: ['admins'],
      logRetentionDays: 10,
    }));
    expect(message).toContain('5 problems');
    expect(message).toContain("'version' must be a Kubernetes version of EKS standard support, 1.31 or newer, such as '1.35' (got '1.30').");
    expect(message).toContain("'nodeGroup.maxSize' must be a whole number of nodes from 5 to 450, at least minSize (got 4).");
    expect(message).toContain("'nodeGroup.instanceTypes' must list at least one EC2 instance type, such as 'm7i.large' (got []).");
    expect(message).toContain("'administratorArns' must be ARNs of IAM roles or users, such as 'arn:aws:iam::111111111111:role/platform-admins' (got [\"admins\"]).");
    expect(message).toContain("'logRetentionDays' must be one of the periods CloudWatch Logs accepts");
  });
});

describe('EksCluster from recorded facts', () => {
  test('fromEnvironment gives the cluster the environment records, deriving the OIDC provider ARN', () => {
    const stack = serviceStack();
    expect({ ...EksCluster.fromEnvironment(stack, 'Cluster') }).toEqual(expect.objectContaining({
      clusterName: 'acme-dev',
      clusterSecurityGroupId: 'sg-0123456789abcdef0',
      oidcIssuerUrl: 'https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE',
      oidcIssuer: 'oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE',
      oidcProviderArn: 'arn:aws:iam::111111111111:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE',
    }));
    expect(renderStack(stack).resource).toBeUndefined();
  });

  test('fromExisting keeps an OIDC provider ARN that is given', () => {
    const arn = 'arn:aws:iam::111111111111:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/OTHER';
    const cluster = EksCluster.fromExisting(serviceStack(), 'Cluster', { ...recordedFacts('dev').cluster!, oidcProviderArn: arn });
    expect(cluster.oidcProviderArn).toBe(arn);
  });

  test('fails when the facts are malformed', () => {
    const message = errorOf(() => EksCluster.fromExisting(serviceStack(), 'Cluster', {
      clusterName: 'acme dev', clusterSecurityGroupId: 'sg-1', oidcIssuerUrl: 'oidc.eks.eu-west-1.amazonaws.com/id/X', oidcProviderArn: 'provider',
    }));
    expect(message).toContain("'clusterSecurityGroupId' must be the id of a security group, such as 'sg-0123456789abcdef0' (got \"sg-1\").");
    expect(message).toContain("'clusterName' must be an EKS cluster name: 1-100 letters, digits, hyphens and underscores (got \"acme dev\").");
    expect(message).toContain("'oidcIssuerUrl' must be the cluster's OIDC issuer URL");
    expect(message).toContain("'oidcProviderArn' must be an IAM OIDC provider ARN");
  });

  test('before the cluster is recorded, gives its name and placeholder ids that pass the checks, and marks the stack as waiting for it', () => {
    const platform = testPlatform();
    platform.declareComponent({ name: 'checkout', team: 'payments' });
    const stack = platform.placement('checkout', 'dev').stack;
    const cluster = EksCluster.fromEnvironment(stack, 'Cluster');
    const facts = {
      clusterName: cluster.clusterName,
      clusterSecurityGroupId: cluster.clusterSecurityGroupId,
      oidcIssuerUrl: cluster.oidcIssuerUrl,
      oidcProviderArn: cluster.oidcProviderArn,
    };
    expect(facts).toEqual({
      clusterName: 'acme-dev',
      clusterSecurityGroupId: 'sg-00000000000000000',
      oidcIssuerUrl: 'https://oidc.eks.eu-west-1.amazonaws.com/id/00000000000000000000000000000000',
      oidcProviderArn: 'arn:aws:iam::111111111111:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/00000000000000000000000000000000',
    });
    expect(existingClusterProblems(facts, '')).toEqual([]);
    expect(stack.waitsFor).toEqual([{ stack: 'platform-dev', output: 'cluster' }]);
  });
});
