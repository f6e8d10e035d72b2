import { hasWildcard } from './arn-wildcards';
import { IDENTITY_POLICY_TYPES, allowStatements, sidOf } from './identity-policies';
import { TerraformRule } from '../../rule';
import { PolicyStatement } from '../terraform-values';

/**
 * IAM writes that create or widen a principal's permissions and that AWS lets a policy bind to a
 * permissions boundary with the `iam:PermissionsBoundary` condition key.
 */
export const BOUNDED_IAM_WRITES = [
  'iam:CreateRole', 'iam:PutRolePolicy', 'iam:AttachRolePolicy', 'iam:PutRolePermissionsBoundary',
  'iam:CreateUser', 'iam:PutUserPolicy', 'iam:AttachUserPolicy', 'iam:PutUserPermissionsBoundary',
];

/**
 * IAM writes that escalate and that no condition key binds to a boundary: allowed only on named
 * resources, never on "*", and (PassRole) only with `iam:PassedToService`.
 */
export const UNBOUNDED_IAM_WRITES = [
  'iam:PassRole', 'iam:UpdateAssumeRolePolicy', 'iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion',
  'iam:DeleteRolePermissionsBoundary', 'iam:DeleteUserPermissionsBoundary', 'iam:CreateAccessKey', 'iam:CreateLoginProfile',
  'iam:UpdateLoginProfile', 'iam:AddUserToGroup', 'iam:PutGroupPolicy', 'iam:AttachGroupPolicy',
];

export const noPrivilegeEscalation: TerraformRule = {
  id: 'PAVED-AWS-IAM-006',
  pack: 'aws',
  level: 'error',
  target: 'terraform',
  resourceTypes: IDENTITY_POLICY_TYPES,
  title: 'No identity policy is equivalent to AdministratorAccess, IAMFullAccess or PowerUserAccess, or lets its holder escalate through IAM writes.',
  rationale: 'Allowing "*" or iam:* (or any IAM wildcard) is AdministratorAccess or IAMFullAccess by another name; a NotAction allow is how PowerUserAccess is written. '
    + `Whoever may ${BOUNDED_IAM_WRITES.join(', ')} without an iam:PermissionsBoundary condition can give a role of their own any permission; `
    + `${UNBOUNDED_IAM_WRITES.join(', ')} on "*" (or PassRole without iam:PassedToService) lets them take over any role.`,
  fix: 'List the actions needed; bind role and user writes to the platform\'s boundary with StringEquals (or ArnEquals) "iam:PermissionsBoundary" = its ARN; '
    + 'name the roles that may be passed or changed and add iam:PassedToService to PassRole.',
  check: (policy) => allowStatements(policy).flatMap((s) => problemsOf(s)),
};

function problemsOf(s: PolicyStatement): string[] {
  const problems: string[] = [];
  const administrative = s.actions.filter((a) => a.startsWith('*') || (a.toLowerCase().startsWith('iam:') && hasWildcard(a)));
  if (administrative.length > 0) {
    problems.push(`statement ${sidOf(s)} allows ${administrative.join(', ')}, as AdministratorAccess or IAMFullAccess do`);
  }
  if (s.notActions.length > 0) {
    problems.push(`statement ${sidOf(s)} allows everything but ${s.notActions.join(', ')} (NotAction), as PowerUserAccess does`);
  }
  const unbounded = s.actions.filter((a) => BOUNDED_IAM_WRITES.includes(a));
  if (unbounded.length > 0 && !bindsBoundary(s)) {
    problems.push(`statement ${sidOf(s)} allows ${unbounded.join(', ')} without an iam:PermissionsBoundary condition`);
  }
  const everywhere = s.resources.includes('*') || s.notResources.length > 0;
  const escalating = s.actions.filter((a) => UNBOUNDED_IAM_WRITES.includes(a));
  if (escalating.length > 0 && everywhere) {
    problems.push(`statement ${sidOf(s)} allows ${escalating.join(', ')} on every role, user or policy`);
  }
  if (s.actions.includes('iam:PassRole') && !Object.values(s.conditions).some((entries) => 'iam:PassedToService' in entries)) {
    problems.push(`statement ${sidOf(s)} allows iam:PassRole without an iam:PassedToService condition`);
  }
  return problems;
}

/** Whether `s` requires one literal permissions boundary. */
function bindsBoundary(s: PolicyStatement): boolean {
  return ['StringEquals', 'ArnEquals'].some((operator) => {
    const values = s.conditions[operator]?.['iam:PermissionsBoundary'];
    return values !== undefined && values.length > 0 && values.every((v) => !hasWildcard(v));
  });
}
