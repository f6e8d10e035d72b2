import { join } from 'path';
import { ApiObject, JsonPatch, Yaml } from 'cdk8s';
import { Bucket, Image, SecureWorkload, WorkloadNetworkPolicy } from '../../constructs';
import { GuardrailViolationError, Platform, evaluatePolicy, TerraformRule, check, synth } from '../../src';
import { checkPlatform } from '../../src/policy/check-platform';
import { collectArtifacts } from '../../src/policy/collect-artifacts';
import { recordDeviations } from '../../src/policy/record-deviations';
import { renderPlatform } from '../../src/synth/render-platform';
import { PACKS_WITHOUT_CLOSURE, TestComponent, catalogComponent, readStack, readTree, tempDir, testPlatform, testPlatformProps, errorOf } from '../util';

const AS_OF = '2026-11-28';
const DEVIATION = { reason: 'The vendor agent needs this until its next release.', owner: 'payments-lead', expires: '2027-01-31' };

/** A platform whose `checkout` has a ConfigMap carrying a secret-looking key (PAVED-K8S-SEC-001). */
function leakyPlatform(props: Partial<ConstructorParameters<typeof Platform>[0]> = {}, deviations: any[] = []): Platform {
  const platform = new Platform({ ...testPlatformProps(), ...props });
  platform.declareComponent({ name: 'checkout', team: 'payments', goldenPath: 'test', deviations });
  for (const env of platform.environments) {
    new ApiObject(platform.placement('checkout', env.name).chart, 'Leak', {
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'checkout-settings' }, data: { DB_PASSWORD: 'hunter2' },
    } as any);
  }
  new ApiObject(platform.catalogChart(), 'checkout', {
    apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'checkout' }, spec: { type: 'service', lifecycle: 'production', owner: 'group:payments' },
  } as any);
  return platform;
}


describe('the guardrail engine', () => {
  test('finds a problem introduced after construction, through an escape hatch', () => {
    const platform = testPlatform();
    new TestComponent(platform, 'checkout');
    const configMap = platform.placement('checkout', 'prod').chart.node.findAll().find(ApiObject.isApiObject)!;
    configMap.addJsonPatch(JsonPatch.add('/data/API_TOKEN', 'abc123'));
    const result = check(platform, { asOf: AS_OF });
    expect(result.unjustifiedErrors.map((f) => [f.ruleId, f.environment, f.location, f.message])).toEqual([
      ['PAVED-K8S-SEC-001', 'prod', 'gitops/prod/apps/checkout/configmap-checkout-config.yaml', "ConfigMap key 'API_TOKEN' holds a literal value under a secret-looking name (\"a…\", 6 characters)"],
    ]);
    expect(result.unjustifiedErrors[0].fix).toContain('ExternalSecret');
  });

  test('a rule that throws is an error finding (fails closed)', () => {
    const platform = testPlatform();
    new TestComponent(platform, 'checkout');
    const broken: TerraformRule = {
      id: 'PAVED-TEST-001',
      pack: 'aws',
      level: 'warning',
      target: 'terraform',
      resourceTypes: ['aws_ssm_parameter'],
      title: 't',
      rationale: 'r',
      fix: 'f',
      check: () => {
        throw new Error('cannot parse the policy');
      },
    };
    const result = evaluatePolicy(collectArtifacts(platform, renderPlatform(platform)), [broken], []);
    expect(result.unjustifiedErrors).toHaveLength(3);
    expect(result.unjustifiedErrors[0]).toMatchObject({ level: 'error', message: 'the rule could not decide and fails closed: cannot parse the policy' });
  });

  test('runs each rule once on every resource or object of its types, a type listed twice included', () => {
    const platform = testPlatform();
    new TestComponent(platform, 'checkout');
    const artifacts = collectArtifacts(platform, renderPlatform(platform));
    const info = { pack: 'aws', level: 'warning', title: 't', rationale: 'r', fix: 'f' } as const;
    const rules = [
      { ...info, id: 'PAVED-TEST-001', target: 'terraform', resourceTypes: ['aws_ssm_parameter', 'aws_ssm_parameter'], check: () => 'ssm' },
      { ...info, id: 'PAVED-TEST-002', target: 'terraform', resourceTypes: ['*'], check: () => 'any' },
      { ...info, id: 'PAVED-TEST-003', target: 'kubernetes', kinds: ['ConfigMap', 'Component', 'ConfigMap'], check: () => 'object' },
    ] as const;
    const { findings } = evaluatePolicy(artifacts, rules, []);
    const locations = (ruleId: string) => findings.filter((f) => f.ruleId === ruleId).map((f) => f.location).sort();
    const resources = artifacts.stacks.flatMap((s) => s.resources);
    expect(locations('PAVED-TEST-001')).toEqual(resources.filter((r) => r.type === 'aws_ssm_parameter').map((r) => r.subject.location).sort());
    expect(locations('PAVED-TEST-001').length).toBeGreaterThan(0);
    expect(locations('PAVED-TEST-002')).toEqual(resources.map((r) => r.subject.location).sort());
    expect(locations('PAVED-TEST-003')).toEqual([...artifacts.kubernetes, ...artifacts.catalog]
      .filter((o) => o.kind === 'ConfigMap' || o.kind === 'Component').map((o) => o.location).sort());
    expect(locations('PAVED-TEST-003')).toEqual(expect.arrayContaining(artifacts.catalog.map((o) => o.location)));
    expect(artifacts.catalog.length).toBeGreaterThan(0);
  });

  test('synth refuses to write on an unjustified error and leaves the previous output', () => {
    const outdir = join(tempDir(), 'dist');
    const good = testPlatform();
    new TestComponent(good, 'checkout');
    synth(good, { outdir, asOf: AS_OF });
    const before = readTree(outdir);

    let error: unknown;
    try {
      synth(leakyPlatform(), { outdir, asOf: AS_OF });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GuardrailViolationError);
    expect((error as Error).message).toContain('3 guardrail error(s) without a deviation; nothing was written.\n\ncheckout (team payments)\n  error     PAVED-K8S-SEC-001  gitops/dev/apps/checkout/configmap-checkout-settings.yaml');
    expect((error as Error).message).toContain('fix: Declare the secret on the service');
    expect(readTree(outdir)).toEqual(before);
  });

  test('--no-check writes anyway and the report says the guardrails did not run', () => {
    const outdir = join(tempDir(), 'dist');
    synth(leakyPlatform(), { outdir, check: false, asOf: AS_OF });
    const report = JSON.parse(readTree(outdir).get('report/report.json')!);
    expect(report.checked).toBe(false);
    expect(readTree(outdir).get('report/index.html')).toContain('Guardrails did not run: synthesized with --no-check.');
  });
});

describe('deviations', () => {
  test('a service deviation justifies its findings and is recorded on the objects', () => {
    const outdir = join(tempDir(), 'dist');
    const summary = synth(leakyPlatform({}, [{ ruleId: 'PAVED-K8S-SEC-001', ...DEVIATION }]), { outdir, asOf: AS_OF });
    expect(summary.policy!.unjustifiedErrors).toHaveLength(0);
    expect(summary.policy!.findings.filter((f) => f.justification)).toHaveLength(3);
    const [configMap] = Yaml.load(join(outdir, 'gitops/dev/apps/checkout/configmap-checkout-settings.yaml'));
    expect(configMap.metadata.annotations).toEqual({ 'paved.dev/deviations': 'PAVED-K8S-SEC-001 until 2027-01-31' });
  });

  test('a deviation limited to some environments covers only those', () => {
    const result = check(leakyPlatform({}, [{ ruleId: 'PAVED-K8S-SEC-001', environments: ['dev'], ...DEVIATION }]), { asOf: AS_OF });
    expect(result.unjustifiedErrors.map((f) => f.environment)).toEqual(['prod', 'staging']);
  });

  test('a platform deviation covers the services it names', () => {
    const covered = check(leakyPlatform({ deviations: [{ ruleId: 'PAVED-K8S-SEC-001', services: ['checkout'], ...DEVIATION }] }), { asOf: AS_OF });
    expect(covered.unjustifiedErrors).toHaveLength(0);
    const elsewhere = check(leakyPlatform({ deviations: [{ ruleId: 'PAVED-K8S-SEC-001', services: ['storefront'], ...DEVIATION }] }), { asOf: AS_OF });
    expect(elsewhere.unjustifiedErrors).toHaveLength(3);
  });

  test('a deviation on a Terraform finding becomes a default tag of the stack', () => {
    const platform = testPlatform({ deviations: [{ ruleId: 'PAVED-AWS-SEC-001', services: ['checkout'], ...DEVIATION }] });
    new TestComponent(platform, 'checkout');
    (platform.placement('checkout', 'dev').stack.node.findChild('Parameter') as any).addOverride('password', 'literal');
    const outdir = join(tempDir(), 'dist');
    synth(platform, { outdir, asOf: AS_OF });
    expect(readStack(outdir, 'dev', 'checkout-dev').provider.aws[0].default_tags[0].tags['paved:deviations']).toBe('PAVED-AWS-SEC-001');
    expect(readStack(outdir, 'prod', 'checkout-prod').provider.aws[0].default_tags[0].tags['paved:deviations']).toBeUndefined();
  });

  test('deviations on real constructs, declared by a construct prop and on the platform, are recorded on what they justify', () => {
    const platform = testPlatform({ deviations: [{ ruleId: 'PAVED-AWS-S3-004', services: ['checkout'], ...DEVIATION }] });
    platform.declareComponent({ name: 'checkout', team: 'payments', goldenPath: 'test' });
    catalogComponent(platform, 'checkout', 'payments');
    const { stack, chart } = platform.placement('checkout', 'dev');
    new Bucket(stack, 'Uploads').versioning.addOverride('versioning_configuration.status', 'Suspended');
    const workload = new SecureWorkload(chart, 'Workload', {
      image: Image.fromTag('111111111111.dkr.ecr.eu-west-1.amazonaws.com/checkout', '1.4.2'),
      writableRootFilesystem: DEVIATION,
    });
    new WorkloadNetworkPolicy(chart, 'NetworkPolicy', { workload });
    const rendered = renderPlatform(platform);
    // No baseline, so no cluster add-ons: the closure pack is left out (its own tests cover it).
    const result = checkPlatform(platform, rendered, AS_OF, PACKS_WITHOUT_CLOSURE);
    expect(result.unjustifiedErrors).toEqual([]);
    expect(result.findings.filter((f) => f.justification).map((f) => [f.ruleId, f.location])).toEqual([
      ['PAVED-K8S-POD-003', 'gitops/dev/apps/checkout/deployment-checkout.yaml'],
      ['PAVED-AWS-S3-004', 'terraform/dev/checkout-dev/cdk.tf.json#aws_s3_bucket.Uploads_4F6EB0FD'],
    ]);
    recordDeviations(rendered, result.findings);
    expect(rendered.stacks[0].json.provider.aws[0].default_tags[0].tags['paved:deviations']).toBe('PAVED-AWS-S3-004');
    const deployment = rendered.directories.flatMap((d) => d.files).find((f) => f.object.kind === 'Deployment')!.object;
    expect(deployment.metadata.annotations).toEqual({ 'paved.dev/deviations': 'PAVED-K8S-POD-003 until 2027-01-31' });
  });

  test('a deviation that suppresses nothing is reported as stale', () => {
    const platform = testPlatform({ deviations: [{ ruleId: 'PAVED-K8S-POD-003', ...DEVIATION }] });
    new TestComponent(platform, 'checkout');
    const result = check(platform, { asOf: AS_OF });
    expect(result.deviations).toEqual([{ deviation: expect.objectContaining({ ruleId: 'PAVED-K8S-POD-003', declaredBy: 'platform' }), justified: 0 }]);
  });

  test('fails when a deviation names an unknown rule, has a short reason, no owner, a bad or past date, or an unknown environment', () => {
    const message = errorOf(() => check(leakyPlatform({}, [
      { ruleId: 'PAVED-NOPE-001', reason: 'because', owner: '', expires: '2027-13-01' },
      { ruleId: 'PAVED-K8S-SEC-001', reason: 'The vendor agent needs this until its next release.', owner: 'x', expires: '2026-11-27', environments: ['qa'] },
    ]), { asOf: AS_OF }));
    expect(message).toContain('6 problems');
    expect(message).toContain("deviation for 'PAVED-NOPE-001' declared by service 'checkout': unknown rule id 'PAVED-NOPE-001'; use an id from RULES.md");
    expect(message).toContain("'reason' must say why in at least 20 characters (got \"because\").");
    expect(message).toContain("'owner' must name who answers for it (got \"\").");
    expect(message).toContain("'expires' must be a date 'YYYY-MM-DD' (got \"2027-13-01\").");
    expect(message).toContain("deviation for 'PAVED-K8S-SEC-001' declared by service 'checkout': expired on 2026-11-27; fix what it excuses, or renew it with a new date and reason.");
    expect(message).toContain("unknown environment 'qa' in 'environments'");
  });
});
