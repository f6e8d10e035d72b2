import { GrpcService, NodeApi, NodeApiProps, PythonWorker, ReactFrontend } from '../golden-paths';
import { Platform, TeamProps } from '../src';
import { goldenPathPlatform, testPlatformProps } from '../test/fixtures';

/** Services per team on the benchmark platform. */
const SERVICES_PER_TEAM = 10;

/**
 * The one prop a benchmark pull request changes on the first service (`service-0001`, a
 * `NodeApi` with a database and a queue), and what it touches:
 * - `none`: nothing (the base);
 * - `min-replicas`: `minReplicas: 4`, its autoscaler in every environment (GitOps only);
 * - `env-var`: a new environment variable, its deployment in every environment (GitOps only);
 * - `database-size`: `database: { size: 'medium' }`, its database in every environment (its
 *   three Terraform stacks).
 */
export const BENCH_CHANGES = ['none', 'min-replicas', 'env-var', 'database-size'] as const;

/** One of `BENCH_CHANGES`. */
export type BenchChange = typeof BENCH_CHANGES[number];

/** The props `change` adds to the first service's. */
const CHANGED_PROPS: Record<BenchChange, Partial<NodeApiProps>> = {
  'none': {},
  'min-replicas': { minReplicas: 4 },
  'env-var': { env: { BENCH_FEATURE: 'on' } },
  'database-size': { database: { size: 'medium' } },
};

/**
 * A platform of `services` golden-path services in dev, staging and prod, as a growing platform
 * repository looks: the four golden paths in turn, half of the services with a database and a
 * queue, ten services a team, each frontend calling the API declared before it.
 * @param change the one prop a pull request changes on the first service (see `BENCH_CHANGES`)
 */
export function benchPlatform(services: number, change: BenchChange = 'none'): Platform {
  const teams: TeamProps[] = [...testPlatformProps().teams];
  for (let i = 1; i <= Math.ceil(services / SERVICES_PER_TEAM); i++) {
    teams.push({ name: `team-${i}`, idpGroup: `acme-team-${i}`, contact: { email: `team-${i}@acme.example` } });
  }
  const platform = goldenPathPlatform({ teams });
  for (let i = 0; i < services; i++) {
    const name = serviceName(i);
    const team = `team-${Math.floor(i / SERVICES_PER_TEAM) + 1}`;
    switch (i % 4) {
      case 0:
        new NodeApi(platform, name, { team, database: true, queues: ['events'], ...i === 0 ? CHANGED_PROPS[change] : {} });
        break;
      case 1:
        new ReactFrontend(platform, name, { team, dependsOn: [serviceName(i - 1)] });
        break;
      case 2:
        new GrpcService(platform, name, { team, database: true, queues: ['events'] });
        break;
      default:
        new PythonWorker(platform, name, { team, buckets: ['reports'] });
    }
  }
  return platform;
}

function serviceName(index: number): string {
  return `service-${String(index + 1).padStart(4, '0')}`;
}
