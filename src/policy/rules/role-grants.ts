import { PolicyStatement, blocks, documentStatements, isExpression, policyStatements } from './terraform-values';
import { TerraformResource } from '../artifacts/terraform-resource';
import { TerraformStackArtifact } from '../artifacts/terraform-stack-artifact';

/** The statements a policy resource gives a role, with that resource (for resolving references). */
export interface RoleGrant {
  /** The resource that holds the statements: the role (inline policies), a role policy, or an attached customer policy. */
  readonly resource: TerraformResource;
  /** Its statements. */
  readonly statements: readonly PolicyStatement[];
}

/** What the stacks grant one role, and what they attach that cannot be read. */
export interface RoleGrants {
  /** The role, when one of the stacks creates it. */
  readonly role?: TerraformResource;
  /** Every policy of the stacks that applies to the role. */
  readonly grants: readonly RoleGrant[];
  /** Policies attached to the role whose statements the stacks do not hold (AWS managed or created elsewhere), by ARN. */
  readonly unreadable: readonly string[];
}

/** The role name of an IAM role ARN (`arn:aws:iam::111111111111:role/path/name` -> `name`); undefined when it is not one. */
export function roleNameOf(arn: string): string | undefined {
  return /^arn:aws[a-z-]*:iam::\d{12}:role\/(?:.*\/)?([\w+=,.@-]+)$/.exec(arn)?.[1];
}

/** The `aws_iam_role` of `stacks` whose name is `roleName`, if one creates it. */
export function roleNamed(stacks: readonly TerraformStackArtifact[], roleName: string): TerraformResource | undefined {
  return stacks.flatMap((s) => s.resourcesOfType('aws_iam_role')).find((r) => r.config.name === roleName);
}

/**
 * What `stacks` grant the role named `roleName`: its inline policies, the `aws_iam_role_policy`
 * resources and the customer policies attached with `aws_iam_role_policy_attachment` whose role
 * is that name or refers to that role (a service stack grants the platform's External Secrets
 * role by name), and the attached policies they do not hold.
 */
export function roleGrants(stacks: readonly TerraformStackArtifact[], roleName: string): RoleGrants {
  const role = roleNamed(stacks, roleName);
  const isTheRole = (resource: TerraformResource) => {
    const value = resource.config.role;
    if (typeof value !== 'string') {
      return false;
    }
    return isExpression(value) ? resource.stack.resolve(value)?.config.name === roleName : value === roleName;
  };
  const grants: RoleGrant[] = [];
  const unreadable: string[] = [];
  if (role) {
    const inline = blocks(role.config.inline_policy).flatMap((block, i) => documentStatements(role, block.policy, `${role.address}.inline_policy[${i}].policy`));
    grants.push({ resource: role, statements: inline });
  }
  const customerPolicies = stacks.flatMap((s) => s.resourcesOfType('aws_iam_policy'));
  for (const stack of stacks) {
    for (const policy of stack.resourcesOfType('aws_iam_role_policy').filter(isTheRole)) {
      grants.push({ resource: policy, statements: policyStatements(policy, 'policy') });
    }
    for (const attachment of stack.resourcesOfType('aws_iam_role_policy_attachment').filter(isTheRole)) {
      const arn = String(attachment.config.policy_arn);
      const policy = isExpression(arn)
        ? attachment.stack.resolve(arn)
        : customerPolicies.find((p) => typeof p.config.name === 'string' && arn.endsWith(`:policy/${p.config.name}`));
      if (policy?.type === 'aws_iam_policy') {
        grants.push({ resource: policy, statements: policyStatements(policy, 'policy') });
      } else {
        unreadable.push(arn);
      }
    }
  }
  return { role, grants, unreadable };
}
