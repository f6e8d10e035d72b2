import { join } from 'path';
import { validateWorkflow } from '@action-validator/core';
import { parse } from 'yaml';
import { SelfService, renderCiPipeline } from '../../src';
import { tempDir, testPlatform } from '../util';

describe('the CI pipeline', () => {
  const root = tempDir();
  const platform = testPlatform({ selfService: SelfService.fromFile(join(root, 'platform', 'self-service.json')) });
  const text = renderCiPipeline({ platform, app: 'platform/platform.ts', repositoryRoot: root });
  const workflow = parse(text);

  test('is a valid GitHub Actions workflow', () => {
    expect(validateWorkflow(text).errors).toEqual([]);
  });

  test('on pull requests checks, synthesizes the head and the base, and plans only the changed stacks offline, with no cloud credentials', () => {
    const job = workflow.jobs['pull-request'];
    expect(job.if).toBe("github.event_name == 'pull_request'");
    const runs = job.steps.map((s: any) => s.run).filter(Boolean);
    expect(runs.slice(0, 3)).toEqual(['npm ci', 'npx paved check platform/platform.ts', 'npx paved synth platform/platform.ts']);
    const base = job.steps.find((s: any) => s.name === 'Synthesize the base');
    expect(base.env).toEqual({ BASE_SHA: '${{ github.event.pull_request.base.sha }}' });
    expect(base.run.split('\n')).toEqual([
      'git fetch --no-tags --depth=1 origin "$BASE_SHA"',
      'git worktree add --detach "$RUNNER_TEMP/paved-base" FETCH_HEAD',
      'cd "$RUNNER_TEMP/paved-base"',
      'npm ci',
      'npx paved synth platform/platform.ts --out "$RUNNER_TEMP/paved-base-dist"',
    ]);
    expect(runs).toContainEqual(expect.stringContaining('npx paved plan --changed --base "$RUNNER_TEMP/paved-base-dist" --offline --risk risk.json --logs paved-logs | tee -a "$GITHUB_STEP_SUMMARY"'));
    expect(runs).not.toContainEqual(expect.stringContaining('--env'));
    expect(runs).toContainEqual('npx paved diff --base "$RUNNER_TEMP/paved-base-dist" --risk risk.json --markdown > summary.md\ncat summary.md >> "$GITHUB_STEP_SUMMARY"');
    expect(job.steps.find((s: any) => s.name === 'Keep the summary')).toEqual({ name: 'Keep the summary', uses: 'actions/upload-artifact@v4', with: { name: 'paved-pr-summary', path: 'summary.md' } });
    expect(job.permissions).toBeUndefined();
    expect(text.match(/configure-aws-credentials/g)).toHaveLength(3);
  });

  test('posts the summary as a comment from a job of its own, the only one that may write to pull requests', () => {
    const job = workflow.jobs['pull-request-comment'];
    expect([job.if, job.needs, job.permissions]).toEqual([
      "github.event_name == 'pull_request' && github.event.pull_request.head.repo.full_name == github.repository",
      ['pull-request'],
      { 'pull-requests': 'write' },
    ]);
    // It runs none of the pull request's code: no checkout, no install.
    expect(job.steps.map((s: any) => s.uses ?? s.run)).toEqual([
      'actions/download-artifact@v4',
      'gh pr comment "$PULL_REQUEST" --edit-last --body-file summary.md || gh pr comment "$PULL_REQUEST" --body-file summary.md',
    ]);
    expect(job.steps[1].env).toEqual({ GH_TOKEN: '${{ secrets.GITHUB_TOKEN }}', GH_REPO: '${{ github.repository }}', PULL_REQUEST: '${{ github.event.pull_request.number }}' });
    for (const [name, other] of Object.entries<any>(workflow.jobs)) {
      expect([name, other.permissions?.['pull-requests']]).toEqual([name, name === 'pull-request-comment' ? 'write' : undefined]);
    }
  });

  test('on main applies each environment in order, one run per environment at a time, prod with approval', () => {
    const apply = ['dev', 'staging', 'prod'].map((env) => workflow.jobs[`apply-${env}`]);
    expect(apply.map((j) => [j.if, j.environment, j.needs, j.concurrency])).toEqual([
      ["github.event_name == 'push'", 'dev', undefined, { 'group': 'paved-apply-dev', 'cancel-in-progress': false }],
      ["github.event_name == 'push'", 'staging', ['apply-dev'], { 'group': 'paved-apply-staging', 'cancel-in-progress': false }],
      ["github.event_name == 'push'", 'prod', ['apply-staging'], { 'group': 'paved-apply-prod', 'cancel-in-progress': false }],
    ]);
    const applyRun = (job: any) => job.steps.find((s: any) => s.name?.startsWith('Apply')).run;
    expect(applyRun(apply[0])).toBe('npx paved apply --env dev --log platform/operations.jsonl --by "${{ github.actor }}" --logs paved-logs | tee -a "$GITHUB_STEP_SUMMARY"');
    expect(applyRun(apply[2])).toContain('npx paved apply --env prod --approve-production');
  });

  test('gets AWS credentials through OIDC only: id-token write in the apply jobs alone, no stored keys', () => {
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(text).not.toMatch(/aws-access-key-id|aws-secret-access-key|AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY/);
    for (const [name, job] of Object.entries<any>(workflow.jobs)) {
      expect([name, job.permissions?.['id-token']]).toEqual([name, name.startsWith('apply-') ? 'write' : undefined]);
    }
    const credentials = workflow.jobs['apply-staging'].steps.find((s: any) => s.uses?.startsWith('aws-actions/configure-aws-credentials'));
    expect(credentials.with).toEqual({
      'role-to-assume': 'arn:aws:iam::222222222222:role/acme-paved-deploy',
      'role-session-name': 'paved-apply-staging-${{ github.run_id }}',
      'aws-region': 'eu-west-1',
    });
  });

  test('pushes each environment\'s manifests to the GitOps repository with a deploy key', () => {
    const steps = workflow.jobs['apply-dev'].steps;
    expect(steps.find((s: any) => s.name === 'Check out the GitOps repository').with).toMatchObject({ 'repository': 'acme/gitops', 'ref': 'main', 'ssh-key': '${{ secrets.GITOPS_DEPLOY_KEY }}' });
    const push = (env: string) => workflow.jobs[`apply-${env}`].steps.find((s: any) => s.name === `Push the ${env} manifests`).run;
    expect(push('dev')).toContain('rsync -a --delete --exclude=releases/ --exclude=/.git/ --exclude=/staging/ --exclude=/prod/ dist/gitops/ "gitops/"');
    expect(push('prod')).toContain('rsync -a --delete --exclude=releases/ dist/gitops/prod/ "gitops/prod/"');
    // Release pins belong to the services' CI: only missing ones are seeded, none is deleted.
    expect(push('prod')).toContain('rsync -a --ignore-existing dist/gitops/prod/ "gitops/prod/"');
  });

  test('records a deployment by committing the operations log alone', () => {
    const record = workflow.jobs['apply-prod'].steps.find((s: any) => s.name === 'Record the deployment').run;
    expect(record).toContain('git add -- platform/operations.jsonl\n');
    expect(record).not.toContain('git add -A');
  });

  test('is the same text every time', () => {
    expect(renderCiPipeline({ platform, app: 'platform/platform.ts', repositoryRoot: root })).toBe(text);
  });

  test('fails when the GitOps repository is not on GitHub', () => {
    expect(() => renderCiPipeline({ platform: testPlatform({ gitops: { repoUrl: 'https://gitlab.com/acme/gitops.git' } }) }))
      .toThrow("Platform 'acme': the generated workflows push manifests with a GitHub deploy key, so 'gitops.repoUrl' must be a GitHub repository (got 'https://gitlab.com/acme/gitops.git'); push to another host in a workflow of your own.");
  });
});
