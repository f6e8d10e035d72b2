/**
 * Test fixtures without jest globals, so that apps run by the CLI in tests can import them too.
 */
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { PlatformBaseline } from '../golden-paths';
import { ExistingInfrastructure, Platform, PlatformProps, PlatformStack, StateBackend } from '../src';

/** Accounts of the test platform's environments. */
export const ACCOUNTS = { dev: '111111111111', staging: '222222222222', prod: '333333333333' } as const;

/** Props of a small valid platform; `overrides` replace single props. */
export function testPlatformProps(overrides: Partial<PlatformProps> = {}): PlatformProps {
  return {
    name: 'acme',
    gitops: { repoUrl: 'https://github.com/acme/gitops.git' },
    region: 'eu-west-1',
    environments: [
      { name: 'dev', account: ACCOUNTS.dev },
      { name: 'staging', account: ACCOUNTS.staging },
      { name: 'prod', account: ACCOUNTS.prod },
    ],
    teams: [
      { name: 'payments', idpGroup: 'acme-payments', contact: { email: 'payments@acme.example' } },
      { name: 'web', idpGroup: 'acme-web', contact: { email: 'web@acme.example' } },
    ],
    stateBackend: StateBackend.local(),
    ...overrides,
  };
}

/**
 * Facts recorded for `environment`'s network and cluster, as an environment's `existing`:
 * what `terraform output -json network` and `cluster` of its platform stack would give.
 */
export function recordedFacts(environment: string): ExistingInfrastructure {
  return {
    network: {
      vpcId: 'vpc-0123456789abcdef0',
      privateSubnetIds: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0bbbbbbbbbbbbbbb2', 'subnet-0ccccccccccccccc3'],
    },
    cluster: {
      clusterName: `acme-${environment}`,
      clusterSecurityGroupId: 'sg-0123456789abcdef0',
      oidcIssuerUrl: 'https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE',
    },
  };
}

/** The test platform with `recordedFacts` in every environment. */
export function testPlatformWithFacts(): Platform {
  return testPlatform({
    environments: testPlatformProps().environments!.map((e) => ({ ...e, existing: recordedFacts(e.name) })),
  });
}

/** The stack of the service `checkout` (team `payments`) in `environment`, on a platform with recorded facts. */
export function serviceStack(environment = 'dev', platform = testPlatformWithFacts()): PlatformStack {
  platform.declareComponent({ name: 'checkout', team: 'payments', goldenPath: 'test' });
  catalogComponent(platform, 'checkout', 'payments');
  return platform.placement('checkout', environment).stack;
}

/** The catalog Component every declared service needs (PAVED-PLT-OWN-001). */
export function catalogComponent(platform: Platform, name: string, team: string): void {
  new ApiObject(platform.catalogChart(), name, {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name },
    spec: { type: 'service', lifecycle: 'production', owner: `group:${team}` },
  } as any);
}

/** A small valid platform. */
export function testPlatform(overrides: Partial<PlatformProps> = {}): Platform {
  return new Platform(testPlatformProps(overrides));
}

/**
 * A minimal component for exercising the platform without golden paths, compliant with the
 * guardrails: in every environment one SSM parameter in its stack and one ConfigMap in its chart,
 * and a Component in the catalog.
 */
export class TestComponent extends Construct {
  constructor(platform: Platform, id: string, team = 'payments', goldenPath = 'test', secrets: readonly string[] = []) {
    // Declared before the construct exists, so a duplicate name is the platform's clear error.
    platform.declareComponent({ name: id, team, goldenPath, secrets });
    super(platform, id);
    for (const environment of platform.environments) {
      const placement = platform.placement(id, environment.name);
      new SsmParameter(placement.stack, 'Parameter', {
        name: `/${platform.naming.awsName('secret', environment.name, id, 'environment')}`,
        type: 'String',
        value: environment.name,
      });
      new ApiObject(placement.chart, 'Config', {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: platform.naming.kubernetesName(id, 'config') },
        data: { ENVIRONMENT: environment.name },
      } as any);
    }
    catalogComponent(platform, id, team);
  }
}

/** The platform's own infrastructure, for tests: one SSM parameter in each environment's platform stack. */
export class TestPlatformInfrastructure extends Construct {
  constructor(platform: Platform, environments: readonly string[] = platform.environments.filter((e) => !e.ephemeral).map((e) => e.name)) {
    super(platform, 'test-platform-infrastructure');
    for (const environment of environments) {
      new SsmParameter(platform.placement('platform', environment).stack, 'Marker', {
        name: `/${platform.naming.awsName('secret', environment, 'platform', 'marker')}`,
        type: 'String',
        value: environment,
      });
    }
  }
}

/** A platform ready for golden paths: recorded facts in every environment, and its baseline. */
export function goldenPathPlatform(overrides: Partial<PlatformProps> = {}): Platform {
  const platform = new Platform({
    ...testPlatformProps(),
    environments: testPlatformProps().environments!.map((e) => ({ ...e, existing: recordedFacts(e.name) })),
    ...overrides,
  });
  new PlatformBaseline(platform, { platformTeam: 'payments', domain: 'acme.example' });
  return platform;
}
