import { webIdentityTrust } from './web-identity-trust';
import { GITHUB_ACTIONS_OIDC_HOST } from '../../../platform/github-actions';
import { TerraformRule } from '../../rule';

const AUDIENCE = `${GITHUB_ACTIONS_OIDC_HOST}:aud`;
const SUBJECT = `${GITHUB_ACTIONS_OIDC_HOST}:sub`;

/** `repo:<owner>/<repo>:<ref, environment or event>`, with no wildcard in owner or repository. */
const ONE_REPOSITORY = /^repo:([^/:*?]+\/[^/:*?]+):.+$/;

export const githubActionsTrust: TerraformRule = {
  id: 'PAVED-AWS-IAM-004',
  pack: 'aws',
  level: 'error',
  target: 'terraform',
  resourceTypes: ['aws_iam_role'],
  title: 'A role assumed through GitHub Actions OIDC trusts the workflows of one repository, with the STS audience.',
  rationale: 'GitHub issues tokens to every workflow of every repository on github.com: without a sub condition naming one repository, any of them can take the role.',
  fix: `Add StringEquals "${AUDIENCE}" = "sts.amazonaws.com" and StringEquals (or StringLike) "${SUBJECT}" = "repo:<owner>/<repo>:<ref or environment>", with no wildcard in <owner>/<repo>.`,
  check: (role) => webIdentityTrust(role, 'github-actions').flatMap((s) => {
    const audiences = s.conditions.StringEquals?.[AUDIENCE] ?? [];
    const subjects = ['StringEquals', 'StringLike'].flatMap((operator) => s.conditions[operator]?.[SUBJECT] ?? []);
    const repositories = new Set(subjects.map((subject) => ONE_REPOSITORY.exec(subject)?.[1]));
    const problems: string[] = [];
    if (audiences.length === 0 || audiences.some((audience) => audience !== 'sts.amazonaws.com')) {
      problems.push(`trust does not require the audience sts.amazonaws.com (StringEquals ${AUDIENCE} = ${JSON.stringify(audiences)})`);
    }
    if (repositories.size !== 1 || repositories.has(undefined)) {
      problems.push(`trust is not scoped to one repository (${SUBJECT} = ${JSON.stringify(subjects)})`);
    }
    return problems;
  }),
};
