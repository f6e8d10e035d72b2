import { Duration } from 'cdk8s';
import { GrpcService, NodeApi, PlatformBaseline, PythonWorker, ReactFrontend } from '../../golden-paths';
import { Platform } from '../../src';
import { testPlatformProps, testPlatformWithFacts } from '../fixtures';

function platform(): Platform {
  return new Platform(testPlatformProps());
}

function messageOf(build: () => unknown): string {
  try {
    build();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected an error');
}

describe('golden-path props checked at run time', () => {
  test('fails when a prop name has a typo, with a suggestion', () => {
    expect(messageOf(() => new NodeApi(platform(), 'checkout', { team: 'payments', dependOn: ['x'] } as any)))
      .toBe("NodeApi 'checkout': unknown prop 'dependOn'; did you mean 'dependsOn'?");
  });

  test('fails when props have the wrong type, listing every problem', () => {
    expect(messageOf(() => new NodeApi(platform(), 'checkout', { team: 'payments', database: 'yes', queues: 'orders', minReplicas: '6' } as any))).toBe(
      "NodeApi 'checkout': 3 problems:\n"
      + "  - 'database' must be true, false or an object such as { size: 'medium' } (got \"yes\" (string)).\n"
      + "  - 'queues' must be a list of strings (got \"orders\" (string)); write ['orders'].\n"
      + "  - 'minReplicas' must be a whole number of at least 1 (got \"6\" (string)); write it as a number, without quotes: 6.",
    );
  });

  test('fails when a value is outside its enum, naming the allowed values', () => {
    expect(messageOf(() => new NodeApi(platform(), 'checkout', { team: 'payments', database: { size: 'huge' } } as any)))
      .toBe("NodeApi 'checkout': 'database.size' must be 'small', 'medium' or 'large' (got \"huge\" (string)).");
    expect(messageOf(() => new NodeApi(platform(), 'checkout', { team: 'payments', lifecycle: 'prod' } as any)))
      .toBe("NodeApi 'checkout': 'lifecycle' must be 'experimental', 'production' or 'deprecated' (got \"prod\" (string)).");
  });

  test('fails when a per-environment override is wrong, naming the environment', () => {
    expect(messageOf(() => new NodeApi(platform(), 'checkout', { team: 'payments', environments: { prod: { minReplicas: '6', minReplica: 2 } } } as any))).toBe(
      "NodeApi 'checkout': 2 problems:\n"
      + "  - 'environments.prod.minReplicas' must be a whole number of at least 1 (got \"6\" (string)); write it as a number, without quotes: 6.\n"
      + "  - unknown prop 'environments.prod.minReplica'; did you mean 'minReplicas'?",
    );
    expect(messageOf(() => new NodeApi(platform(), 'checkout', { team: 'payments', environments: { prod: { database: { size: 'huge' } } } } as any)))
      .toBe("NodeApi 'checkout': 'environments.prod.database.size' must be 'small', 'medium' or 'large' (got \"huge\" (string)).");
  });

  test('fails when maxReplicas is below minReplicas, naming the service and environment', () => {
    expect(messageOf(() => new NodeApi(platform(), 'checkout', { team: 'payments', environments: { prod: { minReplicas: 6, maxReplicas: 3 } } })))
      .toBe("NodeApi 'checkout': 'environments.prod.maxReplicas' (3) is below 'minReplicas' (6) in environment 'prod'; raise 'maxReplicas' to at least 6 or lower 'minReplicas'.");
  });

  test('fails when an internal part rejects a value, naming the service and environment, not the part', () => {
    const message = messageOf(() => new NodeApi(testPlatformWithFacts(), 'checkout', { team: 'payments', environments: { prod: { resources: { memoryMiB: 512, memoryLimitMiB: 256 } } } }));
    expect(message).toBe("NodeApi 'checkout' in environment 'prod': 'resources.memoryLimitMiB' (256) must be at least 'resources.memoryMiB' (512); raise the limit or lower the request.");
    expect(message).not.toContain('Workload');
  });

  test('fails when the repository or image tag is wrong, naming the service prop', () => {
    expect(messageOf(() => new NodeApi(testPlatformWithFacts(), 'checkout', { team: 'payments', repository: 'not a repo', imageTag: 'latest' }))).toBe(
      "NodeApi 'checkout': 2 problems:\n"
      + "  - 'repository' must be a GitHub repository as 'owner/repo' (got \"not a repo\").\n"
      + "  - 'imageTag' must be an explicit version such as '1.4.2' or a commit SHA, not 'latest' or empty (got \"latest\"), so that what runs cannot change under a deployment.",
    );
  });

  test('fails when the props object is missing, or the name or platform is wrong', () => {
    expect(messageOf(() => new NodeApi(platform(), 'checkout', undefined as any)))
      .toBe("NodeApi 'checkout': the props must be an object with at least 'team' (got undefined).");
    expect(messageOf(() => new NodeApi(platform(), '', { team: 'payments' })))
      .toMatch(/^NodeApi '': 'name' /);
    expect(messageOf(() => new NodeApi({} as any, 'checkout', { team: 'payments' })))
      .toBe("NodeApi 'checkout': the first argument must be the Platform (got Object); declare it as new NodeApi(platform, 'checkout', { team: ... }).");
  });

  test("fails on each variant's own props", () => {
    expect(messageOf(() => new PythonWorker(platform(), 'worker', { team: 'payments', terminationGracePeriod: 120 } as any)))
      .toBe("PythonWorker 'worker': 'terminationGracePeriod' must be a Duration such as Duration.minutes(2) (got 120 (number)).");
    expect(messageOf(() => new GrpcService(platform(), 'inventory', { team: 'payments', toolchain: 'go' } as any)))
      .toBe("GrpcService 'inventory': 'toolchain' must be 'node' or 'python' (got \"go\" (string)).");
    expect(messageOf(() => new ReactFrontend(platform(), 'web', { team: 'web', openApiPath: 'x' } as any)))
      .toMatch(/^ReactFrontend 'web': unknown prop 'openApiPath'; the props are 'team', /);
    new PythonWorker(testPlatformWithFacts(), 'worker', { team: 'payments', terminationGracePeriod: Duration.minutes(1) });
  });

  test('fails on a PlatformBaseline prop typo', () => {
    expect(messageOf(() => new PlatformBaseline(platform(), { githubOrganisation: 'acme' } as any)))
      .toBe("PlatformBaseline: unknown prop 'githubOrganisation'; did you mean 'githubOrganization'?");
  });
});
