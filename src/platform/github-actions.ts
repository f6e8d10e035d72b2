import { PavedValidationError } from './paved-validation-error';
import type { Platform } from './platform';

/**
 * Pinned actions the generated workflows share; a golden path's toolchain pins its own setup
 * action (`Toolchain.setup`).
 */
export const ACTIONS = {
  checkout: 'actions/checkout@v4',
  setupNode: 'actions/setup-node@v4',
  setupTofu: 'opentofu/setup-opentofu@v1',
  awsCredentials: 'aws-actions/configure-aws-credentials@v4',
  ecrLogin: 'aws-actions/amazon-ecr-login@v2',
  trivy: 'aquasecurity/trivy-action@0.28.0',
  uploadArtifact: 'actions/upload-artifact@v4',
  downloadArtifact: 'actions/download-artifact@v4',
} as const;

/** The OIDC issuer of GitHub Actions: workflows assume AWS roles through it, with no stored keys. */
export const GITHUB_ACTIONS_OIDC_HOST = 'token.actions.githubusercontent.com';

/** The repository secret with an SSH deploy key that may push to the GitOps repository. */
export const GITOPS_DEPLOY_KEY_SECRET = 'GITOPS_DEPLOY_KEY';

/** The role the platform pipeline assumes in each environment's account: `<platform>-paved-deploy`. */
export function deployRoleName(platform: Platform): string {
  return `${platform.name}-paved-deploy`;
}

/** A step that gets short-lived AWS credentials for `roleArn` from GitHub's OIDC provider. */
export function awsCredentialsStep(roleArn: string, region: string, session: string): Record<string, unknown> {
  return {
    name: 'AWS credentials (OIDC)',
    uses: ACTIONS.awsCredentials,
    with: { 'role-to-assume': roleArn, 'role-session-name': session, 'aws-region': region },
  };
}

/** A step that checks out the GitOps repository into `gitops/` with the deploy key. */
export function checkoutGitOpsStep(platform: Platform, keySecret = GITOPS_DEPLOY_KEY_SECRET): Record<string, unknown> {
  return {
    name: 'Check out the GitOps repository',
    uses: ACTIONS.checkout,
    with: { 'repository': githubRepository(platform), 'ref': platform.gitops.revision, 'path': 'gitops', 'ssh-key': `\${{ secrets.${keySecret} }}`, 'persist-credentials': true },
  };
}

/**
 * Commits what changed in the current repository (only `paths` when given) with `message` and
 * pushes, rebasing up to three times.
 */
export function commitAndPush(message: string, branch: string, paths: readonly string[] = []): string {
  return [
    'git config user.name "paved CI" && git config user.email "paved-ci@users.noreply.github.com"',
    paths.length > 0 ? `git add -- ${paths.join(' ')}` : 'git add -A',
    `git diff --cached --quiet || git commit -m "${message}"`,
    `for attempt in 1 2 3; do if git pull --rebase origin ${branch} && git push origin HEAD:${branch}; then exit 0; fi; sleep $((attempt * 5)); done; exit 1`,
  ].join('\n');
}

/** The folder of the GitOps repository that holds the environments, with a trailing slash (or ''). */
export function gitopsPath(platform: Platform): string {
  return platform.gitops.path ? `${platform.gitops.path}/` : '';
}

/** `owner/name` of the platform's GitOps repository, which must be on GitHub. */
export function githubRepository(platform: Platform): string {
  const match = /^(?:https:\/\/github\.com\/|git@github\.com:|ssh:\/\/git@github\.com\/)([^/]+\/[^/]+?)(?:\.git)?\/?$/.exec(platform.gitops.repoUrl);
  if (!match) {
    throw new PavedValidationError(platform, `the generated workflows push manifests with a GitHub deploy key, so 'gitops.repoUrl' must be a GitHub repository (got '${platform.gitops.repoUrl}'); push to another host in a workflow of your own.`);
  }
  return match[1];
}
