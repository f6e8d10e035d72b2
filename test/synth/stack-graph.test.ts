import { readFileSync } from 'fs';
import { join } from 'path';
import { Network } from '../../constructs';
import { Platform, SelfService, StackGraph } from '../../src';
import { TestComponent, TestPlatformInfrastructure, catalogComponent, errorOf, synthToTemp, testPlatform } from '../util';

function graphOf(platform: Platform): { graph: StackGraph; text: string } {
  const text = readFileSync(join(synthToTemp(platform), 'terraform/stacks.json'), 'utf8');
  return { graph: JSON.parse(text), text };
}

describe('terraform/stacks.json', () => {
  test('lists every stack after its dependencies: the platform stack first in each environment', () => {
    const platform = testPlatform();
    new TestComponent(platform, 'checkout');
    new TestPlatformInfrastructure(platform);
    new TestComponent(platform, 'storefront', 'web');
    const { graph } = graphOf(platform);
    expect(graph.stacks.map((s) => [s.id, s.dependsOn])).toEqual([
      ['platform-dev', []],
      ['checkout-dev', ['platform-dev']],
      ['storefront-dev', ['platform-dev']],
      ['platform-staging', []],
      ['checkout-staging', ['platform-staging']],
      ['storefront-staging', ['platform-staging']],
      ['platform-prod', []],
      ['checkout-prod', ['platform-prod']],
      ['storefront-prod', ['platform-prod']],
    ]);
    expect(graph.stacks[1]).toEqual({
      id: 'checkout-dev', environment: 'dev', service: 'checkout', team: 'payments', directory: 'terraform/dev/checkout-dev', dependsOn: ['platform-dev'],
    });
    expect(graph.environments).toEqual([
      { name: 'dev', tier: 'development', production: false },
      { name: 'staging', tier: 'staging', production: false },
      { name: 'prod', tier: 'production', production: true },
    ]);
  });

  test('is the same whichever is declared first, the platform stack or the services', () => {
    const first = testPlatform();
    new TestPlatformInfrastructure(first);
    new TestComponent(first, 'checkout');
    const second = testPlatform();
    new TestComponent(second, 'checkout');
    new TestPlatformInfrastructure(second);
    expect(graphOf(first).text).toBe(graphOf(second).text);
  });

  test('service stacks have no dependency where the environment has no platform stack', () => {
    const platform = testPlatform();
    new TestPlatformInfrastructure(platform, ['prod']);
    new TestComponent(platform, 'checkout');
    const { graph } = graphOf(platform);
    expect(graph.stacks.find((s) => s.id === 'checkout-dev')!.dependsOn).toEqual([]);
    expect(graph.stacks.find((s) => s.id === 'checkout-prod')!.dependsOn).toEqual(['platform-prod']);
  });

  test("an ephemeral environment's service stacks depend on the platform stack of the environment it came from", () => {
    const platform = testPlatform({
      asOf: '2026-11-28',
      selfService: SelfService.fromState({
        environments: [{ name: 'pr-7', from: 'dev', created: '2026-11-28T09:00:00.000Z', expires: '2026-12-01T09:00:00.000Z', by: 'dev@acme.example' }],
        accessGrants: [],
        secretRotations: [],
      }),
    });
    new TestPlatformInfrastructure(platform);
    new TestComponent(platform, 'checkout');
    const { graph } = graphOf(platform);
    expect(graph.stacks.slice(-1)[0]).toMatchObject({ id: 'checkout-pr-7', environment: 'pr-7', dependsOn: ['platform-dev'] });
    expect(graph.environments.slice(-1)[0]).toEqual({ name: 'pr-7', tier: 'development', production: false, from: 'dev' });
  });

  test('fails when a stack waits for a fact that no stack gives, saying where to create it', () => {
    const platform = testPlatform();
    new TestPlatformInfrastructure(platform);
    platform.declareComponent({ name: 'checkout', team: 'payments' });
    catalogComponent(platform, 'checkout', 'payments');
    Network.fromEnvironment(platform.placement('checkout', 'dev').stack, 'Network');
    expect(errorOf(() => synthToTemp(platform))).toBe(
      "PlatformStack 'checkout-dev': reads the network of environment 'dev', which neither its 'existing.network' adopts nor stack 'platform-dev' creates (it has no 'network' fact output); "
      + "create it in stack 'platform-dev' (a Network, an EksCluster, or another construct that calls factsOutput), or set 'existing.network' to the one the platform adopts.",
    );
  });
});
