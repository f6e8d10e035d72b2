import { Construct } from 'constructs';
import { Platform, PlatformChart, PlatformStack } from '../../src';
import { ACCOUNTS, TestComponent, readStack, synthToTemp, testPlatform, testPlatformProps, validationErrorOf } from '../util';


describe('Platform defaults', () => {
  const platform = new Platform({
    name: 'acme',
    gitops: { repoUrl: 'https://github.com/acme/gitops.git' },
    account: ACCOUNTS.dev,
    teams: [{ name: 'payments', idpGroup: 'acme-payments', contact: { email: 'payments@acme.example' } }],
  });

  test('has dev, staging and prod with the settings of their tiers', () => {
    expect(platform.environments.map((e) => ({
      name: e.name,
      tier: e.tier,
      minReplicas: e.minReplicas,
      deletionProtection: e.deletionProtection,
      multiAz: e.multiAz,
      backupRetentionDays: e.backupRetentionDays,
      isProduction: e.isProduction,
    }))).toEqual([
      { name: 'dev', tier: 'development', minReplicas: 1, deletionProtection: false, multiAz: false, backupRetentionDays: 7, isProduction: false },
      { name: 'staging', tier: 'staging', minReplicas: 2, deletionProtection: false, multiAz: false, backupRetentionDays: 7, isProduction: false },
      { name: 'prod', tier: 'production', minReplicas: 3, deletionProtection: true, multiAz: true, backupRetentionDays: 14, isProduction: true },
    ]);
  });

  test('puts every environment in the platform account, in us-east-1, with a cluster of its own', () => {
    for (const env of platform.environments) {
      expect(env.account).toBe(ACCOUNTS.dev);
      expect(env.region).toBe('us-east-1');
      expect(env.clusterName).toBe(`acme-${env.name}`);
    }
  });

  test('follows main at the repository root', () => {
    expect(platform.gitops).toEqual({ repoUrl: 'https://github.com/acme/gitops.git', path: '', revision: 'main' });
  });

  test('keeps state in an encrypted S3 bucket with native locking, one key per stack', () => {
    expect(platform.stateBackend.kind).toBe('s3');
    new TestComponent(platform, 'checkout');
    const stack = readStack(synthToTemp(platform), 'prod', 'checkout-prod');
    expect(stack.terraform.backend.s3).toEqual({
      bucket: `acme-tfstate-${ACCOUNTS.dev}`,
      key: 'acme/prod/checkout-prod.tfstate',
      region: 'us-east-1',
      encrypt: true,
      use_lockfile: true,
    });
  });

  test('resolves team defaults', () => {
    expect(platform.team('payments')).toMatchObject({ displayName: 'payments', domain: 'payments', idpGroup: 'acme-payments' });
  });
});

describe('Environment settings', () => {
  test('an environment may override every tier default', () => {
    const platform = testPlatform({
      environments: [{
        name: 'qa',
        tier: 'staging',
        account: ACCOUNTS.staging,
        region: 'eu-central-1',
        clusterName: 'shared',
        minReplicas: 4,
        deletionProtection: true,
        multiAz: true,
        backupRetentionDays: 21,
      }],
    });
    expect(platform.environment('qa')).toMatchObject({
      tier: 'staging',
      region: 'eu-central-1',
      clusterName: 'shared',
      minReplicas: 4,
      deletionProtection: true,
      multiAz: true,
      backupRetentionDays: 21,
    });
  });

  test('the tier follows the name when it is not given', () => {
    const platform = testPlatform({ environments: ['production', 'stage', 'sandbox'].map((name) => ({ name, account: ACCOUNTS.dev })) });
    expect(platform.environments.map((e) => e.tier)).toEqual(['production', 'staging', 'development']);
  });
});

describe('Platform validation', () => {
  test('fails when the platform name is not a DNS label', () => {
    expect(validationErrorOf(() => testPlatform({ name: 'Acme Corp' }))).toBe(
      "Platform 'Acme Corp': 'name' must be 1-20 lowercase letters, digits and single hyphens, start with a letter and end with a letter or digit (got 'Acme Corp'); for example 'acme-corp'.",
    );
  });

  test('fails when an environment has no account, listing every problem at once', () => {
    const message = validationErrorOf(() => testPlatform({ environments: [{ name: 'dev' }, { name: 'Prod!', account: '123' }] }));
    expect(message).toContain('3 problems');
    expect(message).toContain("environment 'dev' has no AWS account; set 'account' on the platform or on the environment");
    expect(message).toContain("'environments[].name' must be 1-16 lowercase letters");
    expect(message).toContain("environment 'Prod!': 'account' must be a 12-digit AWS account id (got '123').");
  });

  test('fails when the region is not a region code', () => {
    expect(validationErrorOf(() => testPlatform({ region: 'Ireland' }))).toContain("'region' must be an AWS region code such as 'eu-west-1' (got 'Ireland').");
  });

  test('fails when an environment or team is declared twice', () => {
    const envs = testPlatformProps().environments!;
    expect(validationErrorOf(() => testPlatform({ environments: [...envs, envs[0]] }))).toContain("environment 'dev' is declared twice");
    const teams = testPlatformProps().teams;
    expect(validationErrorOf(() => testPlatform({ teams: [...teams, teams[1]] }))).toContain("team 'web' is declared twice");
  });

  test('fails when a team has no email or a bad link', () => {
    const message = validationErrorOf(() => testPlatform({ teams: [{ name: 'ops', idpGroup: 'ops', contact: { email: 'nope', onCall: 'pagerduty' } }] }));
    expect(message).toContain("team 'ops': 'contact.email' must be an email address (got \"nope\").");
    expect(message).toContain("team 'ops': 'contact.onCall' must be an http(s) URL (got 'pagerduty').");
  });

  test('fails when there are no teams', () => {
    expect(validationErrorOf(() => testPlatform({ teams: [] }))).toContain("'teams' is empty");
  });

  test('fails when the GitOps URL is not a clone URL', () => {
    expect(validationErrorOf(() => testPlatform({ gitops: { repoUrl: 'github.com/acme' } }))).toContain("'gitops.repoUrl' must be an https or ssh clone URL (got \"github.com/acme\").");
  });

  test('fails when a tag key is reserved', () => {
    expect(validationErrorOf(() => testPlatform({ tags: { 'aws:owner': 'x' } }))).toContain("tag key 'aws:owner' must be 1-128 characters and must not start with 'aws:' or 'paved:'");
  });

  test('fails on an unknown environment, listing the known ones', () => {
    expect(validationErrorOf(() => testPlatform().environment('qa'))).toBe(
      "Platform 'acme': unknown environment 'qa'; the environments are 'dev', 'staging', 'prod'.",
    );
  });

  test('fails when a service names an unknown team', () => {
    expect(validationErrorOf(() => new TestComponent(testPlatform(), 'checkout', 'billing'))).toContain(
      "unknown team 'billing'; the teams are 'payments', 'web'.",
    );
  });

  test('fails when a service name is declared twice', () => {
    const platform = testPlatform();
    new TestComponent(platform, 'checkout');
    expect(validationErrorOf(() => new TestComponent(platform, 'checkout', 'web'))).toContain(
      "a service called 'checkout' is declared twice; service names must be unique across the platform",
    );
  });

  test('fails when a service takes a reserved name', () => {
    expect(validationErrorOf(() => new TestComponent(testPlatform(), 'argocd'))).toContain("the service name 'argocd' is reserved for the platform (reserved: 'platform', 'argocd', 'catalog'); choose another name.");
  });
});

describe('Placement', () => {
  test('addresses the stack and the chart of a component by the same path', () => {
    const platform = testPlatform();
    new TestComponent(platform, 'checkout');
    const placement = platform.placement('checkout', 'staging');
    expect(placement.path).toBe('checkout-staging');
    expect(placement.stack.node.path).toBe('checkout-staging');
    expect(placement.chart.node.path).toBe('checkout-staging');
    expect(placement.chart.namespace).toBe('payments');
    expect(platform.placement('checkout', 'staging')).toBe(placement);
  });

  test('creates no stack for a component without cloud resources', () => {
    const platform = testPlatform();
    platform.placement('platform', 'dev');
    expect(platform.terraformApp.node.children).toHaveLength(0);
  });

  test('PlatformStack.of and PlatformChart.of find the placement from a construct inside it', () => {
    const platform = testPlatform();
    new TestComponent(platform, 'checkout');
    const placement = platform.placement('checkout', 'prod');
    const inStack = new Construct(new Construct(placement.stack, 'Module'), 'Part');
    const inChart = new Construct(placement.chart, 'Part');
    expect(PlatformStack.of(inStack)).toBe(placement.stack);
    expect(PlatformStack.of(inStack).environment.name).toBe('prod');
    expect(PlatformChart.of(inChart)).toBe(placement.chart);
    expect(PlatformChart.of(inChart).platform).toBe(platform);
  });

  test('the Argo CD chart of an environment is shared and written to gitops/<env>/argocd', () => {
    const platform = testPlatform();
    const chart = platform.argoCdChart('dev');
    expect(platform.argoCdChart('dev')).toBe(chart);
    expect(chart.outputDirectory).toBe('gitops/dev/argocd');
    expect(chart.namespace).toBe('argocd');
    expect(chart.labels).toMatchObject({ 'paved.dev/team': 'platform', 'paved.dev/environment': 'dev' });
  });

  test('the catalog chart has no kustomization and no labels', () => {
    const chart = testPlatform().catalogChart();
    expect(chart.outputDirectory).toBe('catalog');
    expect(chart.kustomization).toBe(false);
    expect(chart.labels).toEqual({});
  });

  test('Platform.of finds the platform from any construct under it', () => {
    const platform = testPlatform();
    const component = new TestComponent(platform, 'checkout');
    expect(Platform.of(new Construct(component, 'Child'))).toBe(platform);
  });
});
