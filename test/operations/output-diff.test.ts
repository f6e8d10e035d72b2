import { NodeApi, PythonWorker, ReactFrontend } from '../../golden-paths';
import { diffOutputs } from '../../src/operations/output-diff';
import { outputDiffMarkdown } from '../../src/operations/output-diff-markdown';
import { outputDiffSummary } from '../../src/operations/output-diff-summary';
import { OutputSnapshot, readOutputSnapshot } from '../../src/operations/output-snapshot';
import { PlannedChanges } from '../../src/operations/planned-resource-change';
import { goldenPathPlatform, synthToTemp } from '../util';

const AS_OF = '2026-11-28';

interface PullRequest {
  readonly checkoutImageTag?: string;
  readonly prodReplicas?: number;
  readonly storefrontCallsCheckout?: boolean;
  readonly reportBuilder?: boolean;
}

/** Payments' checkout and web's storefront; a pull request changes props or adds web's report-builder. */
function synthesized(pr: PullRequest = {}): OutputSnapshot {
  const platform = goldenPathPlatform({ asOf: AS_OF });
  new NodeApi(platform, 'checkout', {
    team: 'payments',
    database: true,
    imageTag: pr.checkoutImageTag,
    environments: pr.prodReplicas === undefined ? undefined : { prod: { minReplicas: pr.prodReplicas } },
  });
  new ReactFrontend(platform, 'storefront', { team: 'web', dependsOn: pr.storefrontCallsCheckout ? ['checkout'] : undefined });
  if (pr.reportBuilder) {
    new PythonWorker(platform, 'report-builder', {
      team: 'web',
      writableRootFilesystem: { reason: 'The PDF renderer writes its font cache.', owner: 'web@acme.example', expires: '2027-03-31' },
    });
  }
  return readOutputSnapshot(synthToTemp(platform), '--base');
}

const base = synthesized();

describe('diffOutputs groups the changed files of a pull request', () => {
  const diff = diffOutputs(base, synthesized({ checkoutImageTag: '0.2.0', prodReplicas: 5 }));

  test('by layer, environment, service and team, naming images and replicas', () => {
    expect(diff.changed).toBe(true);
    expect(diff.totals).toEqual({ files: diff.files.length, services: 1, teams: 1 });
    expect(diff.services.map((s) => [s.service, s.team, s.status, s.environments, s.aspects])).toEqual([
      ['checkout', 'payments', 'changed', ['dev', 'prod', 'staging'], ['image', 'replicas']],
    ]);
    expect(diff.files.every((f) => f.service === 'checkout' && f.team === 'payments' && f.layer === 'gitops' && f.change === 'modified')).toBe(true);
    expect(diff.layers.gitops.modified).toBe(diff.files.length);
    expect(diff.layers.terraform).toEqual({ added: 0, removed: 0, modified: 0 });
    const deployment = diff.files.find((f) => f.path === 'gitops/dev/apps/checkout/deployment-checkout.yaml')!;
    expect(deployment.environment).toBe('dev');
    expect(deployment.manifestChanges).toEqual([{
      aspect: 'image',
      object: 'Deployment/checkout',
      detail: expect.stringMatching(/^container 'checkout' image \S+checkout\S* 0\.1\.0 -> 0\.2\.0$/),
    }]);
    const autoscaler = diff.files.find((f) => f.path === 'gitops/prod/apps/checkout/horizontalpodautoscaler-checkout.yaml')!;
    expect(autoscaler.manifestChanges.map((c) => c.detail)).toEqual([expect.stringMatching(/^minReplicas \d+ -> 5$/), expect.stringMatching(/^maxReplicas \d+ -> 15$/)]);
    expect(diff.guardrails.findings).toEqual({ appeared: [], wentAway: [] });
  });

  test('a change to who may call a service is a network policy change of both services', () => {
    const calls = diffOutputs(base, synthesized({ storefrontCallsCheckout: true }));
    const netpol = calls.files.filter((f) => f.manifestChanges.some((c) => c.aspect === 'network-policy'));
    expect(netpol.length).toBeGreaterThan(0);
    expect(calls.services.find((s) => s.service === 'checkout')?.aspects).toContain('network-policy');
  });

  test('no change when the outputs are the same', () => {
    const same = diffOutputs(base, base);
    expect([same.changed, same.files, same.services, same.totals]).toEqual([false, [], [], { files: 0, services: 0, teams: 0 }]);
    expect(outputDiffMarkdown(same)).toBe('**paved diff**: no change\n');
    expect(outputDiffSummary(same)).toBe('no change\n');
  });
});

describe('diffOutputs of a pull request that adds a service', () => {
  const head = synthesized({ reportBuilder: true });
  const diff = diffOutputs(base, head);
  const builder = diff.services.find((s) => s.service === 'report-builder')!;

  test('attributes its files of every layer to it and its team', () => {
    expect([builder.team, builder.status, builder.environments]).toEqual(['web', 'added', ['dev', 'prod', 'staging']]);
    expect(builder.layers.terraform).toBeGreaterThanOrEqual(3);
    expect(builder.layers.gitops).toBeGreaterThan(3);
    expect(builder.layers.catalog).toBeGreaterThanOrEqual(1);
    expect(builder.layers.ci).toBe(1);
    const own = diff.files.filter((f) => f.service === 'report-builder');
    expect(own.every((f) => f.change === 'added' && f.team === 'web')).toBe(true);
    expect(own.map((f) => f.path)).toEqual(expect.arrayContaining([
      'ci/report-builder.yml',
      'catalog/component-report-builder.yaml',
      'terraform/prod/report-builder-prod/cdk.tf.json',
      'gitops/prod/argocd/application-report-builder-prod.yaml',
      'gitops/dev/apps/report-builder/deployment-report-builder.yaml',
    ]));
    expect(diff.files.find((f) => f.path === 'gitops/prod/argocd/application-report-builder-prod.yaml')?.manifestChanges)
      .toEqual([{ aspect: 'argocd-scoping', object: 'Application/report-builder-prod', detail: 'added' }]);
  });

  test('puts what no service owns under platform, last', () => {
    const platform = diff.services[diff.services.length - 1];
    expect([platform.service, platform.team]).toEqual(['platform', 'platform']);
    expect(diff.files.find((f) => f.path === 'report/report.json')).toMatchObject({ layer: 'other', service: 'platform', team: 'platform' });
    expect(diff.totals.services).toBe(diff.services.length - 1);
  });

  test('lists the findings and deviations that appeared, and went away in the reverse diff', () => {
    expect(diff.guardrails.findings.appeared.map((f) => [f.ruleId, f.service, f.environment, f.justification !== undefined]))
      .toEqual([['PAVED-K8S-POD-003', 'report-builder', 'dev', true], ['PAVED-K8S-POD-003', 'report-builder', 'prod', true], ['PAVED-K8S-POD-003', 'report-builder', 'staging', true]]);
    expect(diff.guardrails.deviations.appeared.length).toBeGreaterThan(0);
    expect(new Set(diff.guardrails.deviations.appeared.map((d) => [d.ruleId, d.declaredBy, d.team].join(' ')))).toEqual(new Set(['PAVED-K8S-POD-003 report-builder web']));
    expect(diff.guardrails.findings.wentAway).toEqual([]);
    const reverse = diffOutputs(head, base);
    expect(reverse.guardrails.findings.wentAway).toEqual(diff.guardrails.findings.appeared);
    expect(reverse.guardrails.deviations.wentAway).toEqual(diff.guardrails.deviations.appeared);
    expect(reverse.services.find((s) => s.service === 'report-builder')?.status).toBe('removed');
  });

  test('is the same JSON for the same outputs', () => {
    expect(JSON.stringify(diffOutputs(base, head))).toBe(JSON.stringify(diff));
  });
});

/** A hand-written plan classification: a database replaced in prod, a parameter updated in dev. */
const PLANNED: PlannedChanges = {
  format: 'paved-planned-changes/1',
  planned: ['checkout-dev', 'checkout-prod'],
  plannedAgainstBase: ['checkout-prod'],
  changes: [
    {
      stack: 'checkout-dev',
      environment: 'dev',
      service: 'checkout',
      team: 'payments',
      address: 'aws_ssm_parameter.Config',
      resourceType: 'aws_ssm_parameter',
      actions: ['update'],
      replacedBecause: [],
      risk: 'low',
      why: 'updates a parameter in place',
    },
    {
      stack: 'checkout-prod',
      environment: 'prod',
      service: 'checkout',
      team: 'payments',
      address: 'aws_db_instance.Database',
      resourceType: 'aws_db_instance',
      actions: ['delete', 'create'],
      replacedBecause: ['engine'],
      risk: 'high',
      why: 'replaces a database: its data is lost unless restored from a snapshot',
    },
  ],
};

describe('the pull-request comment', () => {
  const diff = diffOutputs(base, synthesized({ checkoutImageTag: '0.2.0', storefrontCallsCheckout: true }), PLANNED);

  test('merges the planned changes riskiest first, with their service and team', () => {
    expect(diff.planned.map((c) => [c.risk, c.address])).toEqual([['high', 'aws_db_instance.Database'], ['low', 'aws_ssm_parameter.Config']]);
    expect(diff.services.find((s) => s.service === 'checkout')?.planned).toHaveLength(2);
  });

  test('has a headline, the riskiest changes first, a line per service, in that order', () => {
    const markdown = outputDiffMarkdown(diff);
    const lines = markdown.split('\n');
    expect(lines[0]).toMatch(/^\*\*paved diff\*\*: \d+ files changed in 2 services of 2 teams \(gitops \d+, catalog 1, other 1\)$/);
    const review = lines.indexOf('### Review first');
    expect(lines[review + 1]).toBe('- replace `aws_db_instance.Database` in `checkout-prod` (checkout, team payments): '
      + 'replaces a database: its data is lost unless restored from a snapshot');
    expect(lines[review + 2]).toBe('- network-policy `NetworkPolicy/checkout`: ingress changed in `dev`, `prod`, `staging` (checkout, team payments)');
    const services = lines.indexOf('### Services');
    expect(services).toBeGreaterThan(review);
    expect(lines[services + 1]).toBe('- `checkout` (payments): dev, prod, staging; gitops 9; network-policy, image; 2 planned, 1 high risk');
    expect(lines).toContain('2 planned resource changes: 1 high, 1 low (replace, update); '
      + "1 of 2 stacks planned against the base's planned state; 1 against an empty state (every resource a create)");
    expect(markdown).not.toContain('### Guardrails');
  });

  test('lists at most 20 services, then says how many more', () => {
    const many = manyServices(25);
    const lines = outputDiffMarkdown(diffOutputs(many.base, many.head)).split('\n');
    expect(lines[0]).toBe('**paved diff**: 25 files changed in 25 services of 1 team (ci 25)');
    expect(lines.filter((l) => l.startsWith('- `service-'))).toHaveLength(20);
    expect(lines).toContain('- and 5 more');
  });

  test('the human summary lists everything, uncapped', () => {
    const many = manyServices(25);
    const summary = outputDiffSummary(diffOutputs(many.base, many.head));
    expect(summary.split('\n').filter((l) => l.startsWith('  service-'))).toHaveLength(25);
    expect(summary.split('\n')[1]).toBe('Services:');
  });
});

/** Two in-memory outputs whose `count` services each changed their CI workflow. */
function manyServices(count: number): { base: OutputSnapshot; head: OutputSnapshot } {
  const names = Array.from({ length: count }, (_, i) => `service-${String(i).padStart(2, '0')}`);
  const snapshot = (version: string): OutputSnapshot => ({
    dir: version,
    files: new Map(names.map((n) => [`ci/${n}.yml`, `${n}-${version}`])),
    stacks: [],
    report: { services: names.map((name) => ({ name, team: 'web', goldenPath: 'node-api', deviations: 0 })), findings: [], deviations: [] } as any,
    read: () => '',
  });
  return { base: snapshot('a'), head: snapshot('b') };
}
