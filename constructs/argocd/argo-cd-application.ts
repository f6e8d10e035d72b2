import { posix } from 'path';
import { Construct } from 'constructs';
import { PLATFORM_COMPONENT, type Platform } from '../../src/platform/platform';
import { LABEL_KEYS } from '../../src/platform/tagging';
import { environmentChart } from '../environment-chart';
import { SyncWave, syncWaveAnnotation } from './sync-wave';
import * as argocd from '../imports/argoproj.io';

/** The namespace Argo CD runs in and keeps its Applications and AppProjects in. */
export const ARGOCD_NAMESPACE = 'argocd';

/** The in-cluster API server: each environment's Argo CD deploys to its own cluster. */
export const IN_CLUSTER = 'https://kubernetes.default.svc';

/** The label on every Application that names its component (Backstage selects on it). */
export const COMPONENT_LABEL = LABEL_KEYS.component;

/** The finalizer that makes deleting an Application delete what it deployed. */
export const RESOURCES_FINALIZER = 'resources-finalizer.argocd.argoproj.io';

/** Everything that tells one Application from another. */
export interface ApplicationOptions {
  /** The Application's name. */
  readonly name: string;
  /** The component it deploys (its `paved.dev/component` label). */
  readonly component: string;
  /** The AppProject it belongs to. */
  readonly project: string;
  /** The folder of the GitOps repository it syncs, below `gitops.path`. */
  readonly path: string;
  /**
   * Namespace for objects that name none.
   * @default - none: the destination names no namespace, so each object must name its own
   */
  readonly namespace?: string;
  /**
   * Its sync wave among its siblings.
   * @default - no sync-wave annotation (Argo CD's wave 0)
   */
  readonly syncWave?: number;
  /**
   * Labels besides the component label.
   * @default - only the component label
   */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * The props of an Application as paved writes every one: the GitOps repository at its revision,
 * the in-cluster destination, automated sync with prune and self-heal, server-side apply,
 * retries with exponential backoff, and cascading deletion.
 */
export function applicationProps(platform: Platform, options: ApplicationOptions): argocd.ApplicationProps {
  return {
    metadata: {
      name: options.name,
      namespace: ARGOCD_NAMESPACE,
      labels: { ...options.labels, [COMPONENT_LABEL]: options.component },
      annotations: options.syncWave === undefined ? undefined : syncWaveAnnotation(options.syncWave),
      finalizers: [RESOURCES_FINALIZER],
    },
    spec: {
      project: options.project,
      source: {
        repoUrl: platform.gitops.repoUrl,
        targetRevision: platform.gitops.revision,
        path: posix.join(platform.gitops.path || '.', options.path),
      },
      destination: { server: IN_CLUSTER, namespace: options.namespace },
      syncPolicy: {
        automated: { prune: true, selfHeal: true },
        syncOptions: ['ServerSideApply=true', 'PruneLast=true'],
        retry: { limit: 5, backoff: { duration: '5s', factor: 2, maxDuration: '3m' } },
      },
    },
  };
}

/** Props of an `ArgoCdApplication`. */
export interface ArgoCdApplicationProps {
  /** The component (a declared service, or `platform`) whose directory the Application syncs. */
  readonly component: string;
  /**
   * The AppProject.
   * @default - the component's team (a team's AppProject is named after it)
   */
  readonly project?: string;
  /**
   * The sync wave among the environment's Applications.
   * @default - `SyncWave.PLATFORM` for the platform component, `SyncWave.DEFAULT` otherwise
   */
  readonly syncWave?: number;
}

/**
 * The Argo CD Application of one component in one environment, `<component>-<environment>`: it
 * syncs `<gitops.path>/<environment>/apps/<component>` into the component's namespace.
 * Declare it in `platform.argoCdChart(environment)`.
 */
export class ArgoCdApplication extends Construct {
  /** The Application's name, `<component>-<environment>` as the platform's naming forms Kubernetes names. */
  public readonly name: string;
  /** The component it deploys, from `props.component` (also its `paved.dev/component` label). */
  public readonly component: string;
  /** The AppProject it belongs to: `props.project`, or the component's team. */
  public readonly project: string;
  /** Its sync wave: `props.syncWave`, or `SyncWave.PLATFORM` for the platform component and `SyncWave.DEFAULT` otherwise. */
  public readonly syncWave: number;
  /** The source folder in the GitOps repository. */
  public readonly path: string;
  /** The Application object. */
  public readonly resource: argocd.Application;

  constructor(scope: Construct, id: string, props: ArgoCdApplicationProps) {
    super(scope, id);
    const { chart, environment } = environmentChart(this);
    const platform = chart.platform;
    const placement = platform.placement(props.component, environment.name);
    this.component = props.component;
    this.name = platform.naming.kubernetesName(props.component, environment.name);
    this.project = props.project ?? placement.ownership.team;
    this.syncWave = props.syncWave ?? (props.component === PLATFORM_COMPONENT ? SyncWave.PLATFORM : SyncWave.DEFAULT);
    const options = {
      name: this.name,
      component: this.component,
      project: this.project,
      path: posix.join(environment.name, 'apps', this.component),
      namespace: placement.namespace,
      syncWave: this.syncWave,
    };
    const resourceProps = applicationProps(platform, options);
    this.path = resourceProps.spec.source!.path!;
    this.resource = new argocd.Application(this, 'Resource', resourceProps);
  }
}
