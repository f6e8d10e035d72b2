import { hasWildcard } from './arn-wildcards';
import { TerraformRule } from '../../rule';
import { isExpression, policyStatements } from '../terraform-values';

export const rolePermissionsBoundary: TerraformRule = {
  id: 'PAVED-AWS-IAM-007',
  pack: 'aws',
  level: 'error',
  target: 'terraform',
  resourceTypes: ['aws_iam_role'],
  title: 'Every role carries a permissions boundary of the platform: a policy named under its prefix, or a policy of its stack that allows neither "*", an IAM wildcard nor NotAction.',
  rationale: 'The platform\'s deploy role may create roles only with the platform\'s boundary (iam:PermissionsBoundary): a role without one is capped by '
    + 'nothing and could not have been created by the pipeline; a boundary such as AdministratorAccess, a policy the platform does not name, or a policy '
    + 'that allows "*" (or NotAction) caps nothing the platform chose.',
  fix: 'Use the Role construct (or WorkloadIdentity), which sets the platform\'s boundary; on a raw aws_iam_role set permissions_boundary to '
    + '"arn:aws:iam::<account>:policy/<platform>-paved-boundary".',
  check: (role) => {
    const boundary = role.config.permissions_boundary;
    if (typeof boundary !== 'string' || boundary === '') {
      return 'no permissions_boundary';
    }
    if (!isExpression(boundary)) {
      const platform = role.stack.ownership.platform;
      return new RegExp(`^arn:aws[a-z-]*:iam::\\d{12}:policy/${platform}-[^*?]+$`).test(boundary)
        ? undefined
        : `the permissions boundary ${boundary} is not a policy of the platform (arn:aws:iam::<account>:policy/${platform}-...)`;
    }
    const policy = role.stack.resolve(boundary);
    if (policy?.type !== 'aws_iam_policy') {
      return `the permissions boundary ${boundary} is not a policy of the stack, so what it caps cannot be checked`;
    }
    const unbounded = policyStatements(policy, 'policy').filter((s) => s.effect === 'Allow'
      && (s.notActions.length > 0 || s.actions.some((a) => a.startsWith('*') || (a.toLowerCase().startsWith('iam:') && hasWildcard(a)))));
    return unbounded.map((s) => `the permissions boundary ${policy.address} caps nothing: statement ${s.sid ?? '(no Sid)'} allows `
      + `${s.notActions.length > 0 ? `everything but ${s.notActions.join(', ')}` : s.actions.join(', ')}`);
  },
};
