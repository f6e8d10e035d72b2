import { TerraformRule } from '../../rule';

const AWS_MANAGED = /^arn:aws[a-z-]*:iam::aws:policy\//;

export const rolePermissionsBoundary: TerraformRule = {
  id: 'PAVED-AWS-IAM-007',
  pack: 'aws',
  level: 'error',
  target: 'terraform',
  resourceTypes: ['aws_iam_role'],
  title: 'Every role carries a permissions boundary that is a customer policy (the platform\'s, which the Role construct sets).',
  rationale: 'The platform\'s deploy role may create roles only with the platform\'s boundary (iam:PermissionsBoundary): a role without one, or with an '
    + 'AWS-managed policy such as AdministratorAccess as its boundary, is capped by nothing and could not have been created by the pipeline.',
  fix: 'Use the Role construct (or WorkloadIdentity), which sets the platform\'s boundary; on a raw aws_iam_role set permissions_boundary to '
    + '"arn:aws:iam::<account>:policy/<platform>-paved-boundary".',
  check: (role) => {
    const boundary = role.config.permissions_boundary;
    if (typeof boundary !== 'string' || boundary === '') {
      return 'no permissions_boundary';
    }
    return AWS_MANAGED.test(boundary) ? `the permissions boundary ${boundary} is an AWS-managed policy, which caps nothing the platform chose` : undefined;
  },
};
