import { TerraformResource } from '../../artifacts/terraform-resource';
import { PolicyStatement, blocks, documentStatements, isExpression, policyStatements } from '../terraform-values';

/**
 * Resource types that carry IAM identity policies: the policy resources, and `aws_iam_role`,
 * whose `inline_policy` blocks are a second route to a role's inline policies.
 */
export const IDENTITY_POLICY_TYPES = ['aws_iam_role_policy', 'aws_iam_policy', 'aws_iam_user_policy', 'aws_iam_group_policy', 'aws_iam_role'];

/**
 * The statements of an identity policy: its `policy`, or for a role the documents of its
 * `inline_policy` blocks. A customer policy that a role of its stack uses as its permissions
 * boundary grants nothing (a boundary only caps what the role's own policies allow, and
 * PAVED-AWS-IAM-005 refuses attaching it), so it has no statements here.
 */
export function identityStatements(resource: TerraformResource): PolicyStatement[] {
  if (resource.type === 'aws_iam_role') {
    return blocks(resource.config.inline_policy).flatMap((block, i) =>
      documentStatements(resource, block.policy, `${resource.address}.inline_policy[${i}].policy`));
  }
  return isPermissionsBoundary(resource) ? [] : policyStatements(resource, 'policy');
}

/** The Allow statements of an identity policy (including a role's inline policies). */
export function allowStatements(resource: TerraformResource): PolicyStatement[] {
  return identityStatements(resource).filter((s) => s.effect === 'Allow');
}

/**
 * Whether `policy` (an `aws_iam_policy`) is the permissions boundary of a role of its stack:
 * a role's `permissions_boundary` refers to it, or names its ARN.
 */
export function isPermissionsBoundary(policy: TerraformResource): boolean {
  if (policy.type !== 'aws_iam_policy') {
    return false;
  }
  return policy.stack.resourcesOfType('aws_iam_role').some((role) => {
    const boundary = role.config.permissions_boundary;
    if (typeof boundary !== 'string') {
      return false;
    }
    return isExpression(boundary)
      ? policy.stack.resolve(boundary) === policy
      : typeof policy.config.name === 'string' && boundary.endsWith(`:policy/${policy.config.name}`);
  });
}

/** The Sid of `statement` for messages. */
export function sidOf(statement: PolicyStatement): string {
  return statement.sid ?? '(no Sid)';
}
