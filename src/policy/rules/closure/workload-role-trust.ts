import { closureRule, describeObject } from './closure-rule';
import { ADD_ON_LABEL } from '../../../platform/cluster-capabilities';
import { ExistingServiceAccount, ROLE_ARN_ANNOTATION } from '../../artifacts/cluster-provisions';
import { TerraformStackArtifact } from '../../artifacts/terraform-stack-artifact';
import { webIdentityTrust } from '../aws/web-identity-trust';
import { iamPatternMatches } from '../iam-pattern';
import { roleNameOf, roleNamed } from '../role-grants';

/** The condition operators whose `<issuer>:sub` values a web identity token's subject is compared with. */
const SUBJECT_OPERATORS: Readonly<Record<string, boolean>> = { StringEquals: false, StringLike: true };

export const workloadRoleTrust = closureRule({
  id: 'PAVED-CLS-IAM-001',
  level: 'error',
  kinds: ['ServiceAccount', 'Application'],
  title: "Every ServiceAccount with an IAM role (its eks.amazonaws.com/role-arn, or an add-on's) names a role of its cluster's stacks whose trust lets that ServiceAccount assume it through the cluster's OIDC provider.",
  rationale: 'A role whose trust names another ServiceAccount (or none) refuses the pods\' tokens: the workload gets AccessDenied on its first AWS call.',
  fix: 'Create the role with WorkloadIdentity for the ServiceAccount\'s namespace and name, and annotate the ServiceAccount with its ARN (SecureWorkload and the golden paths do).',
}, (object, cluster) => {
  const accounts: [string, ExistingServiceAccount][] = object.kind === 'ServiceAccount'
    ? [[`${object.namespace}/${object.name}`, { roleArn: object.annotations[ROLE_ARN_ANNOTATION], object }]]
    : [...cluster.declaredServiceAccounts].filter(([, account]) => account.addOn !== undefined && account.addOn.application === object);
  return accounts.flatMap(([key, account]) => {
    if (account.roleArn === undefined) {
      return [];
    }
    const who = object.kind === 'ServiceAccount' ? describeObject(object) : `ServiceAccount '${key}' of add-on '${object.labels[ADD_ON_LABEL]}' in environment '${object.environment?.name}'`;
    const problem = trustProblem(cluster.stacks, account.roleArn, `system:serviceaccount:${key.replace('/', ':')}`);
    return problem === undefined ? [] : [`${who} ${problem}`];
  });
});

/** Why the role of `roleArn` in `stacks` does not let `subject` assume it through an EKS cluster's OIDC provider. */
function trustProblem(stacks: readonly TerraformStackArtifact[], roleArn: string, subject: string): string | undefined {
  const name = roleNameOf(roleArn);
  const role = name === undefined ? undefined : roleNamed(stacks, name);
  if (!role) {
    return `has the role ${roleArn}, which no stack of its cluster creates, so its trust cannot be checked (the rule fails closed); create the role with WorkloadIdentity, or correct ${ROLE_ARN_ANNOTATION}`;
  }
  const trusted = webIdentityTrust(role, 'eks-cluster').some((statement) => Object.entries(SUBJECT_OPERATORS).some(([operator, wildcards]) =>
    Object.entries(statement.conditions[operator] ?? {}).some(([key, values]) => key.endsWith(':sub')
      && values.some((value) => (wildcards ? iamPatternMatches(value, subject) : value === subject)))));
  return trusted ? undefined
    : `has the role '${name}' (in ${role.stack.location}), whose trust does not let '${subject}' assume it through the cluster's OIDC provider; create the role with WorkloadIdentity for this namespace and name`;
}
