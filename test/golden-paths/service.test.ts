import { validateWorkflow } from '@action-validator/core';
import { parse } from 'yaml';
import { NodeApi, PythonWorker, ReactFrontend, Service } from '../../golden-paths';
import { check } from '../../src';
import { errorOf, goldenPathPlatform, readStack, readTree, resourcesOf, synthToTemp } from '../util';

const AS_OF = '2026-11-28';

describe('per-environment settings', () => {
  const platform = goldenPathPlatform({ asOf: AS_OF });
  const api = new NodeApi(platform, 'checkout', {
    team: 'payments',
    database: true,
    maxReplicas: 8,
    environments: { prod: { minReplicas: 4, database: { size: 'large' }, env: { LOG_LEVEL: 'warn' } } },
  });
  const outdir = synthToTemp(platform);
  const files = readTree(outdir);
  const object = (path: string) => parse(files.get(path)!);

  test('replicas follow the environment unless overridden', () => {
    expect(api.deployments.get('dev')!.workload.minReplicas).toBe(1);
    expect(api.deployments.get('staging')!.workload.minReplicas).toBe(2);
    expect(object('gitops/prod/apps/checkout/horizontalpodautoscaler-checkout.yaml').spec).toMatchObject({ minReplicas: 4, maxReplicas: 8 });
  });

  test('the database is sized per environment and protected in production', () => {
    const database = (env: string) => Object.values(resourcesOf(readStack(outdir, env, `checkout-${env}`), 'aws_db_instance'))[0] as any;
    expect(database('dev')).toMatchObject({ instance_class: 'db.t4g.medium', multi_az: false, deletion_protection: false });
    expect(database('prod')).toMatchObject({ instance_class: 'db.r7g.xlarge', multi_az: true, deletion_protection: true, backup_retention_period: 14 });
  });

  test('environment variables merge, the environment winning', () => {
    const env = (e: string) => object(`gitops/${e}/apps/checkout/deployment-checkout.yaml`).spec.template.spec.containers[0].env.map((v: any) => v.name);
    expect(env('prod')).toContain('LOG_LEVEL');
    expect(env('dev')).not.toContain('LOG_LEVEL');
  });

  test('the container repository exists once, in the registry environment, pullable from every account', () => {
    const repositories = (env: string) => Object.keys(resourcesOf(readStack(outdir, env, `checkout-${env}`), 'aws_ecr_repository'));
    expect([repositories('dev'), repositories('staging'), repositories('prod')].map((r) => r.length)).toEqual([0, 0, 1]);
    const policy = Object.values(resourcesOf(readStack(outdir, 'prod', 'checkout-prod'), 'aws_ecr_repository_policy'))[0] as any;
    expect(JSON.parse(policy.policy).Statement[0].Principal.AWS).toEqual(['arn:aws:iam::111111111111:root', 'arn:aws:iam::222222222222:root']);
  });

  test('escape hatches reach every part', () => {
    const deployment = api.deployments.get('prod')!;
    expect(deployment.database!.size.instanceClass).toBe('db.r7g.xlarge');
    expect(deployment.workload.deployment).toBeDefined();
    expect(deployment.identity.roleArn).toMatch(/^arn:aws:iam::333333333333:role\//);
    expect(Service.all(platform)).toEqual([api]);
  });
});

describe('dependencies between services', () => {
  const platform = goldenPathPlatform({ asOf: AS_OF });
  new NodeApi(platform, 'checkout', { team: 'payments' });
  new ReactFrontend(platform, 'storefront', { team: 'web', dependsOn: ['checkout'] });
  const files = readTree(synthToTemp(platform));
  const policy = (app: string) => parse(files.get(`gitops/dev/apps/${app}/networkpolicy-${app}.yaml`)!).spec;

  test('the caller may reach the service it depends on, in that team namespace, on its port', () => {
    expect(policy('storefront').egress).toContainEqual({
      to: [{ podSelector: { matchLabels: { 'paved.dev/workload': 'checkout' } }, namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'payments' } } }],
      ports: [{ protocol: 'TCP', port: 8080 }],
    });
  });

  test('the service accepts the caller, whichever was declared first', () => {
    expect(policy('checkout').ingress).toContainEqual({
      from: [{ podSelector: { matchLabels: { 'paved.dev/workload': 'storefront' } }, namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'web' } } }],
      ports: [{ protocol: 'TCP', port: 'http' }],
    });
  });

  test('fails when a dependency is not a service', () => {
    const broken = goldenPathPlatform();
    new NodeApi(broken, 'checkout', { team: 'payments', dependsOn: ['ledger'] });
    expect(errorOf(() => check(broken, { asOf: AS_OF }))).toBe("NodeApi 'checkout': 'dependsOn' names 'ledger', which is not a service on a golden path; the services are 'checkout'.");
  });
});

describe('service CI workflow', () => {
  const platform = goldenPathPlatform({ asOf: AS_OF });
  new PythonWorker(platform, 'shipper', { team: 'payments' });
  const files = readTree(synthToTemp(platform));
  const text = files.get('ci/shipper.yml')!;
  const workflow = parse(text);

  test('is a valid GitHub Actions workflow', () => {
    expect(validateWorkflow(text).errors).toEqual([]);
  });

  test('tests with its toolchain, then builds, scans and pushes with OIDC credentials and no stored keys', () => {
    expect(workflow.jobs.test.steps.map((s: any) => s.run ?? s.uses)).toEqual(['actions/checkout@v4', 'actions/setup-python@v5', 'pip install -r requirements.txt', 'python -m pytest']);
    const build = workflow.jobs.build;
    expect(build.permissions).toEqual({ 'contents': 'read', 'id-token': 'write' });
    expect(build.steps.find((s: any) => s.uses === 'aws-actions/configure-aws-credentials@v4').with['role-to-assume'])
      .toMatch(/^arn:aws:iam::333333333333:role\/acme-prod-shipper-ci-role$/);
    expect(build.steps.map((s: any) => s.name).filter(Boolean)).toEqual(['AWS credentials (OIDC)', 'Log in to the registry', 'Build', 'Scan', 'Push']);
    expect(text).not.toMatch(/aws-access-key-id|aws-secret-access-key/);
    expect(workflow.permissions).toEqual({ contents: 'read' });
  });

  test('pins the digest in the GitOps release component of the first environment, and promotes on request', () => {
    const pin = workflow.jobs.release.steps[1].run;
    expect(pin).toContain('cd "gitops/dev/releases/shipper"');
    expect(pin).toContain('kustomize edit set image "333333333333.dkr.ecr.eu-west-1.amazonaws.com/acme-prod-shipper-images@${{ needs.build.outputs.digest }}"');
    expect(workflow.jobs.promote.environment).toBe('${{ inputs.environment }}');
    expect(workflow.on.workflow_dispatch.inputs.environment.options).toEqual(['dev', 'staging', 'prod']);
  });

  test('the CI role trusts only the main branch of the service repository and may only push its images', () => {
    const stack = readStack(synthToTemp(platform), 'prod', 'shipper-prod');
    const role = Object.values(resourcesOf(stack, 'aws_iam_role')).find((r: any) => r.name === 'acme-prod-shipper-ci-role') as any;
    expect(JSON.parse(role.assume_role_policy).Statement[0].Condition).toEqual({
      StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': 'repo:acme/shipper:ref:refs/heads/main' },
    });
  });
});

describe('service validation', () => {
  test.each([
    ['an invalid name', 'Checkout_API', {}, "'name' must be 1-40 lowercase letters, digits and single hyphens"],
    ['an unknown team', 'checkout', { team: 'billing' }, "unknown team 'billing'; the teams are 'payments', 'web'."],
    ['a repeated queue', 'checkout', { queues: ['orders', 'orders'] }, "'queues' names 'orders' twice; each name must be unique."],
    ['an invalid bucket name', 'checkout', { buckets: ['Receipts'] }, "'buckets[]' must be 1-30 lowercase letters"],
    ['settings for an unknown environment', 'checkout', { environments: { qa: { minReplicas: 2 } } }, "'environments' has settings for 'qa', which is not an environment; the environments are 'dev', 'staging', 'prod'."],
    ['a dependency on itself', 'checkout', { dependsOn: ['checkout'] }, "'dependsOn' names the service itself ('checkout')"],
  ])('fails on %s', (_, name, props, message) => {
    expect(errorOf(() => new NodeApi(goldenPathPlatform(), name, { team: 'payments', ...props }))).toContain(message);
  });

  test('fails when a service name is taken', () => {
    const platform = goldenPathPlatform();
    new NodeApi(platform, 'checkout', { team: 'payments' });
    expect(errorOf(() => new PythonWorker(platform, 'checkout', { team: 'web' }))).toContain("a service called 'checkout' is declared twice");
  });

  test('a writable root filesystem is a deviation of the service, recorded on its objects', () => {
    const platform = goldenPathPlatform({ asOf: AS_OF });
    new PythonWorker(platform, 'renderer', {
      team: 'web',
      writableRootFilesystem: { reason: 'The PDF renderer writes a font cache beside its binary.', owner: 'web', expires: '2027-03-31' },
    });
    const files = readTree(synthToTemp(platform));
    const deployment = parse(files.get('gitops/prod/apps/renderer/deployment-renderer.yaml')!);
    expect(deployment.metadata.annotations).toEqual({ 'paved.dev/deviations': 'PAVED-K8S-POD-003 until 2027-03-31' });
    expect(JSON.parse(files.get('report/report.json')!).deviationsByRule).toEqual({ 'PAVED-K8S-POD-003': 3 });
  });
});
