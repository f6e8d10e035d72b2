import { Construct } from 'constructs';
import { ClusterAddOn, ClusterAddOnOptions, HelmRelease } from './cluster-add-on';
import { CONTROLLER_CLUSTER_KINDS } from './cluster-kinds';
import { flagAt } from './values-reader';
import { ARGOCD_NAMESPACE } from '../argocd/argo-cd-application';
import { ARGO_CD_CHART, ArgoCdValues } from '../imports/charts/argo-cd';

/** Props of `ArgoCd`. */
export interface ArgoCdProps extends ClusterAddOnOptions<ArgoCdValues> {}

/** The Helm release name of Argo CD: the same in the first install and in its Application. */
export const ARGO_CD_RELEASE_NAME = 'argocd';

/** The argocd-cm key of Argo CD's health check of Applications. */
export const APPLICATION_HEALTH_KEY = 'resource.customizations.health.argoproj.io_Application';

/**
 * Argo CD's health check of an Application: the Application's own health status (Progressing
 * until it has one). With it, Argo CD waits for an app-of-apps' child Applications to be healthy
 * before it syncs the next wave; without it (the default since Argo CD 1.8) every child
 * Application counts as healthy at once and the add-on waves do not order anything.
 */
export const APPLICATION_HEALTH_CHECK = [
  'hs = {}',
  'hs.status = "Progressing"',
  'hs.message = ""',
  'if obj.status ~= nil then',
  '  if obj.status.health ~= nil then',
  '    hs.status = obj.status.health.status',
  '    if obj.status.health.message ~= nil then',
  '      hs.message = obj.status.health.message',
  '    end',
  '  end',
  'end',
  'return hs',
  '',
].join('\n');

/**
 * Argo CD itself (chart `argo-cd`, release `argocd` in namespace `argocd`): the environment's
 * bootstrap stack installs this same release once (`release`), and from then on Argo CD
 * manages its own upgrades from this Application. argocd-cm carries the Application health check
 * (`APPLICATION_HEALTH_CHECK`) so that sync waves wait for the add-ons. Deleting the Application
 * leaves Argo CD running (no cascading finalizer).
 */
export class ArgoCd extends ClusterAddOn {
  /** Paved's values of the chart. */
  public static readonly PAVED_VALUES: ArgoCdValues = {
    crds: { install: true, keep: true },
    configs: { cm: { [APPLICATION_HEALTH_KEY]: APPLICATION_HEALTH_CHECK } },
  };

  /** The release with paved's chart and values (an environment's `ArgoCd` add-on has the platform team's changes in `release`). */
  public static readonly DEFAULT_RELEASE: HelmRelease = {
    chart: { repoURL: ARGO_CD_CHART.repoURL, chart: ARGO_CD_CHART.chart, version: ARGO_CD_CHART.version },
    releaseName: ARGO_CD_RELEASE_NAME,
    namespace: ARGOCD_NAMESPACE,
    values: ArgoCd.PAVED_VALUES,
  };

  constructor(scope: Construct, id: string, props: ArgoCdProps = {}) {
    super(scope, id, {
      name: 'argo-cd',
      chart: ARGO_CD_CHART,
      namespace: ARGOCD_NAMESPACE,
      releaseName: ARGO_CD_RELEASE_NAME,
      values: ArgoCd.PAVED_VALUES,
      options: { version: props.version, values: props.values },
      clusterResourceKinds: CONTROLLER_CLUSTER_KINDS,
      cascadeDelete: false,
      provides: (values) => ({
        kinds: flagAt(values, true, 'crds', 'install') ? ['argoproj.io/AppProject', 'argoproj.io/Application', 'argoproj.io/ApplicationSet'] : [],
      }),
    });
  }

  /** The release as this Application installs it (the final chart and values), for the bootstrap's first install. */
  public get release(): HelmRelease {
    return { chart: this.chart, releaseName: this.releaseName, namespace: this.namespace, values: this.values };
  }
}
