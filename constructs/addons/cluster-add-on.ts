import { Construct } from 'constructs';
import { ChartValuesValidator, valuesProblems } from './chart-values-validator';
import { ADD_ON_CHOICE_ANNOTATION, AddOnChoice, AddOnChoiceRecord } from '../../src/platform/add-on-choice';
import { ADD_ON_LABEL, ClusterCapabilities, PROVIDES_ANNOTATION } from '../../src/platform/cluster-capabilities';
import { PavedValidationError } from '../../src/platform/paved-validation-error';
import { deepMerged } from '../../src/util/deep-merged';
import { ARGOCD_NAMESPACE, applicationProps } from '../argocd/argo-cd-application';
import type { GroupKind } from '../argocd/argo-cd-project';
import { SyncWave } from '../argocd/sync-wave';
import { environmentChart } from '../environment-chart';
import * as argocd from '../imports/argoproj.io';
import { RESTRICTED_POD_SECURITY_LABELS } from '../kubernetes/team-tenancy';

/** Where a Helm chart is served from, and which version. */
export interface HelmChart {
  /** The Helm repository: `https://charts.external-secrets.io`. */
  readonly repoURL: string;
  /** The chart's name in that repository. */
  readonly chart: string;
  /** The chart version (Argo CD's `targetRevision`). */
  readonly version: string;
}

/** Helm values: any JSON object. */
export type HelmValues = Readonly<Record<string, unknown>>;

/** A Helm release: which chart, under which name, in which namespace, with which values. */
export interface HelmRelease {
  /** The chart. */
  readonly chart: HelmChart;
  /** The release name. */
  readonly releaseName: string;
  /** The namespace. */
  readonly namespace: string;
  /** The values. */
  readonly values: HelmValues;
}

/** What a platform team changes of one of paved's add-ons. */
export interface ClusterAddOnOptions<V = HelmValues> {
  /**
   * Another chart version.
   * @default - the version paved pins
   */
  readonly version?: string;
  /**
   * Values merged deep over paved's (objects key by key; lists and other values replace; `null`
   * removes a chart default).
   * @default - paved's values
   */
  readonly values?: V;
}

/** Props of a `ClusterAddOn`. */
export interface ClusterAddOnProps {
  /** The add-on's id: the Application's name and its `paved.dev/add-on` label. */
  readonly name: string;
  /** The chart paved installs (or the platform team's own). */
  readonly chart: HelmChart;
  /** The namespace the chart is installed in (created with Pod Security labels). */
  readonly namespace: string;
  /**
   * The Helm release name.
   * @default - the add-on's name
   */
  readonly releaseName?: string;
  /**
   * Paved's values (or the platform team's, for its own chart).
   * @default - none: the chart's defaults
   */
  readonly values?: HelmValues;
  /**
   * The platform team's changes, merged over `chart` and `values`.
   * @default - none: paved's default
   */
  readonly options?: ClusterAddOnOptions;
  /**
   * Whether the chart is the platform team's own, not one of paved's add-ons.
   * @default false
   */
  readonly own?: boolean;
  /**
   * What the add-on provides, computed from the final values.
   * @default - nothing
   */
  readonly provides?: (values: HelmValues) => ClusterCapabilities;
  /**
   * The validator of the chart's values.schema.json, which the final values must pass.
   * @default - none: the chart has no schema
   */
  readonly validator?: ChartValuesValidator;
  /**
   * Namespaces besides `namespace` the chart puts objects in (such as `kube-system`).
   * @default - none
   */
  readonly otherNamespaces?: readonly string[];
  /**
   * The cluster-scoped kinds the chart creates (the platform AppProject allows them).
   * @default - none
   */
  readonly clusterResourceKinds?: readonly GroupKind[];
  /**
   * Pod Security labels of the namespace.
   * @default RESTRICTED_POD_SECURITY_LABELS
   */
  readonly namespaceLabels?: Readonly<Record<string, string>>;
  /**
   * Its sync wave among the environment's Applications.
   * @default SyncWave.ADD_ONS
   */
  readonly syncWave?: number;
  /**
   * Whether deleting the Application deletes what it installed (Argo CD's resources finalizer).
   * @default true
   */
  readonly cascadeDelete?: boolean;
}

/** The AppProject every add-on's Application belongs to. */
export const PLATFORM_PROJECT = 'platform';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * One cluster add-on of an environment: an Argo CD Application in the environment's Argo CD
 * chart (`platform.argoCdChart(env)`) that installs a pinned Helm chart with values paved writes,
 * in the `platform` AppProject, into its own namespace (created with Pod Security `restricted`
 * labels), with automated sync and server-side apply, in the add-on sync wave (before the
 * platform Application and services). Its `paved.dev/provides` annotation says what it makes
 * available (`ClusterCapabilities`), computed from the final values; `paved.dev/add-on-choice`
 * says whether it is paved's default, changed, or the platform team's own.
 */
export class ClusterAddOn extends Construct {
  /** The add-on's id, from `props.name`. */
  public readonly name: string;
  /** The chart installed: `props.chart` with `options.version` when given. */
  public readonly chart: HelmChart;
  /** The namespace it is installed in, from `props.namespace`. */
  public readonly namespace: string;
  /** Namespaces besides `namespace` it puts objects in, sorted. */
  public readonly otherNamespaces: readonly string[];
  /** The Helm release name: `props.releaseName`, or the add-on's name. */
  public readonly releaseName: string;
  /** The final values: `options.values` merged deep over `props.values`. */
  public readonly values: HelmValues;
  /** What it provides, from the final values. */
  public readonly provides: ClusterCapabilities;
  /** Whether it is paved's default, changed, or the platform team's own. */
  public readonly choice: AddOnChoice;
  /** What the platform team changed, for a `changed` add-on. */
  public readonly changed: readonly ('version' | 'values')[];
  /** The cluster-scoped kinds it creates. */
  public readonly clusterResourceKinds: readonly GroupKind[];
  /** Its sync wave: `props.syncWave`, or `SyncWave.ADD_ONS`. */
  public readonly syncWave: number;
  /** The Application object. */
  public readonly resource: argocd.Application;

  constructor(scope: Construct, id: string, props: ClusterAddOnProps) {
    super(scope, id);
    const { chart } = environmentChart(this);
    const options = props.options ?? {};
    const problems: string[] = [];
    if (!DNS_LABEL.test(props.name) || props.name.length > 53) {
      problems.push(`'name' must be a Kubernetes name of at most 53 lowercase letters, digits and hyphens (got ${JSON.stringify(props.name)}).`);
    }
    if (!DNS_LABEL.test(props.namespace) || props.namespace.length > 63) {
      problems.push(`'namespace' must be a Kubernetes namespace name (got ${JSON.stringify(props.namespace)}).`);
    }
    if (options.version !== undefined && (typeof options.version !== 'string' || options.version.trim() === '')) {
      problems.push(`'version' must be a chart version such as '${props.chart.version}' (got ${JSON.stringify(options.version)}).`);
    }
    PavedValidationError.throwIfAny(this, problems.map((p) => `add-on '${props.name}': ${p}`));
    this.name = props.name;
    this.namespace = props.namespace;
    this.otherNamespaces = [...new Set(props.otherNamespaces ?? [])].filter((n) => n !== props.namespace).sort();
    this.releaseName = props.releaseName ?? props.name;
    this.chart = { repoURL: props.chart.repoURL, chart: props.chart.chart, version: options.version ?? props.chart.version };
    this.values = options.values === undefined ? { ...props.values } : deepMerged(props.values ?? {}, options.values as HelmValues);
    this.choice = props.own ? 'own' : options.version !== undefined || options.values !== undefined ? 'changed' : 'default';
    this.changed = this.choice === 'changed'
      ? [...(options.version !== undefined ? ['version' as const] : []), ...(options.values !== undefined ? ['values' as const] : [])]
      : [];
    if (props.validator) {
      PavedValidationError.throwIfAny(this, valuesProblems(props.validator, this.values, { addOn: this.name, chart: this.chart }));
    }
    this.provides = props.provides ? props.provides(this.values) : {};
    this.clusterResourceKinds = props.clusterResourceKinds ?? [];
    this.syncWave = props.syncWave ?? SyncWave.ADD_ONS;

    const base = applicationProps(chart.platform, {
      name: this.name,
      component: this.name,
      project: PLATFORM_PROJECT,
      path: '.',
      namespace: this.namespace,
      syncWave: this.syncWave,
      labels: { [ADD_ON_LABEL]: this.name },
    });
    const record: AddOnChoiceRecord = this.changed.length > 0 ? { choice: this.choice, changed: this.changed } : { choice: this.choice };
    this.resource = new argocd.Application(this, 'Resource', {
      metadata: {
        ...base.metadata,
        namespace: ARGOCD_NAMESPACE,
        annotations: {
          ...base.metadata!.annotations,
          [PROVIDES_ANNOTATION]: JSON.stringify(this.provides),
          [ADD_ON_CHOICE_ANNOTATION]: JSON.stringify(record),
        },
        finalizers: props.cascadeDelete === false ? undefined : base.metadata!.finalizers,
      },
      spec: {
        ...base.spec,
        source: {
          repoUrl: this.chart.repoURL,
          chart: this.chart.chart,
          targetRevision: this.chart.version,
          helm: { releaseName: this.releaseName, valuesObject: this.values },
        },
        syncPolicy: {
          ...base.spec.syncPolicy,
          syncOptions: [...base.spec.syncPolicy!.syncOptions!, 'CreateNamespace=true'],
          managedNamespaceMetadata: { labels: { ...props.namespaceLabels ?? RESTRICTED_POD_SECURITY_LABELS } },
        },
      },
    });
  }
}
