import { webIdentityTrust } from './web-identity-trust';
import { TerraformRule } from '../../rule';

export const workloadIdentityTrust: TerraformRule = {
  id: 'PAVED-AWS-IAM-003',
  pack: 'aws',
  level: 'error',
  target: 'terraform',
  resourceTypes: ['aws_iam_role'],
  title: 'A role assumed through a cluster OIDC provider trusts exactly one service account.',
  rationale: 'Without an exact sub condition, every pod of the cluster (or of a namespace) can take the role.',
  fix: 'Use the WorkloadIdentity construct, or add StringEquals on "<issuer>:sub" = "system:serviceaccount:<namespace>:<name>" and "<issuer>:aud" = "sts.amazonaws.com".',
  check: (role) => webIdentityTrust(role, 'eks-cluster')
    .flatMap((s) => {
      const equals = s.conditions.StringEquals ?? {};
      const subjects = Object.entries(equals).filter(([key]) => key.endsWith(':sub')).flatMap(([, values]) => values);
      const audiences = Object.entries(equals).filter(([key]) => key.endsWith(':aud')).flatMap(([, values]) => values);
      const problems: string[] = [];
      if (subjects.length !== 1 || !/^system:serviceaccount:[a-z0-9-]+:[a-z0-9-.]+$/.test(subjects[0])) {
        problems.push(`trust is not scoped to one service account (StringEquals :sub = ${JSON.stringify(subjects)})`);
      }
      if (Object.keys(s.conditions).some((operator) => operator.startsWith('StringLike'))) {
        problems.push('trust uses StringLike, which allows wildcards');
      }
      if (!audiences.includes('sts.amazonaws.com')) {
        problems.push(`trust does not require the audience sts.amazonaws.com (got ${JSON.stringify(audiences)})`);
      }
      return problems;
    }),
};
