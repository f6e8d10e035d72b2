import { Construct } from 'constructs';
import { ARGOCD_NAMESPACE, IN_CLUSTER } from './argo-cd-application';
import { SyncWave, syncWaveAnnotation } from './sync-wave';
import { previewNamespacePattern } from '../../src/platform/names';
import { PlatformChart } from '../../src/platform/platform-chart';
import { sortedBy } from '../../src/util/sorted-by';
import { environmentChart } from '../environment-chart';
import * as argocd from '../imports/argoproj.io';

/** A kind of Kubernetes object, by API group (`''` for the core group) and kind. */
export interface GroupKind {
  /** The API group, `''` for the core group (`Namespace`, `ConfigMap`). */
  readonly group: string;
  /** The kind, as in the objects' `kind` field (`ClusterRole`). */
  readonly kind: string;
}

/** The cluster-scoped kinds the platform's own Application creates. */
export const PLATFORM_CLUSTER_KINDS: readonly GroupKind[] = [
  { group: '', kind: 'Namespace' },
  { group: 'external-secrets.io', kind: 'ClusterSecretStore' },
];

/** The namespaced kinds a team's Applications may not create: the platform sets them. */
export const TENANCY_KINDS: readonly GroupKind[] = [
  { group: '', kind: 'LimitRange' },
  { group: '', kind: 'ResourceQuota' },
];

/** Props of an `ArgoCdProject`. */
export interface ArgoCdProjectProps {
  /** The AppProject's name: a team's name, or `platform`. */
  readonly name: string;
  /** The namespaces its Applications may deploy to (globs allowed, such as `payments-preview-*`). */
  readonly namespaces: readonly string[];
  /**
   * The cluster-scoped kinds its Applications may create.
   * @default - none
   */
  readonly clusterResourceKinds?: readonly GroupKind[];
  /**
   * Namespaced kinds its Applications may not create.
   * @default - none
   */
  readonly deniedNamespacedKinds?: readonly GroupKind[];
  /**
   * Identity-provider groups that may see and sync its Applications in Argo CD.
   * @default - none
   */
  readonly groups?: readonly string[];
  /**
   * Repositories its Applications may come from besides the platform's GitOps repository (Helm
   * chart repositories of the cluster add-ons).
   * @default - only the GitOps repository
   */
  readonly sourceRepositories?: readonly string[];
  /**
   * Its sync wave.
   * @default SyncWave.PROJECTS
   */
  readonly syncWave?: number;
  /**
   * Annotations besides the sync wave.
   * @default - none
   */
  readonly annotations?: Readonly<Record<string, string>>;
  /**
   * What the project is for.
   * @default - `Applications of <name>`
   */
  readonly description?: string;
}

/**
 * An Argo CD AppProject whose Applications may come only from the platform's GitOps repository
 * and deploy only to the given namespaces of their cluster. Declare it in
 * `platform.argoCdChart(environment)`; it syncs before any Application.
 */
export class ArgoCdProject extends Construct {
  /**
   * A team's AppProject in the chart's cluster: named after the team; the team's namespace in
   * every environment on the cluster (the chart's and the ephemeral ones made from it), and its
   * preview namespaces `<team>-preview-*` when `previews` is set; no cluster-scoped kinds, no
   * quota or limit changes; the team's group may see and sync its Applications.
   */
  public static forTeam(scope: Construct, team: string, options: { readonly previews?: boolean } = {}): ArgoCdProject {
    const { chart, environment } = environmentChart(scope);
    const resolved = chart.platform.team(team);
    const onCluster = chart.platform.environments.filter((e) => e === environment || e.ephemeral?.from === environment.name);
    const namespaces = onCluster.map((e) => e.teamNamespace(resolved.name));
    return new ArgoCdProject(scope, team, {
      name: resolved.name,
      namespaces: options.previews ? [...namespaces, previewNamespacePattern(resolved.name)] : namespaces,
      deniedNamespacedKinds: TENANCY_KINDS,
      groups: [resolved.idpGroup],
      description: `Services of team ${resolved.displayName}`,
    });
  }

  /** The AppProject's name, from `props.name`: a team's name, or `platform`. */
  public readonly name: string;
  /** Allowed destination namespaces, sorted. */
  public readonly namespaces: readonly string[];
  /** The cluster-scoped kinds its Applications may create, sorted by group and kind; empty when `props` names none. */
  public readonly clusterResourceKinds: readonly GroupKind[];
  /** The namespaced kinds its Applications may not create, sorted by group and kind; empty when `props` names none. */
  public readonly deniedNamespacedKinds: readonly GroupKind[];
  /** The identity-provider groups that may see and sync its Applications, sorted without duplicates; empty when `props` names none. */
  public readonly groups: readonly string[];
  /** The repositories its Applications may come from, sorted: the GitOps repository and `props.sourceRepositories`. */
  public readonly sourceRepositories: readonly string[];
  /** The AppProject object. */
  public readonly resource: argocd.AppProject;

  constructor(scope: Construct, id: string, props: ArgoCdProjectProps) {
    super(scope, id);
    const platform = PlatformChart.of(this).platform;
    const byGroupKind = (k: GroupKind) => `${k.group}\u0000${k.kind}`;
    this.name = props.name;
    this.namespaces = sortedBy(new Set(props.namespaces), (n) => n);
    this.clusterResourceKinds = sortedBy(props.clusterResourceKinds ?? [], byGroupKind);
    this.deniedNamespacedKinds = sortedBy(props.deniedNamespacedKinds ?? [], byGroupKind);
    this.groups = sortedBy(new Set(props.groups ?? []), (g) => g);
    this.sourceRepositories = sortedBy(new Set([platform.gitops.repoUrl, ...props.sourceRepositories ?? []]), (r) => r);
    const apps = `${this.name}/*`;
    this.resource = new argocd.AppProject(this, 'Resource', {
      metadata: {
        name: this.name,
        namespace: ARGOCD_NAMESPACE,
        annotations: { ...props.annotations, ...syncWaveAnnotation(props.syncWave ?? SyncWave.PROJECTS) },
      },
      spec: {
        description: props.description ?? `Applications of ${this.name}`,
        sourceRepos: [...this.sourceRepositories],
        destinations: this.namespaces.map((namespace) => ({ server: IN_CLUSTER, namespace })),
        // An empty list allows no cluster-scoped kind at all.
        clusterResourceWhitelist: this.clusterResourceKinds.map((k) => ({ ...k })),
        namespaceResourceBlacklist: this.deniedNamespacedKinds.length > 0 ? this.deniedNamespacedKinds.map((k) => ({ ...k })) : undefined,
        roles: this.groups.length > 0 ? [{
          name: 'team',
          description: `Members of ${this.groups.join(', ')} see and sync the project's Applications.`,
          groups: [...this.groups],
          policies: [
            `p, proj:${this.name}:team, applications, get, ${apps}, allow`,
            `p, proj:${this.name}:team, applications, sync, ${apps}, allow`,
          ],
        }] : undefined,
      },
    });
  }
}
