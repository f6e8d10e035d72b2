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

  test('on pull requests checks, synthesizes and plans each environment offline, with no cloud credentials', () => {
    const job = workflow.jobs['pull-request'];
    expect(job.if).toBe("github.event_name == 'pull_request'");
    const runs = job.steps.map((s: any) => s.run).filter(Boolean);
    expect(runs.slice(0, 3)).toEqual(['npm ci', 'npx paved check platform/platform.ts', 'npx paved synth platform/platform.ts']);
    for (const env of ['dev', 'staging', 'prod']) {
      expect(runs.some((r: string) => r.includes(`npx paved plan --env ${env} --offline`) && r.includes('$GITHUB_STEP_SUMMARY'))).toBe(true);
    }
    expect(job.permissions).toBeUndefined();
    expect(text.match(/configure-aws-credentials/g)).toHaveLength(3);
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
