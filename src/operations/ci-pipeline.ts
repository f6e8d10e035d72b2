import { relative } from 'path';
import { ACTIONS, GITOPS_DEPLOY_KEY_SECRET, awsCredentialsStep, checkoutGitOpsStep, commitAndPush, deployRoleName, gitopsPath, githubRepository } from './github-actions';
import { operationsLogPath } from './operations-log';
import type { Platform } from '../platform/platform';
import { YamlWriter } from '../synth/yaml-writer';

/** Where `paved pipeline` writes the workflow. */
export const DEFAULT_PIPELINE_FILE = '.github/workflows/paved-platform.yml';

/** Options of `renderCiPipeline`. */
export interface CiPipelineOptions {
  /** The platform the repository declares. */
  readonly platform: Platform;
  /**
   * The platform app, relative to the repository root.
   * @default 'platform.ts'
   */
  readonly app?: string;
  /**
   * The repository root, to write the operations log path relative to it.
   * @default - the working directory
   */
  readonly repositoryRoot?: string;
  /**
   * The IAM role CI assumes through GitHub's OIDC provider in each environment's account.
   * @default `<platform>-paved-deploy`
   */
  readonly roleName?: string;
  /**
   * The repository secret with an SSH deploy key that may push to the GitOps repository.
   * @default 'GITOPS_DEPLOY_KEY'
   */
  readonly gitopsKeySecret?: string;
}

const SETUP_NODE = { name: 'Set up Node.js', uses: ACTIONS.setupNode, with: { 'node-version': '20', 'cache': 'npm' } };
const SETUP_TOFU = { name: 'Set up OpenTofu', uses: ACTIONS.setupTofu, with: { tofu_wrapper: false } };

/**
 * The GitHub Actions workflow of the platform repository.
 *
 * Pull requests: install, `paved check`, `paved synth`, and an offline `paved plan` per
 * environment (no credentials: pull requests from forks cannot have them) with the summary in
 * the run's summary. Pushes to main: per permanent environment in declaration order, synth,
 * `paved apply` with credentials from GitHub's OIDC provider (`id-token: write` in those jobs
 * only, no stored AWS keys), then the environment's manifests (with the ephemeral environments
 * in the development job) pushed to the GitOps repository for Argo CD to pull, and the deployment
 * recorded in the operations log. Each apply job runs in a GitHub environment of the same name
 * (protect `prod` with required reviewers) and in a concurrency group of its own, so one run per
 * environment applies at a time.
 *
 * The role the apply jobs assume is the `PlatformBaseline`'s deploy role: scoped to what the
 * platform's stacks create, able to create roles only with the platform's permissions boundary,
 * and denied every write on itself, the boundaries and GitHub's OIDC provider. The first apply of
 * each account's platform stack (which creates them), and any change to them, is an
 * administrator's; the pipeline applies everything else.
 *
 * @throws PavedValidationError when the GitOps repository is not on GitHub
 */
export function renderCiPipeline(options: CiPipelineOptions): string {
  const { platform } = options;
  const app = options.app ?? 'platform.ts';
  const roleName = options.roleName ?? deployRoleName(platform);
  const keySecret = options.gitopsKeySecret ?? GITOPS_DEPLOY_KEY_SECRET;
  githubRepository(platform);
  const environments = platform.environments.filter((e) => !e.ephemeral);
  const log = platform.selfService.file && relative(options.repositoryRoot ?? process.cwd(), operationsLogPath(platform.selfService.file));
  const install = [{ uses: ACTIONS.checkout }, SETUP_NODE, SETUP_TOFU, { name: 'Install', run: 'npm ci' }];
  const firstDevelopment = environments.find((e) => e.tier === 'development');

  const jobs: Record<string, unknown> = {
    'pull-request': {
      'name': 'Check, synth and plan (offline)',
      'if': "github.event_name == 'pull_request'",
      'runs-on': 'ubuntu-latest',
      'concurrency': { 'group': 'paved-pr-${{ github.ref }}', 'cancel-in-progress': true },
      'steps': [
        ...install,
        { name: 'Check guardrails', run: `npx paved check ${app}` },
        { name: 'Synthesize', run: `npx paved synth ${app}` },
        ...environments.map((env) => ({
          name: `Plan ${env.name} (offline)`,
          run: [
            `echo '### Plan of ${env.name} (offline)' >> "$GITHUB_STEP_SUMMARY"`,
            'echo \'```\' >> "$GITHUB_STEP_SUMMARY"',
            `npx paved plan --env ${env.name} --offline --logs paved-logs | tee -a "$GITHUB_STEP_SUMMARY"`,
            'echo \'```\' >> "$GITHUB_STEP_SUMMARY"',
          ].join('\n'),
        })),
        uploadLogs('plan'),
      ],
    },
  };

  environments.forEach((env, i) => {
    const others = environments.filter((e) => e !== env).map((e) => ` --exclude=/${e.name}/`).join('');
    // The first development job carries the ephemeral environments: every folder but the others'.
    const [source, target] = env === firstDevelopment
      ? ['dist/gitops/', `gitops/${gitopsPath(platform)}`]
      : [`dist/gitops/${env.name}/`, `gitops/${gitopsPath(platform)}${env.name}/`];
    const excluded = env === firstDevelopment ? ` --exclude=/.git/${others}` : '';
    // Image pins under releases/ belong to the services' CI: synth only seeds the missing ones.
    const sync = [
      `rsync -a --delete --exclude=releases/${excluded} ${source} "${target}"`,
      `rsync -a --ignore-existing${excluded} ${source} "${target}"`,
    ].join('\n');
    jobs[`apply-${env.name}`] = {
      'name': `Apply ${env.name}`,
      'if': "github.event_name == 'push'",
      ...(i > 0 ? { needs: [`apply-${environments[i - 1].name}`] } : {}),
      'runs-on': 'ubuntu-latest',
      'environment': env.name,
      'concurrency': { 'group': `paved-apply-${env.name}`, 'cancel-in-progress': false },
      'permissions': { 'contents': log ? 'write' : 'read', 'id-token': 'write' },
      'steps': [
        ...install,
        awsCredentialsStep(`arn:aws:iam::${env.account}:role/${roleName}`, env.region, `paved-apply-${env.name}-\${{ github.run_id }}`),
        { name: 'Synthesize', run: `npx paved synth ${app}` },
        {
          name: `Apply ${env.name}`,
          run: `npx paved apply --env ${env.name}${env.isProduction ? ' --approve-production' : ''}`
            + `${log ? ` --log ${log} --by "\${{ github.actor }}"` : ''} --logs paved-logs | tee -a "$GITHUB_STEP_SUMMARY"`,
        },
        checkoutGitOpsStep(platform, keySecret),
        {
          name: `Push the ${env.name} manifests`,
          run: [
            `mkdir -p "gitops/${gitopsPath(platform)}"`,
            sync,
            'cd gitops',
            commitAndPush(`deploy ${env.name} from \${{ github.sha }}`, platform.gitops.revision),
          ].join('\n'),
        },
        ...(log ? [{
          name: 'Record the deployment',
          run: commitAndPush(`chore: record deployment of ${env.name} [skip ci]`, '${{ github.ref_name }}', [log]),
        }] : []),
        uploadLogs(`apply-${env.name}`),
      ],
    };
  });

  const workflow = {
    name: `paved platform ${platform.name}`,
    on: { pull_request: { branches: ['main'] }, push: { branches: ['main'] } },
    permissions: { contents: 'read' },
    defaults: { run: { shell: 'bash' } },
    jobs,
  };
  return `# Generated by 'paved pipeline'; change the platform or the command's options and run it again.\n${YamlWriter.workflows().stringify(workflow)}`;
}

function uploadLogs(name: string) {
  return { name: 'Upload engine logs', if: 'failure()', uses: ACTIONS.uploadArtifact, with: { name: `paved-logs-${name}`, path: 'paved-logs' } };
}
