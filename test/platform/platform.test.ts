import { Construct } from 'constructs';
import { Platform, PlatformChart, PlatformStack } from '../../src';
import { ACCOUNTS, TestComponent, errorOf, readStack, synthToTemp, testPlatform, testPlatformProps } from '../util';

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
    expect(errorOf(() => testPlatform({ name: 'Acme Corp' }))).toBe(
      "Platform 'Acme Corp': 'name' must be 1-20 lowercase letters, digits and single hyphens, start with a letter and end with a letter or digit (got 'Acme Corp'); for example 'acme-corp'.",
    );
  });

  test('fails when an environment has no account, listing every problem at once', () => {
    const message = errorOf(() => testPlatform({ environments: [{ name: 'dev' }, { name: 'Prod!', account: '123' }] }));
    expect(message).toContain('3 problems');
    expect(message).toContain("environment 'dev' has no AWS account; set 'account' on the platform or on the environment");
    expect(message).toContain("'environments[].name' must be 1-16 lowercase letters");
    expect(message).toContain("environment 'Prod!': 'account' must be a 12-digit AWS account id (got '123').");
  });

  test('fails when the region is not an AWS region, suggesting the nearest for a typo', () => {
    expect(errorOf(() => testPlatform({ region: 'Ireland' }))).toBe("Platform 'acme': 'region' must be an AWS region code such as 'eu-west-1' (got \"Ireland\" (string)); the regions are listed in AWS_REGIONS (src/platform/aws-region.ts); add a newly opened one there.");
    expect(errorOf(() => testPlatform({ region: 'eu-wset-1' }))).toBe("Platform 'acme': 'region' must be an AWS region code such as 'eu-west-1' (got \"eu-wset-1\" (string)); did you mean 'eu-west-1'?");
    const environments = testPlatformProps().environments!.map((e) => (e.name === 'prod' ? { ...e, region: 'us-gov-wets-1' } : e));
    expect(errorOf(() => testPlatform({ environments }))).toBe("Platform 'acme': environment 'prod': 'region' must be an AWS region code such as 'eu-west-1' (got \"us-gov-wets-1\" (string)); did you mean 'us-gov-west-1'?");
    for (const region of ['us-gov-west-1', 'cn-northwest-1', 'ap-southeast-5', 'mx-central-1']) {
      expect(testPlatform({ region }).environments[0].region).toBe(region);
    }
  });

  test('fails when platform, environment or team props have unknown keys or the wrong types', () => {
    const environments = testPlatformProps().environments!.map((e) => (e.name === 'prod' ? { ...e, minReplicas: '3', tier: 'prod' } : e));
    const teams = [{ ...testPlatformProps().teams[0], idpgroup: 'x' }, testPlatformProps().teams[1]];
    expect(errorOf(() => testPlatform({ environments, teams, regoin: 'eu-west-1', tags: { cost: 5 } } as any))).toBe(
      "Platform 'acme': 5 problems:\n"
      + "  - 'environments.prod.minReplicas' must be a whole number of at least 1 (got \"3\" (string)); write it as a number, without quotes: 3.\n"
      + "  - 'environments.prod.tier' must be 'development', 'staging' or 'production' (got \"prod\" (string)).\n"
      + "  - unknown prop 'teams.payments.idpgroup'; did you mean 'idpGroup'?\n"
      + "  - unknown prop 'regoin'; did you mean 'region'?\n"
      + "  - 'tags.cost' must be a string (got 5 (number)).",
    );
  });

  test('fails when the props object is missing', () => {
    expect(errorOf(() => new Platform(undefined as any))).toBe("Platform '': the props must be an object with at least 'name', 'gitops' and 'teams' (got undefined).");
  });

  test('fails when an environment or team is declared twice', () => {
    const envs = testPlatformProps().environments!;
    expect(errorOf(() => testPlatform({ environments: [...envs, envs[0]] }))).toContain("environment 'dev' is declared twice");
    const teams = testPlatformProps().teams;
    expect(errorOf(() => testPlatform({ teams: [...teams, teams[1]] }))).toContain("team 'web' is declared twice");
  });

  test('fails when a team has no email or a bad link', () => {
    const message = errorOf(() => testPlatform({ teams: [{ name: 'ops', idpGroup: 'ops', contact: { email: 'nope', onCall: 'pagerduty' } }] }));
    expect(message).toContain("team 'ops': 'contact.email' must be an email address (got \"nope\").");
    expect(message).toContain("team 'ops': 'contact.onCall' must be an http(s) URL (got 'pagerduty').");
  });

  test('fails when there are no teams', () => {
    expect(errorOf(() => testPlatform({ teams: [] }))).toContain("'teams' is empty");
  });

  test('fails when the GitOps URL is not a clone URL', () => {
    expect(errorOf(() => testPlatform({ gitops: { repoUrl: 'github.com/acme' } }))).toContain("'gitops.repoUrl' must be an https or ssh clone URL (got \"github.com/acme\").");
  });

  test('fails when a tag key is reserved', () => {
    expect(errorOf(() => testPlatform({ tags: { 'aws:owner': 'x' } }))).toContain("tag key 'aws:owner' must be 1-128 characters and must not start with 'aws:' or 'paved:'");
  });

  test('fails on an unknown environment, listing the known ones', () => {
    expect(errorOf(() => testPlatform().environment('qa'))).toBe(
      "Platform 'acme': unknown environment 'qa'; the environments are 'dev', 'staging', 'prod'.",
    );
  });

  test('fails when a service names an unknown team', () => {
    expect(errorOf(() => new TestComponent(testPlatform(), 'checkout', 'billing'))).toContain(
      "unknown team 'billing'; the teams are 'payments', 'web'.",
    );
  });

  test('fails when a service name is declared twice', () => {
    const platform = testPlatform();
    new TestComponent(platform, 'checkout');
    expect(errorOf(() => new TestComponent(platform, 'checkout', 'web'))).toContain(
      "a service called 'checkout' is declared twice; service names must be unique across the platform",
    );
  });

  test('fails when a service takes a reserved name', () => {
    expect(errorOf(() => new TestComponent(testPlatform(), 'argocd'))).toContain("the service name 'argocd' is reserved for the platform (reserved: 'platform', 'argocd', 'catalog'); choose another name.");
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
