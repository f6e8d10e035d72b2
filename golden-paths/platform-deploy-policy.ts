import { partitionOf } from '../constructs/aws/arn';
import { PolicyStatement } from '../constructs/aws/policy-statement';
import { SERVICE_ROLE_POLICIES } from '../src/platform/service-role-policies';
import { TAG_KEYS } from '../src/platform/tagging';

/** What the platform's deploy policy in one account is scoped to. */
export interface PlatformDeployPolicyProps {
  /** The platform's name: the prefix of every name it gives and the value of its `paved:platform` tag. */
  readonly platform: string;
  /** The account. */
  readonly account: string;
  /** The regions of the account's environments. */
  readonly regions: readonly string[];
  /** The ARN of the boundary every role the deploy role creates must carry. */
  readonly boundaryArn: string;
  /** The deploy role's own ARN, which the policy forbids it to change. */
  readonly deployRoleArn: string;
  /** The ARN of the deploy role's own boundary, which the policy forbids it to change. */
  readonly deployBoundaryArn: string;
  /** The public DNS zones of the account's environments, each holding the validation records of its certificate. */
  readonly zones: readonly string[];
  /** The buckets (with the key prefix) that hold the account's Terraform state. */
  readonly stateBuckets: readonly { readonly bucket: string; readonly keyPrefix: string }[];
}

/**
 * IAM writes, by verb: denied on the deploy role, its boundary, the platform's boundary and
 * GitHub's OIDC provider, so that the pipeline cannot widen itself or who may assume it. (A Deny
 * may use wildcards: it can only take more away. Reads stay allowed, so plans still refresh them.)
 */
const IAM_WRITES = ['iam:Add*', 'iam:Attach*', 'iam:Create*', 'iam:Delete*', 'iam:Detach*', 'iam:Put*', 'iam:Remove*', 'iam:Set*', 'iam:Tag*',
  'iam:Untag*', 'iam:Update*'];

/**
 * The statements of the platform's deploy role in one account: what `paved apply` needs to
 * create, read, change and destroy what paved's constructs declare (VPC and EC2 networking, EKS,
 * IAM roles and OIDC providers, KMS, S3, SQS, RDS, ECR, Secrets Manager, CloudWatch Logs, the
 * public hosted zones and their ACM certificates) and the Terraform state, and nothing else:
 * - resources AWS names after the platform (`<platform>-*`) are granted by that prefix;
 * - resources known by id only (EC2, KMS keys, OIDC providers, ACM certificates) are granted with
 *   the platform's tag: `aws:RequestTag/paved:platform` to create, `aws:ResourceTag/paved:platform`
 *   to change (statements of several services share one when their conditions are equal: an
 *   action never matches another service's resource, so merging grants nothing more);
 * - Route 53 has neither names nor tags in its permissions: hosted zones are created on `*`,
 *   read and tagged on `hostedzone/*`, and their records changed only for the certificates'
 *   validation names (`_*.<zone>`); deleting a zone (which breaks its delegation) is an
 *   administrator's;
 * - roles are created and changed only with the platform's permissions boundary
 *   (`iam:PermissionsBoundary`), attached only the allow-listed service-role policies, and passed
 *   only to the services that run them;
 * - the deploy role's own role, policy and boundary, the platform's boundary and GitHub's OIDC
 *   provider are denied every write: changing them is an administrator's bootstrap apply.
 */
export function platformDeployStatements(props: PlatformDeployPolicyProps): PolicyStatement[] {
  const { platform, account, regions } = props;
  const partition = partitionOf(regions[0]);
  const regional = (service: string, ...resources: string[]) =>
    regions.flatMap((region) => resources.map((resource) => `arn:${partition}:${service}:${region}:${account}:${resource}`));
  const iam = (...resources: string[]) => resources.map((resource) => `arn:${partition}:iam::${account}:${resource}`);
  const tagged = { StringEquals: { [`aws:ResourceTag/${TAG_KEYS.platform}`]: platform } };
  const tagging = { StringEquals: { [`aws:RequestTag/${TAG_KEYS.platform}`]: platform } };
  const withBoundary = { StringEquals: { 'iam:PermissionsBoundary': props.boundaryArn } };
  const ec2 = regional('ec2', '*');
  const prefix = `${platform}-*`;
  const outsidePrefix = [...new Set(props.stateBuckets.map((s) => s.bucket))].filter((bucket) => !bucket.startsWith(`${platform}-`));
  // Calls that create a resource (a security group rule is one, made by Authorize…): allowed only with the platform's tag in the request.
  const ec2Creates = ['ec2:AllocateAddress', 'ec2:AuthorizeSecurityGroupEgress', 'ec2:AuthorizeSecurityGroupIngress', 'ec2:CreateFlowLogs',
    'ec2:CreateInternetGateway', 'ec2:CreateLaunchTemplate', 'ec2:CreateNatGateway', 'ec2:CreateRouteTable', 'ec2:CreateSecurityGroup', 'ec2:CreateSubnet',
    'ec2:CreateVpc'];

  return [
    new PolicyStatement({
      sid: 'Read',
      // Every EC2 Describe action returns metadata only and has no resource-level permission (PAVED-AWS-IAM-001 allows this one family).
      actions: ['ec2:Describe*', 'kms:ListAliases'],
      resources: ['*'],
    }),
    new PolicyStatement({
      sid: 'CreateTagged',
      actions: [...ec2Creates, 'iam:CreateOpenIDConnectProvider', 'iam:TagOpenIDConnectProvider', 'kms:TagResource'],
      resources: [...ec2, ...iam('oidc-provider/*'), ...regional('kms', 'key/*')],
      conditions: tagging,
    }),
    new PolicyStatement({
      sid: 'Ec2TagOnCreate',
      actions: ['ec2:CreateTags'],
      resources: ec2,
      conditions: { StringEquals: { ...tagging.StringEquals, 'ec2:CreateAction': ec2Creates.map((a) => a.replace('ec2:', '')) } },
    }),
    new PolicyStatement({
      sid: 'ManageTagged',
      actions: [
        'ec2:AssociateAddress', 'ec2:AssociateRouteTable', 'ec2:AttachInternetGateway', 'ec2:CreateLaunchTemplateVersion', 'ec2:CreateRoute', 'ec2:CreateTags', 'ec2:DeleteFlowLogs',
        'ec2:DeleteInternetGateway', 'ec2:DeleteLaunchTemplate', 'ec2:DeleteNatGateway', 'ec2:DeleteRoute', 'ec2:DeleteRouteTable',
        'ec2:DeleteSecurityGroup', 'ec2:DeleteSubnet', 'ec2:DeleteTags', 'ec2:DeleteVpc', 'ec2:DetachInternetGateway', 'ec2:DisassociateAddress',
        'ec2:DisassociateRouteTable', 'ec2:ModifyLaunchTemplate', 'ec2:ModifySecurityGroupRules', 'ec2:ModifySubnetAttribute',
        'ec2:ModifyVpcAttribute', 'ec2:ReleaseAddress', 'ec2:ReplaceRoute', 'ec2:RevokeSecurityGroupEgress', 'ec2:RevokeSecurityGroupIngress',
        'iam:DeleteOpenIDConnectProvider', 'iam:GetOpenIDConnectProvider', 'iam:TagOpenIDConnectProvider', 'iam:UpdateOpenIDConnectProviderThumbprint',
        'kms:CreateAlias', 'kms:CreateGrant', 'kms:Decrypt', 'kms:DeleteAlias', 'kms:DescribeKey', 'kms:EnableKeyRotation',
        'kms:GenerateDataKey', 'kms:GetKeyPolicy', 'kms:GetKeyRotationStatus', 'kms:ListResourceTags', 'kms:PutKeyPolicy', 'kms:ScheduleKeyDeletion',
        'kms:TagResource', 'kms:UntagResource', 'kms:UpdateAlias', 'kms:UpdateKeyDescription',
        'acm:AddTagsToCertificate', 'acm:DeleteCertificate', 'acm:DescribeCertificate', 'acm:ListTagsForCertificate', 'acm:RemoveTagsFromCertificate',
      ],
      resources: [...ec2, ...iam('oidc-provider/*'), ...regional('kms', 'key/*'), ...regional('acm', 'certificate/*')],
      conditions: tagged,
    }),
    new PolicyStatement({
      sid: 'Eks',
      actions: [
        'eks:AssociateAccessPolicy', 'eks:CreateAccessEntry', 'eks:CreateCluster', 'eks:CreateNodegroup', 'eks:DeleteAccessEntry', 'eks:DeleteCluster',
        'eks:DeleteNodegroup', 'eks:DescribeAccessEntry', 'eks:DescribeCluster', 'eks:DescribeNodegroup', 'eks:DescribeUpdate',
        'eks:DisassociateAccessPolicy', 'eks:ListAssociatedAccessPolicies', 'eks:ListTagsForResource', 'eks:TagResource', 'eks:UntagResource',
        'eks:UpdateAccessEntry', 'eks:UpdateClusterConfig', 'eks:UpdateClusterVersion', 'eks:UpdateNodegroupConfig', 'eks:UpdateNodegroupVersion',
      ],
      resources: [
        ...regional('eks', `cluster/${prefix}`, `nodegroup/${prefix}`, `access-entry/${prefix}`),
        `arn:${partition}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy`,
      ],
    }),
    new PolicyStatement({
      sid: 'RolesWithBoundary',
      actions: ['iam:CreateRole', 'iam:DeleteRolePolicy', 'iam:PutRolePermissionsBoundary', 'iam:PutRolePolicy'],
      resources: iam(`role/${prefix}`),
      conditions: withBoundary,
    }),
    new PolicyStatement({
      sid: 'RoleAttachments',
      actions: ['iam:AttachRolePolicy', 'iam:DetachRolePolicy'],
      resources: iam(`role/${prefix}`),
      conditions: {
        ...withBoundary,
        ArnEquals: { 'iam:PolicyARN': Object.keys(SERVICE_ROLE_POLICIES).map((name) => `arn:${partition}:iam::aws:policy/${name}`) },
      },
    }),
    new PolicyStatement({
      sid: 'Roles',
      actions: [
        'iam:DeleteRole', 'iam:GetRole', 'iam:GetRolePolicy', 'iam:ListAttachedRolePolicies', 'iam:ListInstanceProfilesForRole',
        'iam:ListRolePolicies', 'iam:TagRole', 'iam:UntagRole', 'iam:UpdateAssumeRolePolicy', 'iam:UpdateRole',
      ],
      resources: iam(`role/${prefix}`),
    }),
    new PolicyStatement({
      sid: 'PassRoles',
      actions: ['iam:PassRole'],
      resources: iam(`role/${prefix}`),
      conditions: { StringEquals: { 'iam:PassedToService': ['ec2.amazonaws.com', 'eks.amazonaws.com', 'vpc-flow-logs.amazonaws.com'] } },
    }),
    new PolicyStatement({
      sid: 'ServiceLinkedRoles',
      actions: ['iam:CreateServiceLinkedRole'],
      resources: iam(
        'role/aws-service-role/eks.amazonaws.com/AWSServiceRoleForAmazonEKS',
        'role/aws-service-role/eks-nodegroup.amazonaws.com/AWSServiceRoleForAmazonEKSNodegroup',
        'role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling',
        'role/aws-service-role/rds.amazonaws.com/AWSServiceRoleForRDS',
      ),
    }),
    new PolicyStatement({ sid: 'Policies', actions: ['iam:GetPolicy', 'iam:GetPolicyVersion', 'iam:ListPolicyVersions'], resources: iam(`policy/${prefix}`) }),
    // Neither a key's id nor a certificate's is known before it exists.
    new PolicyStatement({ sid: 'CreateById', actions: ['acm:RequestCertificate', 'kms:CreateKey'], resources: ['*'], conditions: tagging }),
    new PolicyStatement({
      sid: 'KmsAliases',
      actions: ['kms:CreateAlias', 'kms:DeleteAlias', 'kms:UpdateAlias'],
      resources: regional('kms', `alias/${prefix}`),
    }),
    new PolicyStatement({
      sid: 'Buckets',
      actions: [
        's3:CreateBucket', 's3:DeleteBucket', 's3:DeleteBucketPolicy', 's3:GetAccelerateConfiguration',
        // Reads of a bucket's configuration (PAVED-AWS-IAM-001 allows this family).
        's3:GetBucket*',
        's3:GetEncryptionConfiguration', 's3:GetLifecycleConfiguration', 's3:GetReplicationConfiguration', 's3:ListBucket', 's3:PutBucketLogging',
        's3:PutBucketOwnershipControls', 's3:PutBucketPolicy', 's3:PutBucketPublicAccessBlock', 's3:PutBucketTagging', 's3:PutBucketVersioning',
        's3:PutEncryptionConfiguration', 's3:PutLifecycleConfiguration',
      ],
      resources: [`arn:${partition}:s3:::${prefix}`],
    }),
    // A state bucket under the platform's prefix is listed by the Buckets statement already.
    ...(outsidePrefix.length === 0 ? [] : [new PolicyStatement({
      sid: 'StateBucket',
      actions: ['s3:ListBucket'],
      resources: outsidePrefix.map((bucket) => `arn:${partition}:s3:::${bucket}`),
    })]),
    ...(props.stateBuckets.length === 0 ? [] : [
      new PolicyStatement({
        sid: 'StateObjects',
        actions: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'],
        resources: props.stateBuckets.map((s) => `arn:${partition}:s3:::${s.bucket}/${s.keyPrefix}*`),
      }),
    ]),
    new PolicyStatement({
      sid: 'Queues',
      actions: ['sqs:CreateQueue', 'sqs:DeleteQueue', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:ListQueueTags', 'sqs:SetQueueAttributes',
        'sqs:TagQueue', 'sqs:UntagQueue'],
      resources: regional('sqs', prefix),
    }),
    new PolicyStatement({
      sid: 'Databases',
      actions: [
        'rds:AddTagsToResource', 'rds:CreateDBInstance', 'rds:CreateDBParameterGroup', 'rds:CreateDBSnapshot', 'rds:CreateDBSubnetGroup',
        'rds:DeleteDBInstance', 'rds:DeleteDBParameterGroup', 'rds:DeleteDBSubnetGroup', 'rds:DescribeDBInstances', 'rds:DescribeDBParameterGroups',
        'rds:DescribeDBParameters', 'rds:DescribeDBSubnetGroups', 'rds:ListTagsForResource', 'rds:ModifyDBInstance', 'rds:ModifyDBParameterGroup',
        'rds:ModifyDBSubnetGroup', 'rds:RemoveTagsFromResource',
      ],
      resources: regional('rds', `db:${prefix}`, `pg:${prefix}`, `subgrp:${prefix}`, `snapshot:${prefix}`),
    }),
    new PolicyStatement({
      sid: 'RdsSecrets',
      // What RDS asks of whoever creates an instance whose master password it manages; never the value.
      actions: ['secretsmanager:CreateSecret', 'secretsmanager:TagResource'],
      resources: regional('secretsmanager', 'secret:rds!*'),
    }),
    new PolicyStatement({
      sid: 'Repositories',
      actions: [
        'ecr:CreateRepository', 'ecr:DeleteLifecyclePolicy', 'ecr:DeleteRepository', 'ecr:DeleteRepositoryPolicy', 'ecr:DescribeRepositories',
        'ecr:GetLifecyclePolicy', 'ecr:GetRepositoryPolicy', 'ecr:ListTagsForResource', 'ecr:PutImageScanningConfiguration', 'ecr:PutImageTagMutability',
        'ecr:PutLifecyclePolicy', 'ecr:SetRepositoryPolicy', 'ecr:TagResource', 'ecr:UntagResource',
      ],
      resources: regional('ecr', `repository/${prefix}`),
    }),
    new PolicyStatement({
      sid: 'Secrets',
      actions: [
        'secretsmanager:CreateSecret', 'secretsmanager:DeleteSecret', 'secretsmanager:DescribeSecret', 'secretsmanager:GetResourcePolicy',
        'secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue', 'secretsmanager:TagResource', 'secretsmanager:UntagResource',
        'secretsmanager:UpdateSecret',
      ],
      resources: regional('secretsmanager', `secret:${prefix}`),
    }),
    new PolicyStatement({
      sid: 'LogGroups',
      actions: [
        'logs:AssociateKmsKey', 'logs:CreateLogGroup', 'logs:DeleteLogGroup',
        'logs:ListTagsForResource', 'logs:PutRetentionPolicy', 'logs:TagResource', 'logs:UntagResource',
      ],
      resources: regional('logs', `log-group:${prefix}`, `log-group:/aws/eks/${prefix}`),
    }),
    new PolicyStatement({
      sid: 'ZoneCreate',
      // Route 53 has no resource-level permission for creating a zone, and no tag condition for any of its actions.
      actions: ['route53:CreateHostedZone'],
      resources: ['*'],
    }),
    new PolicyStatement({
      sid: 'Zones',
      actions: ['route53:ChangeTagsForResource', 'route53:GetChange', 'route53:GetHostedZone', 'route53:ListResourceRecordSets', 'route53:ListTagsForResource'],
      resources: [`arn:${partition}:route53:::hostedzone/*`, `arn:${partition}:route53:::change/*`],
    }),
    new PolicyStatement({
      sid: 'ValidationRecords',
      actions: ['route53:ChangeResourceRecordSets'],
      resources: [`arn:${partition}:route53:::hostedzone/*`],
      conditions: {
        'ForAllValues:StringLike': { 'route53:ChangeResourceRecordSetsNormalizedRecordNames': props.zones.map((zone) => `_*.${zone}`) },
        'ForAllValues:StringEquals': { 'route53:ChangeResourceRecordSetsRecordTypes': 'CNAME' },
      },
    }),
    new PolicyStatement({
      sid: 'ProtectSelf',
      effect: 'Deny',
      actions: IAM_WRITES,
      resources: [props.deployRoleArn, props.deployBoundaryArn, props.boundaryArn, ...iam('oidc-provider/token.actions.githubusercontent.com')],
    }),
  ];
}

/**
 * The deploy role's own boundary, so that a policy added to the role later (by an escape hatch,
 * or by hand) cannot widen it: the other services of `platformDeployStatements` whole, its IAM
 * grants as they are (roles only with the platform's boundary; of a statement shared with other
 * services, its IAM actions and resources), and its denies. A boundary only caps; it grants
 * nothing.
 */
export function platformDeployBoundaryStatements(props: PlatformDeployPolicyProps): PolicyStatement[] {
  const isIam = (action: string) => action.startsWith('iam:');
  // A statement shared with other services keeps only its IAM actions and resources here: the other services are capped whole above.
  const iamPart = (s: PolicyStatement) => (s.actions.every(isIam) ? s : new PolicyStatement({
    sid: s.sid, effect: s.effect, actions: s.actions.filter(isIam), resources: s.resources.filter((r) => r.includes(':iam::')), conditions: s.conditions,
  }));
  return [
    new PolicyStatement({
      sid: 'PlatformServices',
      actions: ['acm:*', 'ec2:*', 'eks:*', 'kms:*', 's3:*', 'sqs:*', 'rds:*', 'ecr:*', 'secretsmanager:*', 'logs:*', 'route53:*'],
      resources: ['*'],
    }),
    ...platformDeployStatements(props).filter((s) => s.actions.some(isIam)).map(iamPart),
  ];
}
