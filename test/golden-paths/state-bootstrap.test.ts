import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { StateBucket } from '../../constructs';
import { PlatformBaseline } from '../../golden-paths';
import { StateBackend } from '../../src';
import { main } from '../../src/cli/main';
import { GuardrailViolationError } from '../../src/policy/guardrail-violation-error';
import { synth } from '../../src/synth/synthesize';
import { ACCOUNTS, goldenPathPlatform } from '../fixtures';
import { TERRAFORM_TIMEOUT_MS, describeWithTerraform, readStack, resourcesOf, runTerraform, tempDir } from '../util';

const AS_OF = '2026-11-28';
const FAKE_ENGINE = join(__dirname, '..', 'operations', 'fake-engine');

/** The golden-path platform with its state in S3; dev and a second production environment share prod's account. */
function synthesized(): { outdir: string; findings: readonly { location: string; ruleId: string }[] } {
  const base = goldenPathPlatform().environments;
  const platform = goldenPathPlatform({
    asOf: AS_OF,
    stateBackend: StateBackend.s3(),
    environments: [
      ...base.map((e) => ({ name: e.name, account: e.account, tier: e.tier, existing: e.existing })),
      { name: 'prod-us', account: ACCOUNTS.prod, tier: 'production', existing: base[2].existing },
    ],
  });
  const outdir = join(tempDir(), 'dist');
  const summary = synth(platform, { outdir });
  return { outdir, findings: summary.policy!.findings };
}

async function bootstrap(outdir: string, args: readonly string[], env: Record<string, string> = {}) {
  const record = join(tempDir(), 'steps.jsonl');
  const saved = { ...process.env };
  Object.assign(process.env, { FAKE_ENGINE_RECORD: record, ...env });
  let stdout = '';
  let stderr = '';
  let status: number;
  try {
    status = await main(['bootstrap', '--dist', outdir, '--engine', FAKE_ENGINE, ...args], { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; } });
  } finally {
    process.env = saved;
  }
  const steps = existsSync(record) ? readFileSync(record, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { stack: string; step: string }) : [];
  return { status, stdout, stderr, steps: steps.map((s) => `${s.stack}:${s.step}`) };
}

describe('the state bootstrap stack', () => {
  const { outdir, findings } = synthesized();
  const stack = readStack(outdir, 'dev', 'bootstrap-dev');
  const bucketName = `acme-tfstate-${ACCOUNTS.dev}`;

  test('one per state bucket (per account), in the first environment of the account, with a local state', () => {
    const graph = JSON.parse(readFileSync(join(outdir, 'terraform/stacks.json'), 'utf8'));
    const bootstraps = graph.stacks.filter((s: any) => s.bootstrap);
    expect(bootstraps.map((s: any) => [s.id, s.directory, s.dependsOn])).toEqual([
      ['bootstrap-dev', 'terraform/dev/bootstrap-dev', []],
      ['bootstrap-staging', 'terraform/staging/bootstrap-staging', []],
      ['bootstrap-prod', 'terraform/prod/bootstrap-prod', []],
    ]);
    expect(graph.environments.map((e: any) => [e.name, e.stateBootstrap])).toEqual([
      ['dev', 'bootstrap-dev'], ['staging', 'bootstrap-staging'], ['prod', 'bootstrap-prod'], ['prod-us', 'bootstrap-prod'],
    ]);
    // No other stack depends on it: it is applied once, before anything else, not on every apply.
    expect(graph.stacks.filter((s: any) => s.dependsOn.some((d: string) => d.startsWith('bootstrap-')))).toEqual([]);
    expect(stack.terraform.backend).toEqual({ local: { path: '../../../../.paved-state/dev/bootstrap-dev.tfstate' } });
    // The other stacks keep their state in the bucket it creates, locked with the native lock file.
    expect(readStack(outdir, 'dev', 'platform-dev').terraform.backend.s3).toMatchObject({ bucket: bucketName, encrypt: true, use_lockfile: true });
    expect(resourcesOf(stack, 'aws_dynamodb_table')).toEqual({});
  });

  test('the state bucket: versioned, SSE-KMS with its own key, public access blocked, owner enforced, TLS only, logged, kept', () => {
    const buckets = Object.values(resourcesOf(stack, 'aws_s3_bucket')) as any[];
    expect(buckets.map((b) => [b.bucket, b.force_destroy, b.lifecycle])).toEqual([
      [bucketName, false, { prevent_destroy: true }],
      [`${bucketName}-logs`, false, { prevent_destroy: true }],
    ]);
    const state = Object.keys(resourcesOf(stack, 'aws_s3_bucket')).find((k) => resourcesOf(stack, 'aws_s3_bucket')[k].bucket === bucketName)!;
    const of = (type: string) => (Object.values(resourcesOf(stack, type)) as any[]).find((r) => r.bucket === `\${aws_s3_bucket.${state}.id}`);
    expect(of('aws_s3_bucket_versioning').versioning_configuration).toEqual({ status: 'Enabled' });
    const sse = of('aws_s3_bucket_server_side_encryption_configuration').rule;
    expect([sse].flat()[0].apply_server_side_encryption_by_default).toEqual({ sse_algorithm: 'aws:kms', kms_master_key_id: expect.stringMatching(/^\$\{aws_kms_key\..*\.arn\}$/) });
    expect(of('aws_s3_bucket_public_access_block')).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    expect([of('aws_s3_bucket_ownership_controls').rule].flat()[0]).toEqual({ object_ownership: 'BucketOwnerEnforced' });
    expect(of('aws_s3_bucket_policy').policy).toContain('aws:SecureTransport');
    expect(JSON.stringify(of('aws_s3_bucket_lifecycle_configuration').rule)).toContain('noncurrent_version_expiration');
    expect(of('aws_s3_bucket_logging')).toMatchObject({ target_prefix: `${bucketName}/` });
    expect((Object.values(resourcesOf(stack, 'aws_kms_key')) as any[]).map((k) => [k.enable_key_rotation, k.lifecycle])).toEqual([[true, { prevent_destroy: true }]]);
  });

  test('passes every guardrail without a finding', () => {
    expect(findings.filter((f) => f.location.includes('/bootstrap-'))).toEqual([]);
  });

  test('the guardrails do check it: a raw override that suspends versioning fails the synth', () => {
    const platform = goldenPathPlatform({ asOf: AS_OF, stateBackend: StateBackend.s3() });
    const bootstrapStack = PlatformBaseline.of(platform).stateBootstraps.get(bucketName)!;
    const versioning = (bootstrapStack.node.findChild('StateBucket') as StateBucket).versioning;
    versioning.addOverride('versioning_configuration.status', 'Suspended');
    let error: unknown;
    try {
      synth(platform, { outdir: join(tempDir(), 'dist') });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GuardrailViolationError);
    expect((error as GuardrailViolationError).result.unjustifiedErrors.map((f) => [f.ruleId, f.location.split('#')[0]]))
      .toEqual([['PAVED-AWS-S3-004', 'terraform/dev/bootstrap-dev/cdk.tf.json']]);
  });

  test('a platform whose state is local has no bootstrap stack', () => {
    const platform = goldenPathPlatform({ asOf: AS_OF });
    const local = join(tempDir(), 'dist');
    synth(platform, { outdir: local });
    const graph = JSON.parse(readFileSync(join(local, 'terraform/stacks.json'), 'utf8'));
    expect(graph.stacks.filter((s: any) => s.bootstrap)).toEqual([]);
    expect(graph.environments.filter((e: any) => e.stateBootstrap)).toEqual([]);
  });

  describe('paved bootstrap', () => {
    test('runs init, plan and apply of the bootstrap stack only; a second run plans no change and applies nothing', async () => {
      const first = await bootstrap(outdir, ['--env', 'dev', '--json']);
      expect([first.status, first.stderr]).toEqual([0, '']);
      expect(first.steps).toEqual(['bootstrap-dev:init', 'bootstrap-dev:plan', 'bootstrap-dev:show', 'bootstrap-dev:apply']);
      const json = JSON.parse(first.stdout);
      expect(json.stacks).toMatchObject([{ id: 'bootstrap-dev', result: 'ok', applied: true, changes: 0, destroys: 0 }]);
      expect(json.stacks[0].adds).toBeGreaterThan(10);

      const again = await bootstrap(outdir, ['--env', 'dev', '--json'], { FAKE_ENGINE_CHANGES: JSON.stringify({ 'bootstrap-dev': [['no-op'], ['no-op']] }) });
      expect(again.status).toBe(0);
      expect(again.steps).toEqual(['bootstrap-dev:init', 'bootstrap-dev:plan', 'bootstrap-dev:show']);
      expect(JSON.parse(again.stdout).stacks).toMatchObject([{ id: 'bootstrap-dev', result: 'ok', applied: false, adds: 0, changes: 0, destroys: 0 }]);
      const table = await bootstrap(outdir, ['--env', 'dev'], { FAKE_ENGINE_CHANGES: JSON.stringify({ 'bootstrap-dev': [] }) });
      expect(table.stdout.split('\n')[1]).toMatch(/^bootstrap-dev\s+dev\s+0\s+0\s+0\s+unchanged\s+[\d.]+$/);
      expect(table.steps).not.toContain('bootstrap-dev:apply');
    });

    test('production, or an account shared with it, needs --approve-production', async () => {
      const refused = await bootstrap(outdir, ['--env', 'prod-us']);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain("the state bucket of 'prod-us' (stack 'bootstrap-prod') also keeps the state of production environment 'prod', 'prod-us'; creating it needs a confirmation: pass --approve-production. Nothing was applied.");
      expect(refused.steps).toEqual([]);
      const approved = await bootstrap(outdir, ['--env', 'prod-us', '--approve-production']);
      expect([approved.status, approved.steps]).toEqual([0, ['bootstrap-prod:init', 'bootstrap-prod:plan', 'bootstrap-prod:show', 'bootstrap-prod:apply']]);
    });

    test('a failed plan fails the command, and nothing is applied', async () => {
      const run = await bootstrap(outdir, ['--env', 'staging'], { FAKE_ENGINE_FAIL: 'bootstrap-staging' });
      expect(run.status).toBe(1);
      expect(run.steps).toEqual(['bootstrap-staging:init', 'bootstrap-staging:plan']);
      expect(run.stderr).toMatch(/^bootstrap-staging: fake-engine plan failed/);
    });

    test('says what is wrong: no --env, an unknown environment, a local state, not a paved output', async () => {
      expect((await bootstrap(outdir, [])).stderr).toContain("--env is required: name the environment whose state bucket to create, e.g. 'paved bootstrap --env dev'.");
      expect((await bootstrap(outdir, ['--env', 'qa'])).stderr).toContain("unknown environment 'qa'; the synth output has 'dev', 'staging', 'prod', 'prod-us'.");
      const local = join(tempDir(), 'dist');
      synth(goldenPathPlatform({ asOf: AS_OF }), { outdir: local });
      expect((await bootstrap(local, ['--env', 'dev'])).stderr).toContain("environment 'dev' has no state bootstrap stack");
      expect((await bootstrap(tempDir(), ['--env', 'dev'])).stderr).toContain("run 'paved synth' first");
    });

    test('paved plan and apply leave the bootstrap stacks out unless named with --stack', async () => {
      const saved = { ...process.env };
      let stdout = '';
      try {
        await main(['plan', '--dist', outdir, '--engine', FAKE_ENGINE, '--env', 'dev', '--json'], { stdout: (t) => { stdout += t; }, stderr: () => undefined });
      } finally {
        process.env = saved;
      }
      expect(JSON.parse(stdout).stacks.map((s: any) => s.id)).not.toContain('bootstrap-dev');
    });
  });

  describeWithTerraform('Terraform', () => {
    test('accepts the bootstrap stack: terraform validate without warnings', async () => {
      const validate = await runTerraform(join(outdir, 'terraform/dev/bootstrap-dev'), 'validate', '-json', '-no-color');
      expect(JSON.parse(validate.replace(/^[\s\S]*?(?=^\{)/m, ''))).toMatchObject({ valid: true, error_count: 0, warning_count: 0 });
    }, TERRAFORM_TIMEOUT_MS);
  });
});
