import { hasWildcard } from './arn-wildcards';
import { IDENTITY_POLICY_TYPES, allowStatements, sidOf } from './identity-policies';
import { TerraformRule } from '../../rule';

/**
 * Wildcard actions allowed, each a family of reads of configuration (never of data) that the
 * platform's deploy policy needs and could not list action by action without going past IAM's
 * limit of 10,240 characters for a role's inline policies:
 * - `ec2:Describe*`: over 200 actions that return metadata only, none with a resource-level permission;
 * - `s3:GetBucket*`: a bucket's ACL, CORS, location, logging, policy, public access block, tags,
 *   versioning and website settings; object reads are `s3:GetObject*`, outside the family.
 */
export const READ_ONLY_ACTION_FAMILIES = ['ec2:Describe*', 's3:GetBucket*'];

export const noWildcardActions: TerraformRule = {
  id: 'PAVED-AWS-IAM-001',
  pack: 'aws',
  level: 'error',
  target: 'terraform',
  resourceTypes: IDENTITY_POLICY_TYPES,
  title: 'IAM identity policies (and roles\' inline_policy blocks) allow no wildcard actions: no "*", "service:*", "iam:Pass*", "s3:Get?bject", no NotAction (only the read-only families ec2:Describe* and s3:GetBucket* are allowed).',
  rationale: 'A wildcard grants every action it matches, including the ones AWS adds later (s3:Get* reads every object, iam:Pass* passes any role); a NotAction allow grants everything but the few it names. Least privilege names each action. '
    + 'A customer policy that a role of its stack uses as its permissions boundary is not read as a grant (a boundary only caps; PAVED-AWS-IAM-005 refuses attaching it).',
  fix: 'Grant through the modules (bucket.grantRead(), queue.grantConsume(), ...) or list the actions needed, one by one.',
  check: (policy) => allowStatements(policy).flatMap((s) => [...s.actions.filter((a) => hasWildcard(a) && !READ_ONLY_ACTION_FAMILIES.includes(a)), ...s.notActions.map((a) => `NotAction ${a}`)]
    .map((a) => `statement ${sidOf(s)} allows ${a}`)),
};
