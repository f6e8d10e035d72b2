import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { Ec2ManagedPrefixList } from '@cdktf/provider-aws/lib/ec2-managed-prefix-list';
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { SecurityGroup, SecurityGroupIngress } from '@cdktf/provider-aws/lib/security-group';
import { SecurityGroupRule } from '@cdktf/provider-aws/lib/security-group-rule';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Aspects, Fn, TerraformLocal, TerraformOutput, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { RuleCase, Setup, at, checkout, complies, violates } from './rule-case';
import {
  AccessLogBucket, BackstageComponent, Bucket, ContainerRepository, EksCluster, KmsKey, LogGroup, Network, PolicyConditions, PolicyStatement,
  PostgresDatabase, Queue, Role, Secret, WorkloadIdentity,
} from '../../../constructs';
import { PlatformBaseline } from '../../../golden-paths';
import { Platform } from '../../../src';
import { ACCOUNTS, recordedFacts, testRole } from '../../util';

const CHECKOUT_DEV = 'terraform/dev/checkout-dev/cdk.tf.json';
const CHECKOUT_PROD = 'terraform/prod/checkout-prod/cdk.tf.json';
const PLATFORM_DEV = 'terraform/dev/platform-dev/cdk.tf.json';
const UPLOADS = `${CHECKOUT_DEV}#aws_s3_bucket.Uploads_4F6EB0FD`;
const RAW_BUCKET = `${CHECKOUT_DEV}#aws_s3_bucket.Raw`;
const JOBS = `${CHECKOUT_DEV}#aws_sqs_queue.Jobs_DF1CC2D4`;
const IMAGES = `${CHECKOUT_DEV}#aws_ecr_repository.Images_2D38C313`;
const DATABASE = `${CHECKOUT_DEV}#aws_db_instance.Database_B269D8BB`;
const PRODUCTION_DATABASE = `${CHECKOUT_PROD}#aws_db_instance.Database_B269D8BB`;
const CLUSTER_RESOURCE = `${PLATFORM_DEV}#aws_eks_cluster.Cluster_EB0386A7`;
const SECRET_RESOURCE = `${CHECKOUT_DEV}#aws_secretsmanager_secret.ApiKey_F9DDEE66`;
const GRANTS_POLICY = `${CHECKOUT_DEV}#aws_iam_role_policy.App_Policy_9B86470C`;
const IDENTITY_ROLE = `${CHECKOUT_DEV}#aws_iam_role.Identity_2D60E2CC`;
const DEPLOY_ROLE = `${CHECKOUT_DEV}#aws_iam_role.Deploy_7B206E61`;

/** The issuer of the dev cluster, from its recorded facts: the prefix of IRSA condition keys. */
const CLUSTER_ISSUER = recordedFacts('dev').cluster!.oidcIssuerUrl.replace('https://', '');
const GITHUB_ISSUER = 'token.actions.githubusercontent.com';
const GITHUB_PROVIDER_ARN = `arn:aws:iam::${ACCOUNTS.dev}:oidc-provider/${GITHUB_ISSUER}`;
/** What a deploy role of the repository acme/checkout requires of GitHub's token. */
const CHECKOUT_REPOSITORY: PolicyConditions = {
  StringEquals: { [`${GITHUB_ISSUER}:aud`]: 'sts.amazonaws.com' },
  StringLike: { [`${GITHUB_ISSUER}:sub`]: 'repo:acme/checkout:*' },
};

const platformStack = (platform: Platform) => platform.placement('platform', 'dev').stack;
const bucket = (platform: Platform) => new Bucket(checkout(platform).stack, 'Uploads');
const rawBucket = (platform: Platform) => new S3Bucket(checkout(platform).stack, 'Raw', { bucket: 'acme-dev-checkout-raw' });
const accessLogBucket = (platform: Platform) => new AccessLogBucket(platformStack(platform), 'AccessLogs');
const queue = (platform: Platform) => new Queue(checkout(platform).stack, 'Jobs');
const repository = (platform: Platform) => new ContainerRepository(checkout(platform).stack, 'Images');
const secret = (platform: Platform) => new Secret(checkout(platform).stack, 'ApiKey');
const logGroup = (platform: Platform) => new LogGroup(checkout(platform).stack, 'Logs');
const database = (platform: Platform, environment = 'dev') => new PostgresDatabase(checkout(platform, environment).stack, 'Database');
const workloadIdentity = (platform: Platform) => new WorkloadIdentity(checkout(platform).stack, 'Identity', { namespace: 'payments', serviceAccountName: 'checkout' });
const network = (platform: Platform) => new Network(platformStack(platform), 'Network');
const cluster = (platform: Platform) => new EksCluster(platformStack(platform), 'Cluster', { network: network(platform) });

/** A role that GitHub Actions workflows assume through the OIDC provider `provider`. */
function githubActionsRole(scope: Construct, provider: string, conditions: PolicyConditions): Role {
  return new Role(scope, 'Deploy', {
    trustStatements: [new PolicyStatement({ sid: 'GitHubActions', principal: { Federated: [provider] }, actions: ['sts:AssumeRoleWithWebIdentity'], conditions })],
  });
}

/** An IAM policy document of `statements`, as JSON. */
const policyJson = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

/** A role trust policy of one web identity statement, as an override writes it. */
const webIdentityTrustJson = (provider: string, condition: Record<string, Record<string, string>>) =>
  policyJson({ Effect: 'Allow', Principal: { Federated: provider }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: condition });

/** A role granted read on a Bucket, whose inline policy an escape hatch then replaces with `policy`. */
function overriddenGrant(platform: Platform, policy: (uploads: Bucket) => string): void {
  const role = testRole(checkout(platform).stack);
  const uploads = bucket(platform);
  uploads.grantRead(role);
  role.policy!.addOverride('policy', policy(uploads));
}

const AWS_MANAGED_RDS_KEY = `arn:aws:kms:eu-west-1:${ACCOUNTS.dev}:alias/aws/rds`;

/** A bucket policy that allows, and denies nothing. */
const ALLOW_ONLY_POLICY = policyJson({ Sid: 'Read', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNTS.dev}:root` }, Action: 's3:GetObject', Resource: '*' });

const BUCKETS: Setup = {
  title: "a Bucket and the environment's AccessLogBucket",
  build: (platform) => {
    bucket(platform);
    accessLogBucket(platform);
  },
};

const KEY_AND_LOG_GROUP: Setup = {
  title: 'a KmsKey and a LogGroup with its own key',
  build: (platform) => {
    new KmsKey(checkout(platform).stack, 'Key');
    logGroup(platform);
  },
};

const QUEUE: Setup = { title: 'a Queue', build: queue };
const REPOSITORY: Setup = { title: 'a ContainerRepository', build: repository };
const SECRET: Setup = { title: 'a Secret', build: secret };

const DATABASES: Setup = {
  title: 'a PostgresDatabase in development and in production',
  build: (platform) => ['dev', 'prod'].forEach((environment) => database(platform, environment)),
};

const FINAL_SNAPSHOT_BY_DEFAULT: Setup = {
  title: 'a production PostgresDatabase whose skip_final_snapshot is unset, so Terraform takes the snapshot',
  build: (platform) => database(platform, 'prod').resource.resetSkipFinalSnapshot(),
};

const CLUSTER: Setup = {
  title: 'a Network, an EksCluster in it, and a WorkloadIdentity of that cluster',
  build: (platform) => {
    new WorkloadIdentity(platformStack(platform), 'ExternalSecrets', { namespace: 'external-secrets', serviceAccountName: 'external-secrets', cluster: cluster(platform) });
  },
};

const GRANTS: Setup = {
  title: "a Role granted access through the modules' grant methods",
  build: (platform) => {
    const role = testRole(checkout(platform).stack);
    bucket(platform).grantReadWrite(role);
    queue(platform).grantConsume(role);
    repository(platform).grantPull(role);
    secret(platform).grantRead(role);
    database(platform).grantConnect(role);
  },
};

/** A role of another service (`fulfilment`), in its own stack. */
function fulfilmentRole(platform: Platform) {
  platform.declareComponent({ name: 'fulfilment', team: 'payments', goldenPath: 'test' });
  new BackstageComponent(platform.catalogChart(), 'Component-fulfilment', { component: 'fulfilment', repository: 'acme/fulfilment' });
  return testRole(platform.placement('fulfilment', 'dev').stack);
}

const FULFILMENT_POLICY = 'terraform/dev/fulfilment-dev/cdk.tf.json#aws_iam_role_policy.App_Policy_9B86470C';

const GRANTS_ACROSS_STACKS: Setup = {
  title: "another service's role granted a queue and a bucket: literal ARNs, the key by its alias on the platform's tagged keys",
  build: (platform) => {
    const role = fulfilmentRole(platform);
    queue(platform).grantConsume(role);
    bucket(platform).grantRead(role);
  },
};

const JSONENCODED_GRANT: Setup = {
  title: 'a grant rewritten with Fn.jsonencode through an escape hatch',
  build: (platform) => overriddenGrant(platform, (uploads) => Fn.jsonencode({
    Version: '2012-10-17',
    Statement: [{ Sid: 'Read', Effect: 'Allow', Action: ['s3:GetObject'], Resource: [`${uploads.bucketArn}/*`] }],
  })),
};

const WEB_IDENTITIES: Setup = {
  title: 'WorkloadIdentities of recorded clusters, and roles of GitHub Actions scoped to one repository',
  build: (platform) => {
    const stack = checkout(platform).stack;
    workloadIdentity(platform);
    // A cluster whose provider ARN comes from a variable: its condition keys name the issuer.
    const providerArn = new TerraformVariable(stack, 'ClusterOidcProviderArn', { type: 'string' }).stringValue;
    new WorkloadIdentity(stack, 'Worker', {
      namespace: 'payments',
      serviceAccountName: 'worker',
      cluster: EksCluster.fromExisting(stack, 'ExistingCluster', { ...recordedFacts('dev').cluster!, oidcProviderArn: providerArn }),
    });
    githubActionsRole(stack, GITHUB_PROVIDER_ARN, CHECKOUT_REPOSITORY);
    const provider = new IamOpenidConnectProvider(platformStack(platform), 'GitHubActions', { url: `https://${GITHUB_ISSUER}`, clientIdList: ['sts.amazonaws.com'] });
    githubActionsRole(platformStack(platform), provider.arn, {
      StringEquals: { [`${GITHUB_ISSUER}:aud`]: 'sts.amazonaws.com', [`${GITHUB_ISSUER}:sub`]: 'repo:acme/acme-platform:ref:refs/heads/main' },
    });
  },
};

// --- PAVED-AWS-EC2-001: every CIDR that reaches a group, across inline blocks and rule resources ---

const DATABASE_GROUP = `${CHECKOUT_DEV}#aws_security_group.Database_SecurityGroup_71981D66`;
const DATABASE_INGRESS = 'aws_vpc_security_group_ingress_rule.Database_ClusterIngress_DE92B01B';
const RAW_GROUP = `${CHECKOUT_DEV}#aws_security_group.Raw`;
/** The security group of the recorded dev cluster, which service stacks name by its id. */
const CLUSTER_GROUP_ID = recordedFacts('dev').cluster!.clusterSecurityGroupId;

const rawGroup = (platform: Platform, ingress: SecurityGroupIngress[] = []) =>
  new SecurityGroup(checkout(platform).stack, 'Raw', { name: 'checkout-raw', ingress });
/** An ingress rule resource on `group` (a reference or an id) from `cidr` to TCP `port`. */
const ingressRule = (platform: Platform, id: string, group: string, cidr: string, port: number) =>
  new VpcSecurityGroupIngressRule(checkout(platform).stack, id, {
    securityGroupId: group, ipProtocol: 'tcp', fromPort: port, toPort: port, ...(cidr.includes(':') ? { cidrIpv6: cidr } : { cidrIpv4: cidr }),
  });
const tcp = (port: number, cidrBlocks: string[], ipv6CidrBlocks: string[] = []): SecurityGroupIngress =>
  ({ protocol: 'tcp', fromPort: port, toPort: port, cidrBlocks, ipv6CidrBlocks });

const NARROW_INGRESS: Setup = {
  title: 'a Network, an EksCluster and a PostgresDatabase, and a raw group admitting private ranges to every port, two office addresses and a /64 to SSH, and a /16 to HTTPS',
  build: (platform) => {
    cluster(platform);
    database(platform);
    const group = rawGroup(platform, [
      { protocol: '-1', fromPort: 0, toPort: 0, cidrBlocks: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'], ipv6CidrBlocks: ['fd00::/8'] },
      tcp(22, ['52.94.76.10/32', '52.94.76.11/32'], ['2a05:d018:1:2::/64']),
      tcp(443, ['52.94.0.0/16']),
    ]);
    new SecurityGroupRule(checkout(platform).stack, 'Office', { type: 'ingress', securityGroupId: group.id, protocol: 'tcp', fromPort: 3389, toPort: 3389, cidrBlocks: ['52.94.77.0/25', '52.94.77.128/25'] });
    ingressRule(platform, 'Vpn', group.id, '52.94.78.0/24', 5432);
  },
};

const NETWORK_CASES: readonly RuleCase[] = [
  ...complies(NARROW_INGRESS, 'PAVED-AWS-EC2-001'),
  violates('PAVED-AWS-EC2-001', 'the database admitting the internet',
    (platform) => database(platform).clusterIngress.addOverride('cidr_ipv4', '0.0.0.0/0'),
    ...at(DATABASE_GROUP, `tcp 5432 admits more than a /8 of public IPv4 addresses (the internet): 0.0.0.0/0 (via ${DATABASE_INGRESS})`)),
  violates('PAVED-AWS-EC2-001', 'an inline ingress rule from anywhere on IPv6, through addOverride',
    (platform) => database(platform).securityGroup.addOverride('ingress', [{ from_port: 5432, to_port: 5432, protocol: 'tcp', ipv6_cidr_blocks: ['::/0'] }]),
    ...at(DATABASE_GROUP, 'tcp 5432 admits more than a /32 of public IPv6 addresses (the internet): ::/0')),
  violates('PAVED-AWS-EC2-001', 'the internet split into two halves by two raw SecurityGroupRules on the database group',
    (platform) => {
      const db = database(platform);
      for (const [id, cidr] of [['Low', '0.0.0.0/1'], ['High', '128.0.0.0/1']]) {
        new SecurityGroupRule(checkout(platform).stack, id, { type: 'ingress', securityGroupId: db.securityGroup.id, protocol: 'tcp', fromPort: 5432, toPort: 5432, cidrBlocks: [cidr] });
      }
    },
    ...at(DATABASE_GROUP, 'tcp 5432 admits more than a /8 of public IPv4 addresses (the internet): 0.0.0.0/1, 128.0.0.0/1 (via aws_security_group_rule.Low, aws_security_group_rule.High)')),
  violates('PAVED-AWS-EC2-001', 'SSH from a /16 through a raw VpcSecurityGroupIngressRule',
    (platform) => ingressRule(platform, 'Ssh', rawGroup(platform).id, '52.94.0.0/16', 22),
    ...at(RAW_GROUP, 'tcp 22 (SSH) admits more than a /24 of public IPv4 addresses: 52.94.0.0/16 (via aws_vpc_security_group_ingress_rule.Ssh)')),
  violates('PAVED-AWS-EC2-001', 'RDP from three /24s, split across an inline block and a rule, and a port range over MySQL',
    (platform) => {
      const group = rawGroup(platform, [tcp(3389, ['52.94.1.0/24', '52.94.2.0/24']), { protocol: 'tcp', fromPort: 3000, toPort: 4000, cidrBlocks: ['52.95.0.0/20'] }]);
      ingressRule(platform, 'Rdp', group.id, '52.94.3.0/24', 3389);
    },
    ...at(RAW_GROUP,
      'tcp 3306 (MySQL) admits more than a /24 of public IPv4 addresses: 52.95.0.0/20',
      'tcp 3389 (RDP) admits more than a /24 of public IPv4 addresses: 52.94.1.0/24, 52.94.2.0/24, 52.95.0.0/20, 52.94.3.0/24 (via aws_vpc_security_group_ingress_rule.Rdp)')),
  violates('PAVED-AWS-EC2-001', 'all traffic (protocol -1) from a /16: every sensitive port, though not the internet',
    (platform) => rawGroup(platform, [{ protocol: '-1', fromPort: 0, toPort: 0, cidrBlocks: ['52.94.0.0/16'] }]),
    ...at(RAW_GROUP, 'tcp 22 (SSH), tcp 23 (Telnet), tcp 1433 (SQL Server), tcp 1521 (Oracle), tcp 2375 (Docker API), tcp 2376 (Docker API), '
      + 'tcp 2379 (etcd), tcp 2380 (etcd), tcp 3306 (MySQL), tcp 3389 (RDP), tcp 5432 (PostgreSQL), tcp 5900 (VNC), tcp 6379 (Redis), '
      + 'tcp 9200 (OpenSearch), tcp 10250 (kubelet), tcp 11211 (Memcached) and tcp 27017 (MongoDB) admit more than a /24 of public IPv4 addresses: 52.94.0.0/16')),
  violates('PAVED-AWS-EC2-001', 'all traffic from the whole IPv6 internet in two halves',
    (platform) => rawGroup(platform, [{ protocol: '-1', fromPort: 0, toPort: 0, ipv6CidrBlocks: ['::/1', '8000::/1'] }]),
    ...at(RAW_GROUP, 'tcp 0-65535 and udp 0-65535 admit more than a /32 of public IPv6 addresses (the internet): ::/1, 8000::/1')),
  violates('PAVED-AWS-EC2-001', "the Kubernetes API on the recorded cluster's group, from a /16, by a rule in a service stack",
    (platform) => ingressRule(platform, 'Api', CLUSTER_GROUP_ID, '52.94.0.0/16', 443),
    ...at(`${CHECKOUT_DEV}#aws_vpc_security_group_ingress_rule.Api`, 'tcp 443 (Kubernetes API) admits more than a /24 of public IPv4 addresses: 52.94.0.0/16')),
  violates('PAVED-AWS-EC2-001', 'HTTPS from a /16 on a group that an addOverride attaches to the EksCluster, and SSH from an IPv6 /48',
    (platform) => {
      const extra = new SecurityGroup(platformStack(platform), 'ClusterExtra', {
        name: 'cluster-extra', ingress: [tcp(443, ['52.94.0.0/16']), tcp(22, [], ['2a05:d018:1::/48'])],
      });
      cluster(platform).resource.addOverride('vpc_config.security_group_ids', [extra.id]);
    },
    ...at(`${PLATFORM_DEV}#aws_security_group.ClusterExtra`,
      'tcp 22 (SSH) admits more than a /64 of public IPv6 addresses: 2a05:d018:1::/48',
      'tcp 443 (Kubernetes API) admits more than a /24 of public IPv4 addresses: 52.94.0.0/16')),
  violates('PAVED-AWS-EC2-001', "Redis from a managed prefix list of the stack, whose entries are the internet's two halves",
    (platform) => {
      const list = new Ec2ManagedPrefixList(checkout(platform).stack, 'Partners', {
        name: 'partners', addressFamily: 'IPv4', maxEntries: 2, entry: [{ cidr: '0.0.0.0/1' }, { cidr: '128.0.0.0/1' }],
      });
      rawGroup(platform, [{ protocol: 'tcp', fromPort: 6379, toPort: 6379, prefixListIds: [list.id] }]);
    },
    ...at(RAW_GROUP, 'tcp 6379 admits more than a /8 of public IPv4 addresses (the internet): 0.0.0.0/1, 128.0.0.0/1')),
  violates('PAVED-AWS-EC2-001', 'ingress blocks from a dynamic block, through addOverride (fails closed)',
    (platform) => rawGroup(platform).addOverride('dynamic.ingress', {
      for_each: '${var.allowed}', content: { protocol: 'tcp', from_port: 22, to_port: 22, cidr_blocks: ['${ingress.value}'] },
    }),
    ...at(RAW_GROUP, 'the rule could not decide and fails closed: aws_security_group.Raw computes its ingress blocks (a dynamic block), which the rule cannot read; write them out')),
  violates('PAVED-AWS-EC2-001', 'a CIDR from a variable (fails closed)',
    (platform) => ingressRule(platform, 'Anywhere', rawGroup(platform).id, new TerraformVariable(checkout(platform).stack, 'AllowedCidr', { type: 'string' }).stringValue, 22),
    ...at(RAW_GROUP, 'the rule could not decide and fails closed: aws_vpc_security_group_ingress_rule.Anywhere admits ${var.AllowedCidr}, which the rule cannot read: write the CIDR literally or admit a security group')),
];

// --- PAVED-AWS-SEC-001: a secret-looking value anywhere in a stack, by its value and its name ---

const FAKE_ACCESS_KEY = ['AKIA', 'Z7QW3RT5YU8IO2PL'].join('');
const FAKE_STRIPE_KEY = ['sk', 'live', 'Q8w3Er5Ty7Ui9Op1As3Df5Gh'].join('_');
const FAKE_GITHUB_TOKEN = `ghp_${'Z7qW3rT5yU8iO2pLk4Jh6Gf8Ds0Aa1Ss2Dd3'}`;
const FAKE_JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjaGVja291dCJ9.Xq9vB2mK7pL4nR8sT1wY6zA3cD5eF0gH';

const stackProvider = (platform: Platform) => checkout(platform).stack.node.children.find((c): c is AwsProvider => c instanceof AwsProvider)!;

const TERRAFORM_WITHOUT_SECRETS: Setup = {
  title: 'a PostgresDatabase, a Secret, and raw parameters, outputs, variables and locals with ARNs, digests, UUIDs, URLs and references',
  build: (platform) => {
    const stack = checkout(platform).stack;
    const db = database(platform);
    const apiKey = secret(platform);
    new SsmParameter(stack, 'Endpoint', { name: '/checkout/db/endpoint', type: 'String', value: db.resource.address });
    new SsmParameter(stack, 'PasswordArn', { name: '/checkout/db/password', type: 'String', value: apiKey.resource.arn });
    new SsmParameter(stack, 'Image', { name: '/checkout/image', type: 'String', value: `111111111111.dkr.ecr.eu-west-1.amazonaws.com/checkout@sha256:${'9f'.repeat(32)}` });
    new TerraformOutput(stack, 'DashboardUid', { value: '123e4567-e89b-12d3-a456-426614174000' });
    new TerraformOutput(stack, 'Docs', { value: 'https://wiki.acme.dev/checkout/token-rotation' });
    new TerraformVariable(stack, 'DeployToken', { type: 'string', sensitive: true });
    new TerraformLocal(stack, 'Settings', 'log_level=info\npassword_file=/run/secrets/db\npassword=${var.DeployToken}\n');
    stackProvider(platform).addOverride('token', '${var.DeployToken}');
  },
};

const TERRAFORM_SECRET_CASES: readonly RuleCase[] = [
  ...complies(TERRAFORM_WITHOUT_SECRETS, 'PAVED-AWS-SEC-001'),
  violates('PAVED-AWS-SEC-001', 'a literal master password, through addOverride',
    (platform) => database(platform).resource.addOverride('password', 'correct-horse-battery-staple'),
    ...at(DATABASE, 'password holds a literal value under a secret-looking name ("corr…", 28 characters)')),
  violates('PAVED-AWS-SEC-001', 'a password in a name/value block of the parameter group, judged under its name',
    (platform) => database(platform).parameterGroup.addOverride('parameter', [
      { name: 'rds.force_ssl', value: '1' }, { name: 'app.replication_password', value: 'hunter2hunter2' },
    ]),
    ...at(`${CHECKOUT_DEV}#aws_db_parameter_group.Database_ParameterGroup_2462DB94`,
      'parameter[3].value holds a literal value under a secret-looking name ("hun…", 14 characters)')),
  violates('PAVED-AWS-SEC-001', 'a GitHub token in a nested tag of a Queue',
    (platform) => queue(platform).resource.addOverride('tags.Note', `deployed with ${FAKE_GITHUB_TOKEN}`),
    ...at(JOBS, 'tags.Note holds a GitHub token ("ghp_…", 40 characters)')),
  violates('PAVED-AWS-SEC-001', 'raw SsmParameters: a literal SecureString, an access key, and a URL with a password',
    (platform) => {
      const stack = checkout(platform).stack;
      new SsmParameter(stack, 'Password', { name: '/checkout/db/password', type: 'SecureString', value: 'hunter2hunter2' });
      new SsmParameter(stack, 'Key', { name: '/checkout/ci', type: 'String', value: FAKE_ACCESS_KEY });
      new SsmParameter(stack, 'Url', { name: '/checkout/db/url', type: 'String', insecureValue: 'postgres://app:s3cr3t-pw@db.internal:5432/app' });
    },
    ...at(`${CHECKOUT_DEV}#aws_ssm_parameter.Key`, 'value holds an AWS access key id ("AKIA…", 20 characters)'),
    ...at(`${CHECKOUT_DEV}#aws_ssm_parameter.Password`, 'value holds a literal value of a SecureString parameter ("hun…", 14 characters)'),
    ...at(`${CHECKOUT_DEV}#aws_ssm_parameter.Url`, 'insecure_value holds a URL with a password ("s3…", 9 characters)')),
  violates('PAVED-AWS-SEC-001', 'a TerraformOutput of a Stripe key and a TerraformVariable defaulting to a JWT',
    (platform) => {
      const stack = checkout(platform).stack;
      new TerraformOutput(stack, 'Stripe', { value: FAKE_STRIPE_KEY });
      new TerraformVariable(stack, 'Session', { type: 'string', default: FAKE_JWT });
    },
    ...at(`${CHECKOUT_DEV}#output.Stripe`, 'value holds a Stripe live key ("sk_l…", 32 characters)'),
    ...at(`${CHECKOUT_DEV}#var.Session`, 'default holds a JWT ("eyJh…", 78 characters)')),
  violates('PAVED-AWS-SEC-001', 'a TerraformLocal with a password line in user data, and a sensitive variable with a default',
    (platform) => {
      const stack = checkout(platform).stack;
      new TerraformLocal(stack, 'UserData', '#!/bin/sh\nexport DB_PASSWORD=hunter2hunter2\nexec /app\n');
      new TerraformVariable(stack, 'Pin', { type: 'string', sensitive: true, default: '4711' });
    },
    ...at(`${CHECKOUT_DEV}#local.UserData`, 'the value line 2 holds an assignment to DB_PASSWORD ("hun…", 14 characters)'),
    ...at(`${CHECKOUT_DEV}#var.Pin`, 'default holds a literal default of a sensitive variable ("4…", 4 characters)')),
  violates('PAVED-AWS-SEC-001', "static credentials in the stack's AWS provider, through addOverride",
    (platform) => {
      stackProvider(platform).addOverride('access_key', FAKE_ACCESS_KEY);
      stackProvider(platform).addOverride('secret_key', 'Zq9vB2mK7pL4nR8sT1wY6zA3cD5eF0gH1jK2lM3n');
    },
    ...at(`${CHECKOUT_DEV}#provider.aws`,
      'access_key holds an AWS access key id ("AKIA…", 20 characters)',
      'secret_key holds an AWS secret access key ("Zq9v…", 40 characters)')),
];
const APP_ROLE = `${CHECKOUT_DEV}#aws_iam_role.App_F1B96344`;
const RAW_ROLE = `${CHECKOUT_DEV}#aws_iam_role.Raw`;
const UPLOADS_POLICY = `${CHECKOUT_DEV}#aws_s3_bucket_policy.Uploads_Policy_CA80B555`;
const EC2_TRUST = policyJson({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' });
const DEV_BOUNDARY = `arn:aws:iam::${ACCOUNTS.dev}:policy/acme-paved-boundary`;

/** A raw role, as the provider's resource writes it, with the platform's boundary unless `props` say otherwise. */
const rawRole = (platform: Platform, props: Partial<ConstructorParameters<typeof IamRole>[2]> = {}) => new IamRole(checkout(platform).stack, 'Raw', {
  name: 'acme-dev-checkout-raw', assumeRolePolicy: EC2_TRUST, permissionsBoundary: DEV_BOUNDARY, ...props,
});

/** The IAM role of a cluster add-on of development, in a baseline with paved's add-ons. */
const addOnRole = (platform: Platform, name: string): Role => {
  const addOn = new PlatformBaseline(platform).addOns.get('dev')!.addOns.find((a) => a.name === name) as unknown as { role: Role };
  return addOn.role;
};

const BASELINE: Setup = {
  title: "the PlatformBaseline: its deploy role's scoped policy and boundary, the platform's boundary on every role, the EKS service-role policies",
  build: (platform) => {
    new PlatformBaseline(platform);
  },
};

const NARROW_WILDCARDS: Setup = {
  title: 'wildcards that stay inside one named resource: objects of a bucket, streams of a log group, the suffix of a secret, tag-scoped keys',
  build: (platform) => overriddenGrant(platform, (uploads) => policyJson(
    { Sid: 'Objects', Effect: 'Allow', Action: 's3:GetObject', Resource: [`${uploads.bucketArn}/*`, 'arn:aws:s3:::acme-dev-checkout-uploads/reports/*'] },
    { Sid: 'Streams', Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: `arn:aws:logs:eu-west-1:${ACCOUNTS.dev}:log-group:acme-dev-checkout:*` },
    { Sid: 'Secret', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: `arn:aws:secretsmanager:eu-west-1:${ACCOUNTS.dev}:secret:acme-dev-checkout-stripe-??????` },
    { Sid: 'Keys', Effect: 'Allow', Action: 'kms:Decrypt', Resource: `arn:aws:kms:eu-west-1:${ACCOUNTS.dev}:key/*`, Condition: { StringEquals: { 'aws:ResourceTag/paved:platform': 'acme' } } },
  )),
};

const ALLOW_LISTED_SERVICE_ROLE: Setup = {
  title: 'a raw attachment of AmazonEKSWorkerNodePolicy to a role only EC2 assumes, by name',
  build: (platform) => {
    rawRole(platform);
    new IamRolePolicyAttachment(checkout(platform).stack, 'NodePolicy', { role: 'acme-dev-checkout-raw', policyArn: 'arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy' });
  },
};

const WIDE_BOUNDARY: Setup = {
  title: 'a policy with service wildcards that a role of the stack uses only as its permissions boundary (it caps; it grants nothing)',
  build: (platform) => {
    const stack = checkout(platform).stack;
    const boundary = new IamPolicy(stack, 'Boundary', { name: 'acme-dev-checkout-boundary', policy: policyJson({ Sid: 'Data', Effect: 'Allow', Action: ['s3:*', 'sqs:*'], Resource: '*' }) });
    testRole(stack).resource.permissionsBoundary = boundary.arn;
  },
};

const BOUNDED_ROLE_WRITES: Setup = {
  title: 'IAM writes bound to the boundary, PassRole of named roles to one service',
  build: (platform) => overriddenGrant(platform, () => policyJson(
    { Sid: 'Create', Effect: 'Allow', Action: ['iam:CreateRole', 'iam:PutRolePolicy'], Resource: `arn:aws:iam::${ACCOUNTS.dev}:role/acme-dev-checkout-app`, Condition: { StringEquals: { 'iam:PermissionsBoundary': DEV_BOUNDARY } } },
    { Sid: 'Pass', Effect: 'Allow', Action: 'iam:PassRole', Resource: `arn:aws:iam::${ACCOUNTS.dev}:role/acme-dev-checkout-app`, Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } } },
  )),
};

const RAW_BUCKET_POLICY_FOR_ANYONE = (platform: Platform) => {
  const stack = checkout(platform).stack;
  const document = new DataAwsIamPolicyDocument(stack, 'Anyone', {
    statement: [{ sid: 'PublicRead', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::acme-dev-checkout-raw/*'], principals: [{ type: '*', identifiers: ['*'] }] }],
  });
  new S3BucketPolicy(stack, 'RawPolicy', { bucket: rawBucket(platform).bucket, policy: document.json });
};

/** Every AWS rule, compliant on the modules' defaults and failing once an escape hatch breaks them. */
export const AWS_CASES: readonly RuleCase[] = [
  ...complies(KEY_AND_LOG_GROUP, 'PAVED-AWS-KMS-001', 'PAVED-AWS-KMS-002', 'PAVED-AWS-LOG-001'),
  violates('PAVED-AWS-KMS-001', 'rotation turned off',
    (platform) => new KmsKey(checkout(platform).stack, 'Key').resource.addOverride('enable_key_rotation', false),
    ...at(`${CHECKOUT_DEV}#aws_kms_key.Key_961B73FD`, 'key rotation is off (enable_key_rotation = false)')),
  violates('PAVED-AWS-KMS-002', 'a key policy statement for any principal',
    (platform) => new KmsKey(checkout(platform).stack, 'Key').resource.addOverride('policy',
      policyJson({ Sid: 'Anyone', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*' })),
    ...at(`${CHECKOUT_DEV}#aws_kms_key.Key_961B73FD`, 'statement Anyone allows principal "*"')),

  ...complies(BUCKETS, 'PAVED-AWS-S3-001', 'PAVED-AWS-S3-002', 'PAVED-AWS-S3-003', 'PAVED-AWS-S3-004', 'PAVED-AWS-S3-005', 'PAVED-AWS-S3-006'),
  violates('PAVED-AWS-S3-001', 'SSE-S3 instead of the customer key',
    (platform) => bucket(platform).encryption.putRule([{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }]),
    ...at(UPLOADS, 'encryption is AES256 with key "none", not SSE-KMS with a customer key')),
  violates('PAVED-AWS-S3-001', 'an access-log bucket encrypted with KMS, which log delivery cannot write to',
    (platform) => accessLogBucket(platform).encryption.addOverride('rule.0.apply_server_side_encryption_by_default.sse_algorithm', 'aws:kms'),
    ...at(`${PLATFORM_DEV}#aws_s3_bucket.AccessLogs_8B620ECA`, 'an access-log bucket must use AES256 (got aws:kms)')),
  violates('PAVED-AWS-S3-001', 'a raw bucket without an encryption configuration',
    rawBucket,
    ...at(RAW_BUCKET, 'no server-side encryption configuration')),
  violates('PAVED-AWS-S3-002', 'one public access setting turned off',
    (platform) => bucket(platform).publicAccessBlock.addOverride('restrict_public_buckets', false),
    ...at(UPLOADS, 'restrict_public_buckets is false in aws_s3_bucket_public_access_block.Uploads_PublicAccessBlock_5612AD59')),
  violates('PAVED-AWS-S3-003', 'a bucket policy that no longer denies plain HTTP',
    (platform) => bucket(platform).policy.addOverride('policy', ALLOW_ONLY_POLICY),
    ...at(UPLOADS, 'no bucket policy denies requests without TLS (aws:SecureTransport = false)')),
  violates('PAVED-AWS-S3-004', 'versioning suspended',
    (platform) => bucket(platform).versioning.addOverride('versioning_configuration.status', 'Suspended'),
    ...at(UPLOADS, 'versioning is not enabled (status "Suspended")')),
  violates('PAVED-AWS-S3-005', 'a raw bucket without access logging',
    rawBucket,
    ...at(RAW_BUCKET, 'no access logging')),
  violates('PAVED-AWS-S3-006', 'ACLs enabled again',
    (platform) => bucket(platform).ownershipControls.addOverride('rule.object_ownership', 'ObjectWriter'),
    ...at(UPLOADS, 'object ownership is "ObjectWriter"')),

  ...complies(BUCKETS, 'PAVED-AWS-S3-007'),
  violates('PAVED-AWS-S3-007', 'a bucket policy that allows "*" and {"AWS": "*"}, through an override',
    (platform) => bucket(platform).policy.addOverride('policy', policyJson(
      { Sid: 'Anyone', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-dev-checkout-uploads/*' },
      { Sid: 'AnyAccount', Effect: 'Allow', Principal: { AWS: '*' }, Action: ['s3:PutObject'], Resource: 'arn:aws:s3:::acme-dev-checkout-uploads/*' },
    )),
    ...at(UPLOADS_POLICY, 'statement AnyAccount allows s3:PutObject to principal "*"', 'statement Anyone allows s3:GetObject to principal "*"')),
  violates('PAVED-AWS-S3-007', "a bucket policy for anyone merged in by a Terraform override file beside the stack's own",
    (platform) => {
      bucket(platform);
      platform.addFile('terraform/dev/checkout-dev/uploads_override.tf.json', JSON.stringify({
        resource: { aws_s3_bucket_policy: { Uploads_Policy_CA80B555: { policy: policyJson({ Sid: 'Anyone', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-dev-checkout-uploads/*' }) } } },
      }));
    },
    ...at(UPLOADS_POLICY, 'statement Anyone allows s3:GetObject to principal "*"')),
  violates('PAVED-AWS-S3-007', "a raw bucket's own (deprecated) policy argument for anyone",
    (platform) => new S3Bucket(checkout(platform).stack, 'Raw', {
      bucket: 'acme-dev-checkout-raw',
      policy: policyJson({ Sid: 'Anyone', Effect: 'Allow', Principal: { AWS: ['*'] }, Action: 's3:ListBucket', Resource: 'arn:aws:s3:::acme-dev-checkout-raw' }),
    }),
    ...at(RAW_BUCKET, 'statement Anyone allows s3:ListBucket to principal "*"')),
  violates('PAVED-AWS-S3-007', 'a raw bucket policy from a policy document whose principals are of type "*"',
    RAW_BUCKET_POLICY_FOR_ANYONE,
    ...at(`${CHECKOUT_DEV}#aws_s3_bucket_policy.RawPolicy`, 'statement PublicRead allows s3:GetObject to principal "*"')),

  ...complies(QUEUE, 'PAVED-AWS-SQS-001', 'PAVED-AWS-SQS-002', 'PAVED-AWS-SQS-003'),
  violates('PAVED-AWS-SQS-001', 'the AWS-managed key',
    (platform) => queue(platform).resource.addOverride('kms_master_key_id', 'alias/aws/sqs'),
    ...at(JOBS, 'encrypted with the AWS-managed key alias/aws/sqs')),
  violates('PAVED-AWS-SQS-001', 'no key at all',
    (platform) => queue(platform).deadLetterQueue.resetKmsMasterKeyId(),
    ...at(`${CHECKOUT_DEV}#aws_sqs_queue.Jobs_DeadLetterQueue_FA298334`, 'no kms_master_key_id')),
  violates('PAVED-AWS-SQS-002', 'the redrive removed',
    (platform) => queue(platform).resource.resetRedrivePolicy(),
    ...at(JOBS, 'no redrive_policy')),
  violates('PAVED-AWS-SQS-003', 'a queue policy that no longer denies plain HTTP',
    (platform) => queue(platform).policy.addOverride('policy', ALLOW_ONLY_POLICY),
    ...at(JOBS, 'no queue policy denies requests without TLS (aws:SecureTransport = false)')),

  ...complies(REPOSITORY, 'PAVED-AWS-ECR-001', 'PAVED-AWS-ECR-002'),
  violates('PAVED-AWS-ECR-001', 'mutable tags and no scan on push',
    (platform) => {
      const images = repository(platform);
      images.resource.addOverride('image_tag_mutability', 'MUTABLE');
      images.resource.addOverride('image_scanning_configuration.scan_on_push', false);
    },
    ...at(IMAGES, 'images are not scanned on push', 'tags are "MUTABLE"')),
  violates('PAVED-AWS-ECR-002', 'AES256 instead of the customer key',
    (platform) => repository(platform).resource.putEncryptionConfiguration([{ encryptionType: 'AES256' }]),
    ...at(IMAGES, 'encryption is "AES256" without a customer key')),
  violates('PAVED-AWS-ECR-002', 'the AWS-managed key',
    (platform) => repository(platform).resource.putEncryptionConfiguration([{ encryptionType: 'KMS', kmsKey: 'alias/aws/ecr' }]),
    ...at(IMAGES, 'encryption is "KMS" without a customer key')),

  ...complies(DATABASES, 'PAVED-AWS-RDS-001', 'PAVED-AWS-RDS-002', 'PAVED-AWS-RDS-003', 'PAVED-AWS-RDS-004', 'PAVED-AWS-RDS-005',
    'PAVED-AWS-RDS-006', 'PAVED-AWS-RDS-007', 'PAVED-AWS-RDS-008', 'PAVED-AWS-RDS-009', 'PAVED-AWS-EC2-001', 'PAVED-AWS-SEC-001'),
  violates('PAVED-AWS-RDS-001', 'storage unencrypted',
    (platform) => database(platform).resource.addOverride('storage_encrypted', false),
    ...at(DATABASE, 'storage_encrypted = false, kms_key_id = "${aws_kms_key.Database_Key_5E5D9547.arn}"')),
  violates('PAVED-AWS-RDS-001', 'the AWS-managed key',
    (platform) => database(platform).resource.addOverride('kms_key_id', AWS_MANAGED_RDS_KEY),
    ...at(DATABASE, `storage_encrypted = true, kms_key_id = "${AWS_MANAGED_RDS_KEY}"`)),
  violates('PAVED-AWS-RDS-002', 'publicly accessible',
    (platform) => database(platform).resource.addOverride('publicly_accessible', true),
    ...at(DATABASE, 'publicly_accessible = true')),
  violates('PAVED-AWS-RDS-003', 'PostgreSQL 14',
    (platform) => database(platform).resource.addOverride('engine_version', '14.12'),
    ...at(DATABASE, 'engine_version is "14.12"')),
  violates('PAVED-AWS-RDS-004', 'one day of backups in production',
    (platform) => database(platform, 'prod').resource.addOverride('backup_retention_period', 1),
    ...at(PRODUCTION_DATABASE, 'backup_retention_period is 1, below 14 in production')),
  violates('PAVED-AWS-RDS-005', 'deletion protection off and no final snapshot in production',
    (platform) => {
      const db = database(platform, 'prod');
      db.resource.addOverride('deletion_protection', false);
      db.resource.addOverride('skip_final_snapshot', true);
    },
    ...at(PRODUCTION_DATABASE, 'deletion_protection is false in production', 'skip_final_snapshot is true in production (must be false)')),
  ...complies(FINAL_SNAPSHOT_BY_DEFAULT, 'PAVED-AWS-RDS-005'),
  violates('PAVED-AWS-RDS-006', 'a single availability zone in production',
    (platform) => database(platform, 'prod').resource.addOverride('multi_az', false),
    ...at(PRODUCTION_DATABASE, 'multi_az is not true in production')),
  violates('PAVED-AWS-RDS-007', 'IAM authentication off',
    (platform) => database(platform).resource.addOverride('iam_database_authentication_enabled', false),
    ...at(DATABASE, 'iam_database_authentication_enabled is not true')),
  violates('PAVED-AWS-RDS-008', 'a password in the configuration instead of the managed one',
    (platform) => {
      const db = database(platform);
      db.resource.addOverride('manage_master_user_password', false);
      db.resource.addOverride('password', '${var.database_password}');
    },
    ...at(DATABASE, 'a password is set in the configuration', 'manage_master_user_password is not true')),
  violates('PAVED-AWS-RDS-009', 'rds.force_ssl turned off in the parameter group',
    (platform) => database(platform).parameterGroup.putParameter([{ name: 'rds.force_ssl', value: '0' }]),
    ...at(DATABASE, 'rds.force_ssl is "0" in aws_db_parameter_group.Database_ParameterGroup_2462DB94')),
  violates('PAVED-AWS-RDS-009', 'the default parameter group instead of its own',
    (platform) => database(platform).resource.addOverride('parameter_group_name', 'default.postgres17'),
    ...at(DATABASE, 'parameter_group_name "default.postgres17" is not a parameter group of this stack')),
  ...NETWORK_CASES,
  ...TERRAFORM_SECRET_CASES,

  ...complies(CLUSTER, 'PAVED-AWS-EKS-001', 'PAVED-AWS-EKS-002', 'PAVED-AWS-EKS-003', 'PAVED-AWS-EKS-004', 'PAVED-AWS-EKS-005',
    'PAVED-AWS-VPC-001', 'PAVED-AWS-VPC-002', 'PAVED-AWS-LOG-001', 'PAVED-AWS-IAM-003'),
  violates('PAVED-AWS-EKS-001', 'Kubernetes 1.29',
    (platform) => cluster(platform).resource.addOverride('version', '1.29'),
    ...at(CLUSTER_RESOURCE, 'version is "1.29"')),
  violates('PAVED-AWS-EKS-002', 'the public endpoint turned on',
    (platform) => cluster(platform).resource.addOverride('vpc_config.endpoint_public_access', true),
    ...at(CLUSTER_RESOURCE, 'the API endpoint is public to the whole internet (0.0.0.0/0)')),
  violates('PAVED-AWS-EKS-003', 'secrets encryption removed',
    (platform) => cluster(platform).resource.addOverride('encryption_config', []),
    ...at(CLUSTER_RESOURCE, 'secrets are not encrypted with a KMS key')),
  violates('PAVED-AWS-EKS-004', 'only API logs',
    (platform) => {
      cluster(platform).resource.enabledClusterLogTypes = ['api'];
    },
    ...at(CLUSTER_RESOURCE, 'log types not enabled: audit, authenticator, controllerManager, scheduler')),
  violates('PAVED-AWS-EKS-005', 'SSH to the nodes',
    (platform) => cluster(platform).nodeGroup.addOverride('remote_access', { ec2_ssh_key: 'ops' }),
    ...at(`${PLATFORM_DEV}#aws_eks_node_group.Cluster_NodeGroup_3295DA2B`, 'remote_access (SSH) is configured')),
  violates('PAVED-AWS-VPC-001', 'a raw VPC without flow logs',
    (platform) => new Vpc(platformStack(platform), 'Raw', { cidrBlock: '10.1.0.0/16' }),
    ...at(`${PLATFORM_DEV}#aws_vpc.Raw`, 'no flow log')),
  violates('PAVED-AWS-VPC-002', 'a rule added to the default security group',
    (platform) => network(platform).defaultSecurityGroup.addOverride('ingress', [{ from_port: 0, to_port: 0, protocol: '-1', self: true }]),
    ...at(`${PLATFORM_DEV}#aws_vpc.Network_1C6012B5`, 'aws_default_security_group.Network_DefaultSecurityGroup_6811E764 has rules')),
  violates('PAVED-AWS-LOG-001', 'no key and logs kept for ever',
    (platform) => {
      const logs = logGroup(platform);
      logs.resource.resetKmsKeyId();
      logs.resource.resetRetentionInDays();
    },
    ...at(`${CHECKOUT_DEV}#aws_cloudwatch_log_group.Logs_6819BB44`, 'no kms_key_id', 'retention_in_days is "never expire"')),

  ...complies(SECRET, 'PAVED-AWS-SM-001', 'PAVED-AWS-SEC-001'),
  violates('PAVED-AWS-SM-001', 'the customer key removed',
    (platform) => secret(platform).resource.resetKmsKeyId(),
    ...at(SECRET_RESOURCE, 'no kms_key_id (the AWS-managed key is used)')),
  violates('PAVED-AWS-SM-001', 'the AWS-managed key named',
    (platform) => secret(platform).resource.addOverride('kms_key_id', 'alias/aws/secretsmanager'),
    ...at(SECRET_RESOURCE, 'encrypted with the AWS-managed key alias/aws/secretsmanager')),

  ...complies(GRANTS, 'PAVED-AWS-IAM-001', 'PAVED-AWS-IAM-002'),
  ...complies(JSONENCODED_GRANT, 'PAVED-AWS-IAM-001', 'PAVED-AWS-IAM-002'),
  violates('PAVED-AWS-IAM-001', 'a grant widened to s3:* and NotAction',
    (platform) => overriddenGrant(platform, (uploads) => policyJson(
      { Sid: 'All', Effect: 'Allow', Action: 's3:*', Resource: `${uploads.bucketArn}/*` },
      { Sid: 'AllBut', Effect: 'Allow', NotAction: 'iam:*', Resource: `${uploads.bucketArn}/*` },
    )),
    ...at(GRANTS_POLICY, 'statement All allows s3:*', 'statement AllBut allows NotAction iam:*')),
  violates('PAVED-AWS-IAM-001', 'a raw policy with a wildcard, written with Fn.jsonencode',
    (platform) => new IamPolicy(checkout(platform).stack, 'Admin', {
      policy: Fn.jsonencode({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: bucket(platform).bucketArn }] }),
    }),
    ...at(`${CHECKOUT_DEV}#aws_iam_policy.Admin`, 'statement (no Sid) allows *')),
  violates('PAVED-AWS-IAM-002', 'a grant widened to every resource',
    (platform) => overriddenGrant(platform, () => policyJson({ Sid: 'Read', Effect: 'Allow', Action: ['s3:GetObject', 'ecr:GetAuthorizationToken'], Resource: '*' })),
    ...at(GRANTS_POLICY, 'statement Read allows s3:GetObject on "*"')),
  violates('PAVED-AWS-IAM-002', 'NotResource instead of the bucket',
    (platform) => overriddenGrant(platform, () => policyJson({ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::acme-prod-*' })),
    ...at(GRANTS_POLICY, 'statement Read allows s3:GetObject on every resource but arn:aws:s3:::acme-prod-*')),

  violates('PAVED-AWS-IAM-001', 'wildcards inside actions: iam:Pass* and s3:Get?bject',
    (platform) => overriddenGrant(platform, (uploads) => policyJson(
      { Sid: 'Pass', Effect: 'Allow', Action: 'iam:Pass*', Resource: `arn:aws:iam::${ACCOUNTS.dev}:role/acme-dev-checkout-app` },
      { Sid: 'Read', Effect: 'Allow', Action: ['s3:Get?bject', 's3:ListBucket'], Resource: `${uploads.bucketArn}/*` },
    )),
    ...at(GRANTS_POLICY, 'statement Pass allows iam:Pass*', 'statement Read allows s3:Get?bject')),
  violates('PAVED-AWS-IAM-001', "a raw role's inline_policy block with a wildcard",
    (platform) => rawRole(platform, { inlinePolicy: [{ name: 'extra', policy: policyJson({ Sid: 'All', Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::acme-dev-checkout-raw' }) }] }),
    ...at(RAW_ROLE, 'statement All allows s3:*')),
  ...complies(BASELINE, 'PAVED-AWS-IAM-001', 'PAVED-AWS-IAM-002', 'PAVED-AWS-IAM-005', 'PAVED-AWS-IAM-006', 'PAVED-AWS-IAM-007', 'PAVED-AWS-S3-007'),
  ...complies(NARROW_WILDCARDS, 'PAVED-AWS-IAM-002'),
  ...complies(GRANTS_ACROSS_STACKS, 'PAVED-AWS-IAM-001', 'PAVED-AWS-IAM-002', 'PAVED-AWS-IAM-006'),
  violates('PAVED-AWS-IAM-002', "a grant across stacks on every key with the alias but without the platform's tag, through an override",
    (platform) => {
      const role = fulfilmentRole(platform);
      queue(platform).grantConsume(role);
      role.policy!.addOverride('policy', policyJson({
        Sid: 'Keys',
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: `arn:aws:kms:eu-west-1:${ACCOUNTS.dev}:key/*`,
        Condition: { 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/acme-dev-checkout-jobs-key' } },
      }));
    },
    ...at(FULFILMENT_POLICY, `statement Keys allows kms:Decrypt on arn:aws:kms:eu-west-1:${ACCOUNTS.dev}:key/*: its wildcard reaches past one named resource`)),
  ...complies(WIDE_BOUNDARY, 'PAVED-AWS-IAM-001', 'PAVED-AWS-IAM-002', 'PAVED-AWS-IAM-006', 'PAVED-AWS-IAM-007'),
  violates('PAVED-AWS-IAM-002', 'ARN wildcards over every bucket, every queue of every region and account, every role',
    (platform) => overriddenGrant(platform, () => policyJson(
      { Sid: 'Buckets', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::*' },
      { Sid: 'Queues', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:*:*:*' },
      { Sid: 'Roles', Effect: 'Allow', Action: 'iam:GetRole', Resource: `arn:aws:iam::${ACCOUNTS.dev}:role/*` },
    )),
    ...at(GRANTS_POLICY,
      'statement Buckets allows s3:GetObject on arn:aws:s3:::*: its wildcard reaches past one named resource',
      'statement Queues allows sqs:SendMessage on arn:aws:sqs:*:*:*: its wildcard spans every region, account',
      `statement Roles allows iam:GetRole on arn:aws:iam::${ACCOUNTS.dev}:role/*: its wildcard reaches past one named resource`)),
  violates('PAVED-AWS-IAM-002', "the platform's prefix in a service's stack, and a wildcard after a reference that is not inside it",
    (platform) => overriddenGrant(platform, (uploads) => policyJson(
      { Sid: 'AllPlatformBuckets', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-*/*' },
      { Sid: 'Suffix', Effect: 'Allow', Action: 's3:GetObject', Resource: `${uploads.bucketArn}*` },
    )),
    ...at(GRANTS_POLICY,
      'statement AllPlatformBuckets allows s3:GetObject on arn:aws:s3:::acme-*/*: its wildcard reaches past one named resource',
      'statement Suffix allows s3:GetObject on ${aws_s3_bucket.Uploads_4F6EB0FD.arn}*: its wildcard is not inside the resource it refers to')),
  violates('PAVED-AWS-IAM-002', "the platform's deploy role widened to every role in the account, through an override",
    (platform) => new PlatformBaseline(platform).deployRoles.get(ACCOUNTS.dev)!.policy!.addOverride('policy', policyJson(
      { Sid: 'Roles', Effect: 'Allow', Action: 'iam:GetRole', Resource: `arn:aws:iam::${ACCOUNTS.dev}:role/*` },
    )),
    ...at(`${PLATFORM_DEV}#aws_iam_role_policy.DeployRole_Policy_4A139BBC`,
      `statement Roles allows iam:GetRole on arn:aws:iam::${ACCOUNTS.dev}:role/*: its wildcard reaches past one named resource and past the platform's prefix "acme-"`)),
  violates('PAVED-AWS-IAM-002', "the deploy role's zone statements widened to record changes on every change and zone deletion, through an override",
    (platform) => new PlatformBaseline(platform).deployRoles.get(ACCOUNTS.dev)!.policy!.addOverride('policy', policyJson(
      { Sid: 'ZoneCreate', Effect: 'Allow', Action: 'route53:CreateHostedZone', Resource: '*' },
      { Sid: 'Zones', Effect: 'Allow', Action: ['route53:ChangeTagsForResource', 'route53:GetChange'], Resource: 'arn:aws:route53:::change/*' },
      { Sid: 'Records', Effect: 'Allow', Action: ['route53:ChangeTagsForResource', 'route53:DeleteHostedZone'], Resource: 'arn:aws:route53:::change/*' },
    )),
    ...at(`${PLATFORM_DEV}#aws_iam_role_policy.DeployRole_Policy_4A139BBC`,
      'statement Records allows route53:ChangeTagsForResource, route53:DeleteHostedZone on arn:aws:route53:::change/*: its wildcard reaches past one named resource and past the platform\'s prefix "acme-"')),
  violates('PAVED-AWS-IAM-002', "external-dns's record changes widened to every record of every zone, through an override",
    (platform) => addOnRole(platform, 'external-dns').policy!.addOverride('policy', policyJson(
      { Sid: 'Unnamed', Effect: 'Allow', Action: 'route53:ChangeResourceRecordSets', Resource: 'arn:aws:route53:::hostedzone/*' },
      {
        Sid: 'Everything',
        Effect: 'Allow',
        Action: 'route53:ChangeResourceRecordSets',
        Resource: 'arn:aws:route53:::hostedzone/*',
        Condition: { 'ForAllValues:StringLike': { 'route53:ChangeResourceRecordSetsNormalizedRecordNames': '*' } },
      },
      { Sid: 'Zones', Effect: 'Allow', Action: 'route53:DeleteHostedZone', Resource: 'arn:aws:route53:::hostedzone/*' },
    )),
    ...at(`${PLATFORM_DEV}#aws_iam_role_policy.ExternalDns_Policy_DBEE4997`,
      'statement Everything allows route53:ChangeResourceRecordSets on arn:aws:route53:::hostedzone/*: its wildcard reaches past one named resource and past the platform\'s prefix "acme-"',
      'statement Unnamed allows route53:ChangeResourceRecordSets on arn:aws:route53:::hostedzone/*: its wildcard reaches past one named resource and past the platform\'s prefix "acme-"',
      'statement Zones allows route53:DeleteHostedZone on arn:aws:route53:::hostedzone/*: its wildcard reaches past one named resource and past the platform\'s prefix "acme-"')),
  violates('PAVED-AWS-IAM-002', "the load balancer controller's load balancers created without the platform's tag, through an override",
    (platform) => addOnRole(platform, 'aws-load-balancer-controller').policy!.addOverride('policy', policyJson(
      { Sid: 'Create', Effect: 'Allow', Action: ['elasticloadbalancing:DescribeLoadBalancers', 'elasticloadbalancing:CreateLoadBalancer'], Resource: '*' },
    )),
    ...at(`${PLATFORM_DEV}#aws_iam_role_policy.AwsLoadBalancerController_Policy_B2AA6888`, 'statement Create allows elasticloadbalancing:CreateLoadBalancer on "*"')),

  ...complies(CLUSTER, 'PAVED-AWS-IAM-005'),
  ...complies(ALLOW_LISTED_SERVICE_ROLE, 'PAVED-AWS-IAM-005'),
  violates('PAVED-AWS-IAM-005', 'a Role with AdministratorAccess',
    (platform) => new Role(checkout(platform).stack, 'Admin', { trustStatements: [Role.trustService('ec2.amazonaws.com')], managedPolicyNames: ['AdministratorAccess'] }),
    ...at(`${CHECKOUT_DEV}#aws_iam_role_policy_attachment.Admin_AdministratorAccess_9040162D`, 'policy_arn attaches AdministratorAccess, which grants every action')),
  violates('PAVED-AWS-IAM-005', 'a raw attachment of a customer policy by ARN, and of a service-role policy to a role GitHub Actions assumes',
    (platform) => {
      const role = githubActionsRole(checkout(platform).stack, GITHUB_PROVIDER_ARN, CHECKOUT_REPOSITORY);
      new IamRolePolicyAttachment(checkout(platform).stack, 'Customer', { role: role.resource.name, policyArn: `arn:aws:iam::${ACCOUNTS.dev}:policy/anything` });
      new IamRolePolicyAttachment(checkout(platform).stack, 'Cluster', { role: role.resource.name, policyArn: 'arn:aws:iam::aws:policy/AmazonEKSClusterPolicy' });
    },
    ...at(`${CHECKOUT_DEV}#aws_iam_role_policy_attachment.Cluster`,
      `policy_arn attaches AmazonEKSClusterPolicy to aws_iam_role.Deploy_7B206E61, which is assumed by ["${GITHUB_PROVIDER_ARN}"], not only by eks.amazonaws.com`),
    ...at(`${CHECKOUT_DEV}#aws_iam_role_policy_attachment.Customer`,
      `policy_arn attaches arn:aws:iam::${ACCOUNTS.dev}:policy/anything, which is not an AWS-managed policy: a customer policy attached by ARN is reviewed nowhere in the stack`)),
  violates('PAVED-AWS-IAM-005', 'a raw role with managed_policy_arns and an inline_policy block',
    (platform) => rawRole(platform, {
      managedPolicyArns: ['arn:aws:iam::aws:policy/PowerUserAccess', 'arn:aws:iam::aws:policy/IAMFullAccess', 'arn:aws:iam::aws:policy/ReadOnlyAccess'],
      inlinePolicy: [{ name: 'extra', policy: policyJson({ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-dev-checkout-raw/*' }) }],
    }),
    ...at(RAW_ROLE,
      'managed_policy_arns attaches IAMFullAccess, which grants every IAM action',
      'managed_policy_arns attaches PowerUserAccess, which grants every action but IAM and Organizations',
      'managed_policy_arns attaches the AWS-managed policy ReadOnlyAccess, which is not an allow-listed service-role policy (AmazonEKSClusterPolicy, AmazonEKSWorkerNodePolicy, AmazonEKS_CNI_Policy, AmazonEC2ContainerRegistryPullOnly)',
      'the role declares 1 inline_policy block(s) ("extra"): grants go in the aws_iam_role_policy the modules write')),
  violates('PAVED-AWS-IAM-005', 'a policy the rules read as a boundary (so not as a grant), attached by reference as well',
    (platform) => {
      const stack = checkout(platform).stack;
      const wide = new IamPolicy(stack, 'Wide', { name: 'acme-dev-checkout-wide', policy: policyJson({ Sid: 'All', Effect: 'Allow', Action: 's3:*', Resource: '*' }) });
      const role = testRole(stack);
      role.resource.permissionsBoundary = wide.arn;
      new IamRolePolicyAttachment(stack, 'WideAttachment', { role: role.resource.name, policyArn: wide.arn });
    },
    ...at(`${CHECKOUT_DEV}#aws_iam_role_policy_attachment.WideAttachment`,
      'policy_arn attaches ${aws_iam_policy.Wide.arn}, which is not an AWS-managed policy: a customer policy attached by ARN is reviewed nowhere in the stack')),
  violates('PAVED-AWS-IAM-005', "AdministratorAccess attached in an extra .tf.json file beside the stack's own",
    (platform) => {
      testRole(checkout(platform).stack);
      platform.addFile('terraform/dev/checkout-dev/admin.tf.json', JSON.stringify({
        resource: { aws_iam_role_policy_attachment: { Admin: { role: 'acme-dev-checkout-app', policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess' } } },
      }));
    },
    ...at(`${CHECKOUT_DEV}#aws_iam_role_policy_attachment.Admin`, 'policy_arn attaches AdministratorAccess, which grants every action')),
  violates('PAVED-AWS-IAM-005', 'PowerUserAccess added to every role of a stack by an Aspect',
    (platform) => {
      const stack = checkout(platform).stack;
      testRole(stack);
      workloadIdentity(platform);
      Aspects.of(stack).add({
        visit: (node) => {
          if (node instanceof IamRole) {
            node.addOverride('managed_policy_arns', ['arn:aws:iam::aws:policy/PowerUserAccess']);
          }
        },
      });
    },
    ...at(APP_ROLE, 'managed_policy_arns attaches PowerUserAccess, which grants every action but IAM and Organizations'),
    ...at(IDENTITY_ROLE, 'managed_policy_arns attaches PowerUserAccess, which grants every action but IAM and Organizations')),
  violates('PAVED-AWS-IAM-005', "the platform's deploy role given AdministratorAccess again, through an extra resource",
    (platform) => {
      const deploy = new PlatformBaseline(platform).deployRoles.get(ACCOUNTS.dev)!;
      new IamRolePolicyAttachment(platformStack(platform), 'DeployAdmin', { role: deploy.resource.name, policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' });
    },
    ...at(`${PLATFORM_DEV}#aws_iam_role_policy_attachment.DeployAdmin`, 'policy_arn attaches AdministratorAccess, which grants every action')),

  ...complies(GRANTS, 'PAVED-AWS-IAM-006', 'PAVED-AWS-IAM-007'),
  ...complies(BOUNDED_ROLE_WRITES, 'PAVED-AWS-IAM-006'),
  violates('PAVED-AWS-IAM-006', 'a grant rewritten to the equivalents of AdministratorAccess, IAMFullAccess and PowerUserAccess',
    (platform) => overriddenGrant(platform, (uploads) => policyJson(
      { Sid: 'Admin', Effect: 'Allow', Action: '*', Resource: `${uploads.bucketArn}/*` },
      { Sid: 'Iam', Effect: 'Allow', Action: ['iam:*', 'iam:Put*'], Resource: `arn:aws:iam::${ACCOUNTS.dev}:role/acme-dev-checkout-app` },
      { Sid: 'PowerUser', Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: `${uploads.bucketArn}/*` },
    )),
    ...at(GRANTS_POLICY,
      'statement Admin allows *, as AdministratorAccess or IAMFullAccess do',
      'statement Iam allows iam:*, iam:Put*, as AdministratorAccess or IAMFullAccess do',
      'statement PowerUser allows everything but iam:*, organizations:*, account:* (NotAction), as PowerUserAccess does')),
  violates('PAVED-AWS-IAM-006', 'role writes without the boundary condition, PassRole and UpdateAssumeRolePolicy on every role',
    (platform) => overriddenGrant(platform, () => policyJson(
      { Sid: 'Create', Effect: 'Allow', Action: ['iam:CreateRole', 'iam:AttachRolePolicy'], Resource: `arn:aws:iam::${ACCOUNTS.dev}:role/acme-dev-checkout-app` },
      { Sid: 'Takeover', Effect: 'Allow', Action: ['iam:PassRole', 'iam:UpdateAssumeRolePolicy'], Resource: '*' },
    )),
    ...at(GRANTS_POLICY,
      'statement Create allows iam:CreateRole, iam:AttachRolePolicy without an iam:PermissionsBoundary condition',
      'statement Takeover allows iam:PassRole without an iam:PassedToService condition',
      'statement Takeover allows iam:PassRole, iam:UpdateAssumeRolePolicy on every role, user or policy')),
  violates('PAVED-AWS-IAM-006', 'a raw customer policy equivalent to AdministratorAccess, written with Fn.jsonencode',
    (platform) => new IamPolicy(checkout(platform).stack, 'Admin', {
      policy: Fn.jsonencode({ Version: '2012-10-17', Statement: [{ Sid: 'All', Effect: 'Allow', Action: '*', Resource: '*' }] }),
    }),
    ...at(`${CHECKOUT_DEV}#aws_iam_policy.Admin`, 'statement All allows *, as AdministratorAccess or IAMFullAccess do')),
  violates('PAVED-AWS-IAM-006', "the deploy role's role writes freed of the boundary, through an override",
    (platform) => new PlatformBaseline(platform).deployRoles.get(ACCOUNTS.dev)!.policy!.addOverride('policy', policyJson(
      { Sid: 'Roles', Effect: 'Allow', Action: ['iam:CreateRole', 'iam:PutRolePolicy'], Resource: `arn:aws:iam::${ACCOUNTS.dev}:role/acme-*` },
    )),
    ...at(`${PLATFORM_DEV}#aws_iam_role_policy.DeployRole_Policy_4A139BBC`, 'statement Roles allows iam:CreateRole, iam:PutRolePolicy without an iam:PermissionsBoundary condition')),

  ...complies(WEB_IDENTITIES, 'PAVED-AWS-IAM-007'),
  violates('PAVED-AWS-IAM-007', 'a raw role without a boundary, and a Role whose boundary is reset',
    (platform) => {
      rawRole(platform, { permissionsBoundary: undefined });
      testRole(checkout(platform).stack).resource.resetPermissionsBoundary();
    },
    ...at(APP_ROLE, 'no permissions_boundary'),
    ...at(RAW_ROLE, 'no permissions_boundary')),
  violates('PAVED-AWS-IAM-007', "the boundary removed by a Terraform override file beside the stack's own",
    (platform) => {
      testRole(checkout(platform).stack);
      platform.addFile('terraform/dev/checkout-dev/role_override.tf.json', JSON.stringify({ resource: { aws_iam_role: { App_F1B96344: { permissions_boundary: null } } } }));
    },
    ...at(APP_ROLE, 'no permissions_boundary')),
  violates('PAVED-AWS-IAM-007', 'AdministratorAccess as the boundary, through an override',
    (platform) => testRole(checkout(platform).stack).resource.addOverride('permissions_boundary', 'arn:aws:iam::aws:policy/AdministratorAccess'),
    ...at(APP_ROLE, 'the permissions boundary arn:aws:iam::aws:policy/AdministratorAccess is not a policy of the platform (arn:aws:iam::<account>:policy/acme-...)')),
  violates('PAVED-AWS-IAM-007', 'a boundary of the stack that allows everything, and one that allows all but IAM',
    (platform) => {
      const stack = checkout(platform).stack;
      const everything = new IamPolicy(stack, 'Everything', { name: 'acme-dev-checkout-everything', policy: policyJson({ Sid: 'All', Effect: 'Allow', Action: '*', Resource: '*' }) });
      testRole(stack).resource.permissionsBoundary = everything.arn;
      const allButIam = new IamPolicy(stack, 'AllButIam', { name: 'acme-dev-checkout-all-but-iam', policy: policyJson({ Sid: 'NotIam', Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }) });
      rawRole(platform, { permissionsBoundary: allButIam.arn });
    },
    ...at(APP_ROLE, 'the permissions boundary aws_iam_policy.Everything caps nothing: statement All allows *'),
    ...at(RAW_ROLE, 'the permissions boundary aws_iam_policy.AllButIam caps nothing: statement NotIam allows everything but iam:*')),

  ...complies(WEB_IDENTITIES, 'PAVED-AWS-IAM-003', 'PAVED-AWS-IAM-004'),
  violates('PAVED-AWS-IAM-003', "a WorkloadIdentity's trust widened to the whole namespace",
    (platform) => workloadIdentity(platform).resource.addOverride('assume_role_policy', webIdentityTrustJson(
      `arn:aws:iam::${ACCOUNTS.dev}:oidc-provider/${CLUSTER_ISSUER}`,
      { StringEquals: { [`${CLUSTER_ISSUER}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${CLUSTER_ISSUER}:sub`]: 'system:serviceaccount:payments:*' } },
    )),
    ...at(IDENTITY_ROLE, 'trust is not scoped to one service account (StringEquals :sub = [])', 'trust uses StringLike, which allows wildcards')),
  violates('PAVED-AWS-IAM-003', 'a trusted provider that neither the stack nor the conditions tell (fails closed)',
    (platform) => workloadIdentity(platform).resource.addOverride('assume_role_policy', webIdentityTrustJson('${var.oidc_provider_arn}', {})),
    ...at(IDENTITY_ROLE, 'the rule could not decide and fails closed: the trust of aws_iam_role.Identity_2D60E2CC trusts the OIDC provider ${var.oidc_provider_arn}, whose issuer neither the stack nor a condition key names')),
  violates('PAVED-AWS-IAM-004', 'any repository of the owner may assume the role',
    (platform) => githubActionsRole(checkout(platform).stack, GITHUB_PROVIDER_ARN, {
      StringEquals: { [`${GITHUB_ISSUER}:aud`]: 'sts.amazonaws.com' },
      StringLike: { [`${GITHUB_ISSUER}:sub`]: 'repo:acme/*:*' },
    }),
    ...at(DEPLOY_ROLE, 'trust is not scoped to one repository (token.actions.githubusercontent.com:sub = ["repo:acme/*:*"])')),
  violates('PAVED-AWS-IAM-004', 'two repositories may assume the role',
    (platform) => githubActionsRole(checkout(platform).stack, GITHUB_PROVIDER_ARN, {
      StringEquals: { [`${GITHUB_ISSUER}:aud`]: 'sts.amazonaws.com' },
      StringLike: { [`${GITHUB_ISSUER}:sub`]: ['repo:acme/checkout:*', 'repo:acme/ledger:*'] },
    }),
    ...at(DEPLOY_ROLE, 'trust is not scoped to one repository (token.actions.githubusercontent.com:sub = ["repo:acme/checkout:*","repo:acme/ledger:*"])')),
  violates('PAVED-AWS-IAM-004', 'an override that drops the audience',
    (platform) => githubActionsRole(checkout(platform).stack, GITHUB_PROVIDER_ARN, CHECKOUT_REPOSITORY).resource.addOverride('assume_role_policy',
      webIdentityTrustJson(GITHUB_PROVIDER_ARN, { StringEquals: { [`${GITHUB_ISSUER}:sub`]: 'repo:acme/checkout:ref:refs/heads/main' } })),
    ...at(DEPLOY_ROLE, 'trust does not require the audience sts.amazonaws.com (StringEquals token.actions.githubusercontent.com:aud = [])')),
];
