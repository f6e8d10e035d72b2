import { TAG_KEYS } from '../../src/platform/tagging';
import { PolicyStatement } from '../aws/policy-statement';

/** The tag the AWS Load Balancer Controller puts on what it creates, naming its cluster. */
export const CONTROLLER_CLUSTER_TAG = 'elbv2.k8s.aws/cluster';

/** Where the controller's policy applies: the environment's partition, region and account, and the platform's tag. */
export interface LoadBalancerControllerPolicyScope {
  /** The AWS partition: `aws`. */
  readonly partition: string;
  /** The region. */
  readonly region: string;
  /** The account id. */
  readonly account: string;
  /** The platform's name: the value of the `paved:platform` tag every resource the controller creates carries (its `defaultTags`). */
  readonly platform: string;
}

/**
 * The AWS Load Balancer Controller's permissions, after the upstream controller's documented IAM
 * policy (docs/install/iam_policy.json), made narrower: every statement that creates something
 * requires the platform's tag on the request (the controller's `defaultTags` put it on all it
 * creates) and the controller's `elbv2.k8s.aws/cluster` tag; every statement that changes or
 * deletes something requires both tags on the resource; ARNs name the environment's region and
 * account. Shield, WAF and Cognito are left out (the add-on turns them off), and so is
 * `iam:CreateServiceLinkedRole` (the account's ELB service-linked role exists once the platform
 * stack has created a load balancer, or is created by the platform's deploy role).
 */
export function loadBalancerControllerStatements(scope: LoadBalancerControllerPolicyScope): PolicyStatement[] {
  const arn = (service: string, resource: string) => `arn:${scope.partition}:${service}:${scope.region}:${scope.account}:${resource}`;
  const requestTag = { [`aws:RequestTag/${TAG_KEYS.platform}`]: scope.platform };
  const resourceTag = { [`aws:ResourceTag/${TAG_KEYS.platform}`]: scope.platform };
  const clusterRequestTag = { [`aws:RequestTag/${CONTROLLER_CLUSTER_TAG}`]: 'false' };
  const clusterResourceTag = { [`aws:ResourceTag/${CONTROLLER_CLUSTER_TAG}`]: 'false' };
  const securityGroups = arn('ec2', 'security-group/*');
  const loadBalancers = [arn('elasticloadbalancing', 'loadbalancer/app/*/*'), arn('elasticloadbalancing', 'loadbalancer/net/*/*')];
  const targetGroups = arn('elasticloadbalancing', 'targetgroup/*/*');
  const listeners = [
    arn('elasticloadbalancing', 'listener/app/*/*/*'), arn('elasticloadbalancing', 'listener/net/*/*/*'),
    arn('elasticloadbalancing', 'listener-rule/app/*/*/*/*'), arn('elasticloadbalancing', 'listener-rule/net/*/*/*/*'),
  ];
  return [
    new PolicyStatement({
      sid: 'Describe',
      actions: [
        'ec2:DescribeAccountAttributes', 'ec2:DescribeAddresses', 'ec2:DescribeAvailabilityZones', 'ec2:DescribeInternetGateways',
        'ec2:DescribeVpcs', 'ec2:DescribeVpcPeeringConnections', 'ec2:DescribeSubnets', 'ec2:DescribeSecurityGroups',
        'ec2:DescribeInstances', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeTags', 'ec2:DescribeCoipPools',
        'ec2:DescribeIpamPools', 'ec2:DescribeRouteTables',
        'elasticloadbalancing:DescribeLoadBalancers', 'elasticloadbalancing:DescribeLoadBalancerAttributes',
        'elasticloadbalancing:DescribeListeners', 'elasticloadbalancing:DescribeListenerCertificates',
        'elasticloadbalancing:DescribeSSLPolicies', 'elasticloadbalancing:DescribeRules', 'elasticloadbalancing:DescribeTargetGroups',
        'elasticloadbalancing:DescribeTargetGroupAttributes', 'elasticloadbalancing:DescribeTargetHealth', 'elasticloadbalancing:DescribeTags',
        'elasticloadbalancing:DescribeTrustStores', 'elasticloadbalancing:DescribeListenerAttributes', 'elasticloadbalancing:DescribeCapacityReservation',
        'acm:ListCertificates', 'iam:ListServerCertificates',
      ],
      resources: ['*'],
    }),
    new PolicyStatement({
      sid: 'ReadPlatformCertificates',
      actions: ['acm:DescribeCertificate'],
      resources: [arn('acm', 'certificate/*')],
      conditions: { StringEquals: resourceTag },
    }),
    new PolicyStatement({
      sid: 'CreateSecurityGroups',
      actions: ['ec2:CreateSecurityGroup'],
      resources: [securityGroups, arn('ec2', 'vpc/*')],
      conditions: { StringEquals: requestTag, Null: clusterRequestTag },
    }),
    new PolicyStatement({
      sid: 'TagNewSecurityGroups',
      actions: ['ec2:CreateTags'],
      resources: [securityGroups],
      conditions: { StringEquals: { ...requestTag, 'ec2:CreateAction': 'CreateSecurityGroup' }, Null: clusterRequestTag },
    }),
    new PolicyStatement({
      sid: 'ManageSecurityGroups',
      actions: ['ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress', 'ec2:DeleteSecurityGroup', 'ec2:CreateTags', 'ec2:DeleteTags'],
      resources: [securityGroups],
      conditions: { StringEquals: resourceTag },
    }),
    new PolicyStatement({
      sid: 'CreateLoadBalancers',
      actions: ['elasticloadbalancing:CreateLoadBalancer', 'elasticloadbalancing:CreateTargetGroup'],
      resources: [...loadBalancers, targetGroups],
      conditions: { StringEquals: requestTag, Null: clusterRequestTag },
    }),
    new PolicyStatement({
      sid: 'TagNewLoadBalancers',
      actions: ['elasticloadbalancing:AddTags'],
      resources: [...loadBalancers, targetGroups, ...listeners],
      conditions: {
        StringEquals: { ...requestTag, 'elasticloadbalancing:CreateAction': ['CreateTargetGroup', 'CreateLoadBalancer', 'CreateListener', 'CreateRule'] },
      },
    }),
    new PolicyStatement({
      sid: 'ManageLoadBalancers',
      actions: [
        'elasticloadbalancing:CreateListener', 'elasticloadbalancing:DeleteListener', 'elasticloadbalancing:CreateRule', 'elasticloadbalancing:DeleteRule',
        'elasticloadbalancing:ModifyListener', 'elasticloadbalancing:ModifyListenerAttributes', 'elasticloadbalancing:ModifyRule',
        'elasticloadbalancing:AddListenerCertificates', 'elasticloadbalancing:RemoveListenerCertificates',
        'elasticloadbalancing:ModifyLoadBalancerAttributes', 'elasticloadbalancing:SetIpAddressType', 'elasticloadbalancing:SetSecurityGroups',
        'elasticloadbalancing:SetSubnets', 'elasticloadbalancing:DeleteLoadBalancer', 'elasticloadbalancing:ModifyTargetGroup',
        'elasticloadbalancing:ModifyTargetGroupAttributes', 'elasticloadbalancing:RegisterTargets', 'elasticloadbalancing:DeregisterTargets',
        'elasticloadbalancing:DeleteTargetGroup', 'elasticloadbalancing:AddTags', 'elasticloadbalancing:RemoveTags',
      ],
      resources: [...loadBalancers, targetGroups, ...listeners],
      conditions: { StringEquals: resourceTag, Null: clusterResourceTag },
    }),
  ];
}
