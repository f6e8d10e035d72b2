import { unscopedWildcard } from './arn-wildcards';
import { IDENTITY_POLICY_TYPES, allowStatements, sidOf } from './identity-policies';
import { TerraformRule } from '../../rule';

/**
 * Actions AWS offers no resource-level permissions for: they may only be granted on "*". Every
 * EC2 `Describe…` action is one of them too (`isWithoutResourceLevelPermissions`).
 */
export const ACTIONS_WITHOUT_RESOURCE_LEVEL_PERMISSIONS = [
  'ecr:GetAuthorizationToken',
  'sts:GetCallerIdentity',
  'cloudwatch:PutMetricData',
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'rds-db:connect-all',
  // What the platform's deploy role needs to create a key (whose id nobody knows before) and to find aliases.
  'kms:CreateKey',
  'kms:ListAliases',
  // What the platform's deploy role needs to create a public hosted zone and request its certificate (neither has a resource yet).
  'acm:RequestCertificate',
  'route53:CreateHostedZone',
  // What the AWS Load Balancer Controller and external-dns list to find certificates and zones.
  'acm:ListCertificates',
  'iam:ListServerCertificates',
  'route53:ListHostedZones',
];

/**
 * Whether AWS has no resource-level permission for `action`: the list, or an EC2 or Elastic
 * Load Balancing `Describe…` action.
 */
export function isWithoutResourceLevelPermissions(action: string): boolean {
  return ACTIONS_WITHOUT_RESOURCE_LEVEL_PERMISSIONS.includes(action) || /^(ec2|elasticloadbalancing):Describe([A-Za-z]+|\*)$/.test(action);
}

export const noWildcardResources: TerraformRule = {
  id: 'PAVED-AWS-IAM-002',
  pack: 'aws',
  level: 'error',
  target: 'terraform',
  resourceTypes: IDENTITY_POLICY_TYPES,
  title: 'IAM identity policies allow actions on "*" only where AWS has no resource-level permission, and no ARN wildcard reaches past one named resource.',
  rationale: 'Resource "*" (or a NotResource) grants the action on every resource in the account, including other teams\'; so does a wildcard in an ARN '
    + '(arn:aws:s3:::*, arn:aws:sqs:*:*:*, role/*). Allowed wildcards stay inside one named resource (a bucket\'s objects, a log group\'s streams, '
    + 'a secret\'s -?????? suffix); in the platform\'s own stacks also names under the platform\'s prefix (role/acme-*) and RDS-managed secrets '
    + '(secret:rds!*); anywhere, statements that require the platform\'s tag (aws:ResourceTag/paved:platform or aws:RequestTag/paved:platform).',
  fix: 'Grant through the modules, which scope every statement to exact ARNs; or name the resources, or require the platform tag in a StringEquals condition.',
  check: (policy) => allowStatements(policy).flatMap((s) => {
    const actions = s.actions.filter((a) => !isWithoutResourceLevelPermissions(a));
    // NotResource grants on every resource but the ones it names: as wide as "*".
    const everywhere = s.resources.includes('*') ? '"*"'
      : s.notResources.length > 0 ? `every resource but ${s.notResources.join(', ')}` : undefined;
    const problems = actions.length > 0 && everywhere ? [`statement ${sidOf(s)} allows ${actions.join(', ')} on ${everywhere}`] : [];
    for (const arn of s.resources) {
      const why = unscopedWildcard(arn, s, policy);
      if (why) {
        problems.push(`statement ${sidOf(s)} allows ${s.actions.join(', ')} on ${arn}: ${why}`);
      }
    }
    return problems;
  }),
};
