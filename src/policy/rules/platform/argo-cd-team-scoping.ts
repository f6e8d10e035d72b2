import { posix } from 'path';
import { ADD_ON_LABEL } from '../../../platform/cluster-capabilities';
import { previewNamespacePattern } from '../../../platform/names';
import type { Platform } from '../../../platform/platform';
import { PLATFORM_COMPONENT } from '../../../platform/platform';
import { LABEL_KEYS } from '../../../platform/tagging';
import { groupBy } from '../../../util/group-by';
import { ClusterObjects } from '../../artifacts/cluster-objects';
import { KubernetesObject } from '../../artifacts/kubernetes-object';
import { PlatformRule, PlatformViolation } from '../../rule';

/** The cluster Argo CD runs in, as Applications name it: paved runs one Argo CD per cluster. */
const IN_CLUSTER_SERVER = 'https://kubernetes.default.svc';
const IN_CLUSTER_NAME = 'in-cluster';
/** The project Argo CD gives an Application that names none, and the one paved's own Applications use. */
const PLATFORM_PROJECT = 'default';
/** Whether `project` holds the platform's own Applications: Argo CD's default, or the one named after the platform component. */
const isPlatformProject = (project: string) => project === PLATFORM_PROJECT || project === PLATFORM_COMPONENT;
/** The keys of an Application source that paved writes and checks the effect of. */
const SOURCE_KEYS = ['repoURL', 'path', 'targetRevision', 'kustomize', 'chart'];
/** The kustomize options of a source paved writes: a preview's namespace and image (the image pinned to the pull request's commit). */
const SOURCE_KUSTOMIZE_KEYS = ['namespace', 'images'];
/** The keys of a cluster add-on's Helm source: the chart at a version, with a release name and values paved writes. */
const ADD_ON_SOURCE_KEYS = ['repoURL', 'chart', 'targetRevision', 'helm'];
const ADD_ON_HELM_KEYS = ['releaseName', 'valuesObject'];
/** The namespaced kinds a team's AppProject denies (tenancy owns them). */
const TENANCY_KINDS = ['LimitRange', 'ResourceQuota'];

export const argoCdTeamScoping: PlatformRule = {
  id: 'PAVED-PLT-ARGO-001',
  pack: 'platform',
  level: 'error',
  target: 'platform',
  title: "Every Argo CD Application and ApplicationSet is the platform's own or a team's, and a team's deploys only from its services' directories in the GitOps repository, to the team's namespaces in its own cluster, through an AppProject that does not widen that.",
  rationale: 'A team that can deploy elsewhere, from another repository or path, or create cluster-scoped objects, can break or read other teams; an Application nobody can be held to is not reviewed by anyone.',
  fix: "Let the golden path create the Application in the team's AppProject (ArgoCdApplication, PreviewApplicationSet); tenancy creates the AppProject.",
  check: (artifacts) => {
    const { platform, clusters } = artifacts;
    const violations: PlatformViolation[] = [];
    for (const cluster of clusters.values()) {
      const scope = new ClusterScope(platform, cluster);
      for (const project of cluster.ofKind('AppProject')) {
        violations.push(...scope.projectProblems(project).map((problem) => ({ subject: project.subject, message: `AppProject '${project.name}' ${problem}` })));
      }
      for (const app of [...cluster.ofKind('Application'), ...cluster.ofKind('ApplicationSet')]) {
        const spec = app.kind === 'ApplicationSet' ? app.json.spec?.template?.spec : app.json.spec;
        const what = app.kind === 'ApplicationSet' ? `ApplicationSet '${app.name}' (its template)` : `Application '${app.name}'`;
        const problems = [
          ...(app.kind === 'ApplicationSet' && app.json.spec?.templatePatch !== undefined
            ? ['is changed by a templatePatch, which paved cannot check; put everything in the template'] : []),
          ...scope.applicationProblems(app, spec ?? {}),
        ];
        violations.push(...problems.map((problem) => ({ subject: app.subject, message: `${what} ${problem}` })));
      }
    }
    return violations;
  },
};

/** What the platform and each team may deploy with Argo CD in one cluster. */
class ClusterScope {
  private readonly repo: string;
  private readonly environments: readonly string[];
  private readonly namespacesOf: (team: string) => string[];
  private readonly teams: ReadonlySet<string>;
  /** The platform AppProject's source repositories and destination namespaces: where add-ons may come from and go to. */
  private readonly addOnScope: { readonly repos: readonly string[]; readonly namespaces: readonly string[] };

  constructor(private readonly platform: Platform, cluster: ClusterObjects) {
    this.repo = normalizeRepo(platform.gitops.repoUrl);
    const project = cluster.ofKind('AppProject').find((p) => p.name === PLATFORM_COMPONENT && (p.ownership?.team ?? PLATFORM_COMPONENT) === PLATFORM_COMPONENT);
    this.addOnScope = {
      repos: (project?.json.spec?.sourceRepos ?? []).map((r: unknown) => normalizeRepo(String(r))),
      namespaces: (project?.json.spec?.destinations ?? []).filter((d: any) => isInCluster(d)).map((d: any) => d?.namespace),
    };
    this.environments = platform.environments.filter((e) => e.clusterName === cluster.cluster).map((e) => e.name);
    this.namespacesOf = teamNamespaces(cluster);
    this.teams = new Set(platform.teams.map((t) => t.name));
  }

  /** How a team's AppProject allows more than the team's namespaces, the GitOps repository and namespaced kinds. */
  public projectProblems(project: KubernetesObject): string[] {
    if (isPlatformProject(project.name) && (project.ownership?.team ?? PLATFORM_COMPONENT) === PLATFORM_COMPONENT) {
      return [];
    }
    if (!this.teams.has(project.name)) {
      return [`is not the project of a team (${[...this.teams].map((t) => `'${t}'`).join(', ')}); paved's own Applications use the built-in '${PLATFORM_PROJECT}' project or the platform's '${PLATFORM_COMPONENT}' project`];
    }
    const allowed = this.namespacesOf(project.name);
    const spec = project.json.spec ?? {};
    const denied = new Set((spec.namespaceResourceBlacklist ?? []).filter((k: any) => (k?.group ?? '') === '').map((k: any) => k?.kind));
    const policies: string[] = (spec.roles ?? []).flatMap((r: any) => r?.policies ?? []);
    return [
      ...(spec.destinations ?? []).filter((d: any) => !allowed.includes(d?.namespace)).map((d: any) => `allows destination namespace ${JSON.stringify(d?.namespace)}`),
      ...(spec.destinations ?? []).filter((d: any) => !isInCluster(d)).map((d: any) => `allows destination cluster ${JSON.stringify(d?.server ?? d?.name)}`),
      ...(spec.sourceRepos ?? []).filter((repo: string) => normalizeRepo(repo) !== this.repo).map((repo: string) => `allows source repository ${JSON.stringify(repo)}`),
      ...((spec.clusterResourceWhitelist ?? []).length > 0 ? [`allows cluster-scoped kinds ${JSON.stringify(spec.clusterResourceWhitelist)}`] : []),
      ...TENANCY_KINDS.filter((kind) => !denied.has(kind)).map((kind) => `does not deny the namespaced kind ${kind}, which tenancy owns`),
      ...((spec.sourceNamespaces ?? []).length > 0 ? [`lets Applications in the namespaces ${JSON.stringify(spec.sourceNamespaces)} use it`] : []),
      ...policies.filter((p) => !this.teamPolicy(project.name, p)).map((p) => `has the role policy ${JSON.stringify(p)}, more than getting and syncing its own Applications`),
    ];
  }

  /** Why an Application (spec) is not attributable to the platform or a team, or leaves that scope. */
  public applicationProblems(app: KubernetesObject, spec: Readonly<Record<string, any>>): string[] {
    const project = spec.project === undefined || spec.project === '' ? PLATFORM_PROJECT : String(spec.project);
    const owner = app.ownership?.team ?? PLATFORM_COMPONENT;
    const sources: any[] = [...(spec.source ? [spec.source] : []), ...(spec.sources ?? [])];
    const problems: string[] = [];
    let directories: string[];
    let namespaces: (namespace: unknown) => boolean;
    if (project === PLATFORM_COMPONENT && owner === PLATFORM_COMPONENT && app.labels[ADD_ON_LABEL] !== undefined && app.kind === 'Application') {
      return this.addOnProblems(spec, sources);
    }
    if (isPlatformProject(project) && owner === PLATFORM_COMPONENT) {
      directories = this.environments.flatMap((env) => [`${env}/argocd`, `${env}/apps/${PLATFORM_COMPONENT}`]);
      namespaces = (namespace) => namespace === undefined || namespace === '' || namespace === 'argocd';
    } else if (this.teams.has(project) && (owner === PLATFORM_COMPONENT || owner === project)) {
      const services = this.platform.declaredComponents.filter((c) => c.team === project).map((c) => c.name);
      directories = this.environments.flatMap((env) => services.flatMap((s) => [`${env}/apps/${s}`, `${env}/releases/${s}`]));
      const allowed = this.namespacesOf(project);
      namespaces = (namespace) => typeof namespace === 'string' && allowed.some((a) => globMatches(a, namespace));
    } else {
      return [`uses project ${JSON.stringify(spec.project ?? null)} and is owned by ${owner === PLATFORM_COMPONENT ? 'the platform' : `team '${owner}'`}, so it is neither the platform's own (project '${PLATFORM_PROJECT}' or '${PLATFORM_COMPONENT}') nor a team's (the project of its team); it cannot be attributed`];
    }
    const destination = spec.destination ?? {};
    if (!isInCluster(destination)) {
      problems.push(`deploys to cluster ${JSON.stringify(destination.server ?? destination.name ?? null)}, not its own (${IN_CLUSTER_SERVER})`);
    }
    if (!namespaces(destination.namespace)) {
      problems.push(`deploys to namespace ${JSON.stringify(destination.namespace ?? null)}, not one of ${isPlatformProject(project) ? 'the platform' : `team '${project}'`}`);
    }
    if (sources.length === 0) {
      problems.push('has no source');
    }
    problems.push(...podSecurityProblems(spec));
    sources.forEach((source, index) => {
      const which = sources.length === 1 ? 'its source' : `source ${index + 1}`;
      const options = Object.keys(source ?? {}).filter((key) => !SOURCE_KEYS.includes(key));
      const kustomize = Object.keys(source?.kustomize ?? {}).filter((key) => !SOURCE_KUSTOMIZE_KEYS.includes(key));
      if (options.length > 0 || kustomize.length > 0) {
        problems.push(`sets ${[...options, ...kustomize.map((k) => `kustomize.${k}`)].join(', ')} on ${which}, which changes what it deploys in a way paved cannot check`);
      }
      if (source?.kustomize?.namespace !== undefined && !namespaces(source.kustomize.namespace)) {
        problems.push(`moves the objects of ${which} to namespace ${JSON.stringify(source.kustomize.namespace)} with kustomize.namespace, not one of ${isPlatformProject(project) ? 'the platform' : `team '${project}'`}`);
      }
      if (normalizeRepo(String(source?.repoURL ?? '')) !== this.repo) {
        problems.push(`deploys ${which} from repository ${JSON.stringify(source?.repoURL ?? null)}, not the GitOps repository ${this.platform.gitops.repoUrl}`);
      }
      if (source?.chart !== undefined) {
        problems.push(`deploys ${which} from the Helm chart ${JSON.stringify(source.chart)}, which paved does not render or check`);
      }
      const path = this.relativePath(source?.path);
      if (path === undefined || !directories.some((d) => path === d || path.startsWith(`${d}/`))) {
        problems.push(`deploys ${which} from path ${JSON.stringify(source?.path ?? null)}, outside the directories of ${isPlatformProject(project) ? 'the platform' : `team '${project}'`} in this cluster`);
      }
    });
    return problems;
  }

  /**
   * Why a cluster add-on's Application (label `paved.dev/add-on`, project `platform`) leaves the
   * add-ons' scope: one Helm chart at a pinned version from a repository the platform AppProject
   * allows, with only a release name and values, to the in-cluster destination and a namespace
   * that AppProject allows, creating namespaces no weaker than Pod Security `restricted`.
   */
  private addOnProblems(spec: Readonly<Record<string, any>>, sources: readonly any[]): string[] {
    const problems: string[] = [];
    const destination = spec.destination ?? {};
    if (!isInCluster(destination)) {
      problems.push(`deploys to cluster ${JSON.stringify(destination.server ?? destination.name ?? null)}, not its own (${IN_CLUSTER_SERVER})`);
    }
    if (!this.addOnScope.namespaces.includes(destination.namespace)) {
      problems.push(`deploys to namespace ${JSON.stringify(destination.namespace ?? null)}, not one the platform's AppProject '${PLATFORM_COMPONENT}' allows`);
    }
    problems.push(...podSecurityProblems(spec));
    if (sources.length !== 1) {
      problems.push(`has ${sources.length} sources; a cluster add-on has one Helm chart`);
    }
    for (const source of sources) {
      const options = [
        ...Object.keys(source ?? {}).filter((key) => !ADD_ON_SOURCE_KEYS.includes(key)),
        ...Object.keys(source?.helm ?? {}).filter((key) => !ADD_ON_HELM_KEYS.includes(key)).map((key) => `helm.${key}`),
      ];
      if (options.length > 0) {
        problems.push(`sets ${options.join(', ')} on its source; a cluster add-on has only a chart, its version, a release name and values`);
      }
      if (typeof source?.chart !== 'string' || typeof source?.targetRevision !== 'string' || /[*^~<>]/.test(source.targetRevision) || source.targetRevision === '') {
        problems.push(`installs chart ${JSON.stringify(source?.chart ?? null)} at version ${JSON.stringify(source?.targetRevision ?? null)}; pin one chart at one version`);
      }
      if (!this.addOnScope.repos.includes(normalizeRepo(String(source?.repoURL ?? '')))) {
        problems.push(`installs from repository ${JSON.stringify(source?.repoURL ?? null)}, which the platform's AppProject '${PLATFORM_COMPONENT}' does not allow`);
      }
    }
    return problems;
  }

  /** A source path relative to the GitOps directory, normalized; undefined when absolute or outside it. */
  private relativePath(path: unknown): string | undefined {
    if (typeof path !== 'string' || path === '' || posix.isAbsolute(path) || path.includes('\\')) {
      return undefined;
    }
    const root = posix.normalize(this.platform.gitops.path || '.').replace(/\/$/, '');
    const normalized = posix.normalize(path).replace(/\/$/, '');
    if (root === '.') {
      return normalized === '..' || normalized.startsWith('../') ? undefined : normalized;
    }
    return normalized.startsWith(`${root}/`) ? normalized.slice(root.length + 1) : undefined;
  }

  /** The role policies ArgoCdProject writes: get and sync of the project's own Applications. */
  private teamPolicy(team: string, policy: string): boolean {
    const [p, subject, resource, action, object, effect] = policy.split(',').map((part) => part.trim());
    return p === 'p' && subject === `proj:${team}:team` && resource === 'applications' && ['get', 'sync'].includes(action)
      && object === `${team}/*` && effect === 'allow' && policy.split(',').length === 6;
  }
}

/** How the Pod Security labels an Application puts on the namespaces it creates are weaker than restricted. */
function podSecurityProblems(spec: Readonly<Record<string, any>>): string[] {
  const podSecurity = spec.syncPolicy?.managedNamespaceMetadata?.labels ?? {};
  return Object.entries(podSecurity)
    .filter(([key, value]) => /^pod-security\.kubernetes\.io\/(enforce|audit|warn)$/.test(key) && value !== 'restricted')
    .map(([key, value]) => `labels the namespaces it creates ${key}=${JSON.stringify(value)}, weaker than restricted`);
}

/** Whether an Application's or AppProject's destination is the cluster Argo CD runs in. */
function isInCluster(destination: Readonly<Record<string, any>>): boolean {
  const { server, name } = destination ?? {};
  if (server === undefined && name === undefined) {
    return false;
  }
  return (server === undefined || String(server).replace(/\/+$/, '') === IN_CLUSTER_SERVER) && (name === undefined || name === IN_CLUSTER_NAME);
}

/** A repository URL compared as Argo CD compares them: host case, a trailing `/` and `.git` do not matter. */
function normalizeRepo(url: string): string {
  const trimmed = url.trim().replace(/\/+$/, '').replace(/\.git$/i, '').replace(/\/+$/, '');
  const match = /^([a-z][a-z0-9+.-]*:\/\/)([^/]+)(.*)$/i.exec(trimmed) ?? /^([^@/]+@)([^:/]+)(:.*)$/.exec(trimmed);
  return match ? `${match[1].toLowerCase()}${match[2].toLowerCase()}${match[3]}` : trimmed;
}

/** Whether `pattern` (with `*` for any characters) matches `value`. */
function globMatches(pattern: string, value: string): boolean {
  return new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(value);
}

/**
 * For a team, its namespaces in `cluster` (tenancy labels them with the tenant) and its preview
 * namespace pattern; the namespaces are grouped by tenant once.
 */
function teamNamespaces(cluster: ClusterObjects): (team: string) => string[] {
  const byTenant = groupBy(cluster.ofKind('Namespace'), (n) => n.labels[LABEL_KEYS.tenant]);
  return (team) => [...(byTenant.get(team) ?? []).map((n) => n.name), previewNamespacePattern(team)];
}
