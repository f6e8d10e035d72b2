import { SERVICE_ROLE_POLICIES } from '../../../platform/service-role-policies';
import { TerraformResource } from '../../artifacts/terraform-resource';
import { TerraformRule } from '../../rule';
import { blocks, policyStatements } from '../terraform-values';

/** AWS-managed policies that grant every action, every IAM action, or everything but IAM. */
const ADMINISTRATIVE = ['AdministratorAccess', 'IAMFullAccess', 'PowerUserAccess'];

const AWS_MANAGED = /^arn:aws[a-z-]*:iam::aws:policy\/(?:.*\/)?([^/]+)$/;

/** Attachment types and the attributes naming what they attach. */
const ATTACHMENTS: Readonly<Record<string, string>> = {
  aws_iam_role_policy_attachment: 'policy_arn',
  aws_iam_policy_attachment: 'policy_arn',
  aws_iam_user_policy_attachment: 'policy_arn',
  aws_iam_group_policy_attachment: 'policy_arn',
  aws_iam_role_policy_attachments_exclusive: 'policy_arns',
};

export const noManagedPolicies: TerraformRule = {
  id: 'PAVED-AWS-IAM-005',
  pack: 'aws',
  level: 'error',
  target: 'terraform',
  resourceTypes: [...Object.keys(ATTACHMENTS), 'aws_iam_role'],
  title: 'Roles get permissions only from their aws_iam_role_policy: no managed policy attached by any route (attachment resources, managed_policy_arns) '
    + 'but the allow-listed AWS service-role policies, and no inline_policy blocks.',
  rationale: 'An attached policy is reviewed nowhere in the output: AdministratorAccess, IAMFullAccess and PowerUserAccess grant (nearly) everything, and a '
    + 'customer policy attached by ARN can be defined or changed outside the stack. inline_policy blocks make Terraform the exclusive manager of the '
    + "role's inline policies, replacing (or, when empty, deleting) the grants the modules write; their statements are also checked by the other IAM rules. "
    + `Allowed: ${Object.entries(SERVICE_ROLE_POLICIES).map(([name, { service, why }]) => `${name} on a role only ${service} assumes (${why})`).join('; ')}.`,
  fix: 'Grant through the modules (bucket.grantRead(role), role.addToPolicy(...)) or declare a deviation with the reason; '
    + 'attach an allow-listed service-role policy only to a role that only its service assumes.',
  check: (resource) => {
    if (resource.type === 'aws_iam_role') {
      const problems = ([] as unknown[]).concat(resource.config.managed_policy_arns ?? [])
        .flatMap((arn) => attachmentProblems(String(arn), resource, 'managed_policy_arns'));
      const inline = blocks(resource.config.inline_policy);
      if (inline.length > 0) {
        problems.push(`the role declares ${inline.length} inline_policy block(s) (${inline.map((b) => JSON.stringify(b.name ?? '')).join(', ')}): `
          + 'grants go in the aws_iam_role_policy the modules write');
      }
      return problems;
    }
    const attribute = ATTACHMENTS[resource.type];
    const arns = ([] as unknown[]).concat(resource.config[attribute] ?? []).map(String);
    const toUsersOrGroups = resource.type === 'aws_iam_user_policy_attachment' || resource.type === 'aws_iam_group_policy_attachment'
      || blocks(resource.config.users).length > 0 || blocks(resource.config.groups).length > 0;
    if (toUsersOrGroups) {
      return arns.map((arn) => `${attribute} attaches ${arn} to users or groups: paved grants to roles only`);
    }
    const roleValues: unknown[] = resource.type === 'aws_iam_policy_attachment' ? blocks(resource.config.roles)
      : [resource.config.role ?? resource.config.role_name];
    const roles = roleValues.map((role) => (typeof role === 'string' ? roleNamed(resource, role) : undefined));
    return arns.flatMap((arn) => (roles.length === 0 ? [undefined] : roles).flatMap((role) => attachmentProblems(arn, role, attribute)));
  },
};

/** What is wrong with attaching `arn` to `role` (`undefined` when the role is not in the stack). */
function attachmentProblems(arn: string, role: TerraformResource | undefined, attribute: string): string[] {
  const name = AWS_MANAGED.exec(arn)?.[1];
  if (name === undefined) {
    return [`${attribute} attaches ${arn}, which is not an AWS-managed policy: a customer policy attached by ARN is reviewed nowhere in the stack`];
  }
  if (ADMINISTRATIVE.includes(name)) {
    return [`${attribute} attaches ${name}, which grants ${name === 'IAMFullAccess' ? 'every IAM action' : name === 'PowerUserAccess' ? 'every action but IAM and Organizations' : 'every action'}`];
  }
  const allowed = SERVICE_ROLE_POLICIES[name];
  if (!allowed) {
    return [`${attribute} attaches the AWS-managed policy ${name}, which is not an allow-listed service-role policy (${Object.keys(SERVICE_ROLE_POLICIES).join(', ')})`];
  }
  if (!role) {
    return [`${attribute} attaches ${name} to a role the stack does not declare, so who assumes it cannot be checked`];
  }
  const trusted = policyStatements(role, 'assume_role_policy').filter((s) => s.effect === 'Allow').flatMap((s) => s.principals);
  return trusted.length > 0 && trusted.every((p) => p === allowed.service)
    ? []
    : [`${attribute} attaches ${name} to ${role.address}, which is assumed by ${JSON.stringify(trusted)}, not only by ${allowed.service}`];
}

/** The role of the stack that `value` (a reference or a literal name) names. */
function roleNamed(resource: TerraformResource, value: string): TerraformResource | undefined {
  const referenced = resource.stack.resolve(value);
  if (referenced) {
    return referenced.type === 'aws_iam_role' ? referenced : undefined;
  }
  return resource.stack.resourcesOfType('aws_iam_role').find((role) => role.config.name === value);
}
