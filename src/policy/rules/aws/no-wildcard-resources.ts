import { IDENTITY_POLICY_TYPES, allowStatements } from './identity-policies';
import { TerraformRule } from '../../rule';

/** Actions AWS offers no resource-level permissions for: they may only be granted on "*". */
export const ACTIONS_WITHOUT_RESOURCE_LEVEL_PERMISSIONS = [
  'ecr:GetAuthorizationToken',
  'sts:GetCallerIdentity',
  'cloudwatch:PutMetricData',
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'rds-db:connect-all',
];

export const noWildcardResources: TerraformRule = {
  id: 'PAVED-AWS-IAM-002',
  pack: 'aws',
  level: 'error',
  target: 'terraform',
  resourceTypes: IDENTITY_POLICY_TYPES,
  title: 'IAM policies allow actions on "*" only where AWS has no resource-level permission.',
  rationale: 'Resource "*" (or a NotResource) grants the action on every resource in the account, including other teams\'.',
  fix: 'Grant through the modules, which scope every statement to exact ARNs.',
  check: (policy) => allowStatements(policy).flatMap((s) => {
    const actions = s.actions.filter((a) => !ACTIONS_WITHOUT_RESOURCE_LEVEL_PERMISSIONS.includes(a));
    // NotResource grants on every resource but the ones it names: as wide as "*".
    const everywhere = s.resources.includes('*') ? '"*"'
      : s.notResources.length > 0 ? `every resource but ${s.notResources.join(', ')}` : undefined;
    return actions.length > 0 && everywhere ? [`statement ${s.sid ?? '(no Sid)'} allows ${actions.join(', ')} on ${everywhere}`] : [];
  }),
};
