import { hasWildcard } from './arn-wildcards';
import { IDENTITY_POLICY_TYPES, allowStatements, sidOf } from './identity-policies';
import { TerraformRule } from '../../rule';

/**
 * Wildcard actions allowed, each a family of read-only calls with no resource-level permission:
 * `ec2:Describe*` (over 200 actions that return metadata only; listing each would push the
 * platform's deploy policy past IAM's 10,240-character limit for a role's inline policies).
 */
export const READ_ONLY_ACTION_FAMILIES = ['ec2:Describe*'];

export const noWildcardActions: TerraformRule = {
  id: 'PAVED-AWS-IAM-001',
  pack: 'aws',
  level: 'error',
  target: 'terraform',
  resourceTypes: IDENTITY_POLICY_TYPES,
  title: 'IAM identity policies (and roles\' inline_policy blocks) allow no wildcard actions: no "*", "service:*", "iam:Pass*", "s3:Get?bject", no NotAction (only ec2:Describe*, read-only metadata, is allowed).',
  rationale: 'A wildcard grants every action it matches, including the ones AWS adds later (s3:Get* reads every object, iam:Pass* passes any role); a NotAction allow grants everything but the few it names. Least privilege names each action.',
  fix: 'Grant through the modules (bucket.grantRead(), queue.grantConsume(), ...) or list the actions needed, one by one.',
  check: (policy) => allowStatements(policy).flatMap((s) => [...s.actions.filter((a) => hasWildcard(a) && !READ_ONLY_ACTION_FAMILIES.includes(a)), ...s.notActions.map((a) => `NotAction ${a}`)]
    .map((a) => `statement ${sidOf(s)} allows ${a}`)),
};
