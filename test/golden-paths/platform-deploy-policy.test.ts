import acme from '../../examples/acme/platform';
import { platformDeployBoundaryStatements, platformDeployStatements } from '../../golden-paths/platform-deploy-policy';
import { readStack, synthToTemp } from '../util';

/**
 * The calls Terraform makes to create (and read back) each resource or data source type of the
 * platform's stacks, by type: what the deploy role must be allowed. `kubernetes` marks what the
 * Helm and Kubernetes providers create through the cluster's API (Kubernetes RBAC, not IAM);
 * `administrator` marks what only an administrator creates (the boundaries the deploy role is
 * denied every write on).
 */
const CALLS: Readonly<Record<string, readonly string[] | 'kubernetes' | 'administrator'>> = {
  aws_acm_certificate: ['acm:RequestCertificate', 'acm:DescribeCertificate', 'acm:ListTagsForCertificate', 'acm:AddTagsToCertificate', 'acm:DeleteCertificate'],
  aws_acm_certificate_validation: ['acm:DescribeCertificate'],
  aws_cloudwatch_log_group: ['logs:CreateLogGroup', 'logs:PutRetentionPolicy', 'logs:AssociateKmsKey', 'logs:ListTagsForResource', 'logs:DeleteLogGroup'],
  aws_default_security_group: ['ec2:DescribeSecurityGroups', 'ec2:RevokeSecurityGroupIngress', 'ec2:RevokeSecurityGroupEgress'],
  aws_eip: ['ec2:AllocateAddress', 'ec2:ReleaseAddress'],
  aws_eks_cluster: ['eks:CreateCluster', 'eks:DescribeCluster', 'eks:DeleteCluster', 'iam:PassRole'],
  aws_eks_node_group: ['eks:CreateNodegroup', 'eks:DescribeNodegroup', 'eks:DeleteNodegroup'],
  aws_flow_log: ['ec2:CreateFlowLogs', 'ec2:DeleteFlowLogs'],
  aws_iam_openid_connect_provider: ['iam:CreateOpenIDConnectProvider', 'iam:GetOpenIDConnectProvider', 'iam:DeleteOpenIDConnectProvider'],
  aws_iam_policy: 'administrator',
  aws_iam_role: ['iam:CreateRole', 'iam:GetRole', 'iam:TagRole', 'iam:DeleteRole'],
  aws_iam_role_policy: ['iam:PutRolePolicy', 'iam:GetRolePolicy', 'iam:DeleteRolePolicy'],
  aws_iam_role_policy_attachment: ['iam:AttachRolePolicy', 'iam:ListAttachedRolePolicies', 'iam:DetachRolePolicy'],
  aws_internet_gateway: ['ec2:CreateInternetGateway', 'ec2:AttachInternetGateway', 'ec2:DeleteInternetGateway'],
  aws_kms_alias: ['kms:CreateAlias', 'kms:ListAliases', 'kms:DeleteAlias'],
  aws_kms_key: ['kms:CreateKey', 'kms:DescribeKey', 'kms:EnableKeyRotation', 'kms:ScheduleKeyDeletion'],
  aws_launch_template: ['ec2:CreateLaunchTemplate', 'ec2:DeleteLaunchTemplate'],
  aws_nat_gateway: ['ec2:CreateNatGateway', 'ec2:DeleteNatGateway'],
  aws_route: ['ec2:CreateRoute', 'ec2:DeleteRoute'],
  aws_route53_record: ['route53:ChangeResourceRecordSets', 'route53:GetChange', 'route53:ListResourceRecordSets'],
  aws_route53_zone: ['route53:CreateHostedZone', 'route53:GetChange', 'route53:GetHostedZone', 'route53:ChangeTagsForResource', 'route53:ListTagsForResource'],
  aws_route_table: ['ec2:CreateRouteTable', 'ec2:DeleteRouteTable'],
  aws_route_table_association: ['ec2:AssociateRouteTable', 'ec2:DisassociateRouteTable'],
  aws_s3_bucket: ['s3:CreateBucket', 's3:GetBucketTagging', 's3:PutBucketTagging', 's3:DeleteBucket'],
  aws_s3_bucket_lifecycle_configuration: ['s3:PutLifecycleConfiguration', 's3:GetLifecycleConfiguration'],
  aws_s3_bucket_ownership_controls: ['s3:PutBucketOwnershipControls', 's3:GetBucketOwnershipControls'],
  aws_s3_bucket_policy: ['s3:PutBucketPolicy', 's3:GetBucketPolicy', 's3:DeleteBucketPolicy'],
  aws_s3_bucket_public_access_block: ['s3:PutBucketPublicAccessBlock', 's3:GetBucketPublicAccessBlock'],
  aws_s3_bucket_server_side_encryption_configuration: ['s3:PutEncryptionConfiguration', 's3:GetEncryptionConfiguration'],
  aws_s3_bucket_versioning: ['s3:PutBucketVersioning', 's3:GetBucketVersioning'],
  aws_subnet: ['ec2:CreateSubnet', 'ec2:DeleteSubnet'],
  aws_vpc: ['ec2:CreateVpc', 'ec2:ModifyVpcAttribute', 'ec2:DeleteVpc'],
  helm_release: 'kubernetes',
  kubernetes_namespace_v1: 'kubernetes',
};

/** The calls Terraform makes to read each data source type of the platform's stacks. */
const DATA_SOURCE_CALLS: Readonly<Record<string, readonly string[]>> = {
  aws_eks_cluster: ['eks:DescribeCluster'],
};

const outdir = synthToTemp(acme);
const permanent = acme.environments.filter((e) => !e.ephemeral);
const account = permanent[0].account;
const props = {
  platform: 'acme',
  account,
  regions: [permanent[0].region],
  boundaryArn: `arn:aws:iam::${account}:policy/acme-paved-boundary`,
  deployRoleArn: `arn:aws:iam::${account}:role/acme-paved-deploy`,
  deployBoundaryArn: `arn:aws:iam::${account}:policy/acme-paved-deploy-boundary`,
  zones: ['dev.acme.example'],
  stateBuckets: [],
};

/** Whether `pattern` (an action, or a family such as `s3:GetBucket*`) matches `action`. */
function matches(pattern: string, action: string): boolean {
  return new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(action);
}

describe("the platform's deploy policy", () => {
  const stacks = permanent.flatMap((e) => [`platform-${e.name}`, `argocd-${e.name}`].map((id) => ({ environment: e.name, id, json: readStack(outdir, e.name, id) })));

  test.each(permanent.map((e) => e.name))("allows every call that creates what acme's platform-%s and argocd stacks hold", (environment) => {
    const inEnvironment = stacks.filter((s) => s.environment === environment);
    const policy = JSON.parse(inEnvironment[0].json.resource.aws_iam_role_policy.DeployRole_Policy_4A139BBC.policy).Statement as any[];
    const allowed = policy.filter((s) => s.Effect === 'Allow').flatMap((s) => [].concat(s.Action));
    const types = [...new Set(inEnvironment.flatMap((s) => [
      ...Object.keys(s.json.resource ?? {}), ...Object.keys(s.json.data ?? {}).map((type) => `data.${type}`),
    ]))].sort();
    const missing = types.flatMap((type) => {
      const calls = type.startsWith('data.') ? DATA_SOURCE_CALLS[type.slice('data.'.length)] : CALLS[type];
      if (calls === undefined) {
        return [`${type}: not in CALLS (or DATA_SOURCE_CALLS); list the calls that create or read it, and grant them in platformDeployStatements`];
      }
      return Array.isArray(calls) ? calls.filter((call) => !allowed.some((pattern) => matches(pattern, call))).map((call) => `${type}: ${call}`) : [];
    });
    expect(missing).toEqual([]);
  });

  test("creates no customer policy but the boundaries it is denied every write on, which are an administrator's", () => {
    for (const { json } of stacks.filter((s) => s.id.startsWith('platform-'))) {
      const policy = JSON.parse(json.resource.aws_iam_role_policy.DeployRole_Policy_4A139BBC.policy).Statement as any[];
      const protectedArns: string[] = policy.find((s) => s.Sid === 'ProtectSelf').Resource;
      const names = Object.values<any>(json.resource.aws_iam_policy ?? {}).map((p) => p.name);
      expect(names.filter((name) => !protectedArns.some((arn) => arn.endsWith(`:policy/${name}`)))).toEqual([]);
    }
  });

  test('creates zones and certificates: zones on "*", record changes only for the validation names, certificates only with the tag', () => {
    const statements = Object.fromEntries(platformDeployStatements(props).map((s) => [s.sid, s.toJson()])) as Record<string, any>;
    expect(statements.ZoneCreate).toMatchObject({ Action: ['route53:CreateHostedZone'], Resource: ['*'] });
    expect(statements.Zones).toMatchObject({
      Action: ['route53:ChangeTagsForResource', 'route53:GetChange', 'route53:GetHostedZone', 'route53:ListResourceRecordSets', 'route53:ListTagsForResource'],
      Resource: ['arn:aws:route53:::change/*', 'arn:aws:route53:::hostedzone/*'],
    });
    expect(statements.ValidationRecords).toMatchObject({
      Action: ['route53:ChangeResourceRecordSets'],
      Condition: {
        'ForAllValues:StringEquals': { 'route53:ChangeResourceRecordSetsRecordTypes': 'CNAME' },
        'ForAllValues:StringLike': { 'route53:ChangeResourceRecordSetsNormalizedRecordNames': ['_*.dev.acme.example'] },
      },
    });
    expect(statements.CreateById).toMatchObject({
      Action: ['acm:RequestCertificate', 'kms:CreateKey'], Resource: ['*'], Condition: { StringEquals: { 'aws:RequestTag/paved:platform': 'acme' } },
    });
    expect(statements.ManageTagged.Resource).toContain(`arn:aws:acm:${props.regions[0]}:${account}:certificate/*`);
    expect(statements.ManageTagged.Condition).toEqual({ StringEquals: { 'aws:ResourceTag/paved:platform': 'acme' } });
    expect(JSON.stringify(statements)).not.toContain('route53:DeleteHostedZone');
  });

  test('has a boundary that caps the new services and keeps only the IAM part of statements shared with other services', () => {
    const boundary = Object.fromEntries(platformDeployBoundaryStatements(props).map((s) => [s.sid, s.toJson()])) as Record<string, any>;
    expect(boundary.PlatformServices.Action).toEqual(expect.arrayContaining(['acm:*', 'route53:*']));
    expect(boundary.CreateTagged).toMatchObject({
      Action: ['iam:CreateOpenIDConnectProvider', 'iam:TagOpenIDConnectProvider'], Resource: [`arn:aws:iam::${account}:oidc-provider/*`],
    });
    expect(boundary.ProtectSelf.Effect).toBe('Deny');
    expect(boundary.ZoneCreate).toBeUndefined();
  });
});
