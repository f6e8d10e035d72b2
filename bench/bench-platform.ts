import { GrpcService, NodeApi, PythonWorker, ReactFrontend } from '../golden-paths';
import { Platform, TeamProps } from '../src';
import { goldenPathPlatform, testPlatformProps } from '../test/fixtures';

/** Services per team on the benchmark platform. */
const SERVICES_PER_TEAM = 10;

/**
 * A platform of `services` golden-path services in dev, staging and prod, as a growing platform
 * repository looks: the four golden paths in turn, half of the services with a database and a
 * queue, ten services a team, each frontend calling the API declared before it.
 */
export function benchPlatform(services: number): Platform {
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
        new NodeApi(platform, name, { team, database: true, queues: ['events'] });
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
