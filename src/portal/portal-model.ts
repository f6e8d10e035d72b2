import type { Platform } from '../platform/platform';
import type { RenderedDirectory, RenderedObject, RenderedObjectFile } from '../platform/rendered-platform';
import { LABEL_KEYS } from '../platform/tagging';
import { DeliveryMetrics } from '../policy/delivery-metrics';
import { PlatformReport, ReportedDeviation } from '../policy/platform-report';
import { daysBetween } from '../util/days-between';
import { groupBy } from '../util/group-by';
import { ratio } from '../util/ratio';
import { sortedBy } from '../util/sorted-by';

/** A link the portal shows, to a page outside the output or to a file of it (relative to `portal/`). */
export interface PortalLink {
  /** What the link is, such as `Grafana` or `Runbook`. */
  readonly title: string;
  /** An http(s) URL, or a path relative to `portal/index.html` (`../gitops/...`). */
  readonly url: string;
}

/** One environment a service is deployed to. */
export interface PortalServiceEnvironment {
  /** The environment's name. */
  readonly name: string;
  /** The Argo CD Application that deploys the service there. */
  readonly argoCdApplication: string;
  /** The Application's manifest in the output, relative to `portal/index.html`. */
  readonly argoCdManifest: string;
  /** The EKS cluster of the environment. */
  readonly cluster: string;
  /** The namespace the service runs in there. */
  readonly namespace: string;
  /** The command that prints the service's logs there (the cluster has no log UI paved knows of). */
  readonly logs: string;
  /** When the environment expires, ISO 8601; null for a permanent environment. */
  readonly expires: string | null;
}

/** What a service uses, by kind: Backstage Resource entities, and the secrets it declares. */
export interface PortalServiceUses {
  /** Its databases, as catalog Resource names. */
  readonly databases: readonly string[];
  /** Its own queues, as catalog Resource names. */
  readonly queues: readonly string[];
  /** Its buckets, as catalog Resource names. */
  readonly buckets: readonly string[];
  /** The secrets it reads, by name. */
  readonly secrets: readonly string[];
}

/** A service of the catalog as the portal shows it. */
export interface PortalService {
  /** The service's name; its element has the id `service-<name>`. */
  readonly name: string;
  /** The owning team. */
  readonly team: string;
  /** The golden path it is built from, or `none`. */
  readonly goldenPath: string;
  /** The catalog's description of it; empty when it has no catalog Component. */
  readonly description: string;
  /** Its repository, Grafana dashboard and runbook, as its catalog Component links them. */
  readonly links: readonly PortalLink[];
  /** Every environment it is deployed to, by the Argo CD Applications of the output. */
  readonly environments: readonly PortalServiceEnvironment[];
  /** Its databases, queues, buckets and secrets. */
  readonly uses: PortalServiceUses;
  /** The services it depends on (`spec.dependsOn` components). */
  readonly dependsOn: readonly string[];
  /** Other services' resources it uses, such as a queue it consumes: Resource name and owning service. */
  readonly consumesResources: readonly { readonly resource: string; readonly service: string }[];
  /** The APIs it consumes. */
  readonly consumesApis: readonly string[];
  /** The APIs it provides. */
  readonly providesApis: readonly string[];
  /** Deviations it declares that are in use. */
  readonly deviations: number;
}

/** An access grant in force, with the days it has left. */
export interface PortalAccessGrant {
  /** The identity-provider group given access. */
  readonly group: string;
  /** The environment of the team's namespace. */
  readonly environment: string;
  /** The ClusterRole bound: `view` or `edit`. */
  readonly role: string;
  /** The last day it applies, `YYYY-MM-DD`. */
  readonly until: string;
  /** Days from the portal's `asOf` to `until`. */
  readonly daysLeft: number;
  /** Who granted it. */
  readonly by: string;
}

/** A team as the portal shows it; its element has the id `team-<name>`. */
export interface PortalTeam {
  /** The team's short name. */
  readonly name: string;
  /** Its human-readable name. */
  readonly displayName: string;
  /** Its email address. */
  readonly email: string;
  /** Its chat channel; null when not declared. */
  readonly chat: string | null;
  /** Where to page its on-call; null when not declared. */
  readonly onCall: string | null;
  /** The services it owns, by name. */
  readonly services: readonly string[];
  /** Its services on a golden path, out of its services. */
  readonly adoption: { readonly onGoldenPath: number; readonly services: number; readonly rate: number };
  /** Its services with a deviation in use, out of its services (0 without services). */
  readonly deviationRate: number;
  /** Deviations in use that its services declare. */
  readonly deviations: number;
  /** Access grants to its namespaces in force, by environment then group. */
  readonly accessGrants: readonly PortalAccessGrant[];
}

/** A deviation that expires soon, once however many places declare it (a service declares one in each environment). */
export interface PortalExpiringDeviation {
  /** The id of the rule the deviation is from. */
  readonly ruleId: string;
  /** `platform` or the declaring service. */
  readonly declaredBy: string;
  /** The team of the declaring service, or `platform`. */
  readonly team: string;
  /** Who answers for it. */
  readonly owner: string;
  /** Why it is accepted. */
  readonly reason: string;
  /** The day (`YYYY-MM-DD`) it stops justifying findings. */
  readonly expires: string;
  /** Days from `asOf` to `expires`; negative once it has expired. */
  readonly expiresInDays: number;
  /** How many times it is declared (the report lists each). */
  readonly declarations: number;
}

/** The data of the light portal (`portal/index.html`), embedded in it as JSON. */
export interface PortalModel {
  /** The platform's name. */
  readonly platform: string;
  /** The day deviations and grants are judged against. */
  readonly asOf: string;
  /** Every declared service, by name. */
  readonly services: readonly PortalService[];
  /** Every declared team, by name. */
  readonly teams: readonly PortalTeam[];
  /** The golden paths the services use, by name. */
  readonly goldenPaths: readonly string[];
  /** Every environment of the output, permanent first as declared, with its expiry when ephemeral. */
  readonly environments: readonly { readonly name: string; readonly tier: string; readonly expires: string | null }[];
  /** Ephemeral environments in force, with their origin, expiry and requester. */
  readonly ephemeralEnvironments: PlatformReport['selfService']['ephemeralEnvironments'];
  /** Declared deviations that expire within 30 days (or have expired), each once, soonest first. */
  readonly expiringDeviations: readonly PortalExpiringDeviation[];
  /** Delivery times from the operations log. */
  readonly delivery: DeliveryMetrics;
}

/**
 * The portal's data: the declarations of `platform`, the numbers of `report`, and what the
 * rendered catalog and Argo CD objects in `directories` link and relate.
 */
export function buildPortalModel(platform: Platform, report: PlatformReport, directories: readonly RenderedDirectory[]): PortalModel {
  const files = directories.flatMap((d) => d.files);
  const entities = (kind: string) => files.filter((f) => f.object.apiVersion.startsWith('backstage.io/') && f.object.kind === kind).map((f) => f.object);
  const components = new Map(entities('Component').map((c) => [c.metadata.name, c]));
  const resources = entities('Resource');
  const ownerOf = (resource: RenderedObject) => String(resource.spec?.dependencyOf?.[0] ?? '').replace(/^component:/, '');
  const resourceOwners = new Map(resources.map((r) => [r.metadata.name, ownerOf(r)]));
  const applications = files.filter((f) => f.object.kind === 'Application' && f.object.apiVersion.startsWith('argoproj.io/'));
  const deviationsOf = new Map(report.services.map((s) => [s.name, s.deviations]));

  const services: PortalService[] = platform.declaredComponents.map((declaration) => {
    const component = components.get(declaration.name);
    const spec = component?.spec ?? {};
    const own = (type: string) => resources.filter((r) => r.spec?.type === type && ownerOf(r) === declaration.name)
      .map((r) => r.metadata.name).sort();
    const dependsOn: string[] = spec.dependsOn ?? [];
    return {
      name: declaration.name,
      team: declaration.team,
      goldenPath: declaration.goldenPath,
      description: component?.metadata.description ?? '',
      links: component ? linksOf(component) : [],
      environments: environmentsOf(platform, declaration.name, applications, component),
      uses: { databases: own('database'), queues: own('queue'), buckets: own('bucket'), secrets: [...declaration.secrets].sort() },
      dependsOn: dependsOn.filter((d) => d.startsWith('component:')).map((d) => d.slice('component:'.length)),
      consumesResources: dependsOn.filter((d) => d.startsWith('resource:')).map((d) => d.slice('resource:'.length))
        .map((resource) => ({ resource, service: resourceOwners.get(resource) ?? '' })),
      consumesApis: spec.consumesApis ?? [],
      providesApis: spec.providesApis ?? [],
      deviations: deviationsOf.get(declaration.name) ?? 0,
    };
  });

  const grants = platform.selfService.accessGrants(platform.asOf).active;
  const teams: PortalTeam[] = sortedBy(platform.teams, (t) => t.name).map((team) => {
    const owned = services.filter((s) => s.team === team.name);
    const onGoldenPath = owned.filter((s) => s.goldenPath !== 'none').length;
    return {
      name: team.name,
      displayName: team.displayName,
      email: team.contact.email,
      chat: team.contact.chat ?? null,
      onCall: team.contact.onCall ?? null,
      services: owned.map((s) => s.name),
      adoption: { onGoldenPath, services: owned.length, rate: ratio(onGoldenPath, owned.length) },
      deviationRate: ratio(owned.filter((s) => s.deviations > 0).length, owned.length),
      deviations: report.teams.find((t) => t.name === team.name)?.deviations ?? 0,
      accessGrants: sortedBy(grants.filter((g) => g.team === team.name), (g) => `${g.environment}\u0000${g.group}\u0000${g.role}`)
        .map(({ group, environment, role, until, by }) => ({ group, environment, role, until, daysLeft: daysBetween(platform.asOf, until), by })),
    };
  });

  return {
    platform: platform.name,
    asOf: report.asOf,
    services,
    teams,
    goldenPaths: [...new Set(services.map((s) => s.goldenPath))].sort(),
    environments: platform.environments.map((e) => ({ name: e.name, tier: e.tier, expires: e.ephemeral?.expires ?? null })),
    ephemeralEnvironments: report.selfService.ephemeralEnvironments,
    expiringDeviations: expiringDeviations(report.deviations),
    delivery: report.selfService.delivery,
  };
}

/** The deviations expiring soon, soonest first, the same deviation of a service in several environments once. */
function expiringDeviations(deviations: readonly ReportedDeviation[]): PortalExpiringDeviation[] {
  const key = (d: ReportedDeviation) => `${d.expires}\u0000${d.declaredBy}\u0000${d.ruleId}\u0000${d.owner}\u0000${d.reason}`;
  return sortedBy(groupBy(deviations.filter((d) => d.expiringSoon), key), ([k]) => k).map(([, [first, ...rest]]) => {
    const { ruleId, declaredBy, team, owner, reason, expires, expiresInDays } = first;
    return { ruleId, declaredBy, team, owner, reason, expires, expiresInDays, declarations: 1 + rest.length };
  });
}

/** The repository (from the `github.com/project-slug` annotation) and the Component's own links. */
function linksOf(component: RenderedObject): PortalLink[] {
  const slug = component.metadata.annotations?.['github.com/project-slug'];
  const links: { title: string; url: string }[] = component.metadata.links ?? [];
  return [
    ...(slug ? [{ title: 'Repository', url: `https://github.com/${slug}` }] : []),
    ...links.map(({ title, url }) => ({ title, url })),
  ];
}

/** The environments `service` is deployed to, in the platform's order: one per Argo CD Application labelled with it. */
function environmentsOf(
  platform: Platform, service: string, applications: readonly RenderedObjectFile[], component: RenderedObject | undefined,
): PortalServiceEnvironment[] {
  const selector = component?.metadata.annotations?.['backstage.io/kubernetes-label-selector'] ?? `${LABEL_KEYS.service}=${service}`;
  const order = (name: string) => platform.environments.findIndex((e) => e.name === name);
  return applications.flatMap(({ object, path }): PortalServiceEnvironment[] => {
    const environment = platform.environments.find((e) => e.name === object.metadata.labels?.[LABEL_KEYS.environment]);
    if (object.metadata.labels?.[LABEL_KEYS.component] !== service || environment === undefined) {
      return [];
    }
    const namespace = String(object.spec?.destination?.namespace);
    return [{
      name: environment.name,
      argoCdApplication: object.metadata.name,
      argoCdManifest: `../${path}`,
      cluster: environment.clusterName,
      namespace,
      logs: `kubectl --namespace ${namespace} logs --selector ${selector} --all-containers --prefix`,
      expires: environment.ephemeral?.expires ?? null,
    }];
  }).sort((a, b) => order(a.name) - order(b.name));
}
