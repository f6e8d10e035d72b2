import { posix } from 'path';
import { Construct } from 'constructs';
import type { Platform } from '../../src/platform/platform';
import { environmentChart } from '../environment-chart';
import { ARGOCD_NAMESPACE, applicationProps } from './argo-cd-application';
import * as argocd from '../imports/argoproj.io';

/** The component name of the root app: the `argocd` directory it syncs (a reserved name). */
const ROOT_COMPONENT = 'argocd';

/**
 * @param labels the labels of the chart the Application is declared in (by default the
 * environment's own Argo CD chart; an ephemeral environment's root lives in its origin's)
 */
function rootApplicationProps(platform: Platform, environment: string, labels = platform.argoCdChart(environment).labels): argocd.ApplicationProps {
  const env = platform.environment(environment);
  return applicationProps(platform, {
    name: platform.naming.kubernetesName(ROOT_COMPONENT, env.name),
    component: ROOT_COMPONENT,
    project: 'default',
    path: posix.join(env.name, 'argocd'),
    namespace: ARGOCD_NAMESPACE,
    labels,
  });
}

/**
 * The root app-of-apps of `environment` as a plain object: the Application `argocd-<environment>`
 * that syncs `<gitops.path>/<environment>/argocd` (AppProjects, Applications, itself). A bootstrap
 * applies exactly this object once; from then on Argo CD manages it from Git.
 */
export function rootApplicationManifest(platform: Platform, environment: string): Record<string, any> {
  return argocd.Application.manifest(rootApplicationProps(platform, environment));
}

/** Props of a `RootApplication`. */
export interface RootApplicationProps {
  /**
   * The environment whose `argocd` folder the Application syncs.
   * @default - the chart's environment; an ephemeral environment's root lives in the chart of
   * the environment whose cluster it shares
   */
  readonly environment?: string;
}

/**
 * The root app-of-apps of the chart's environment (see `rootApplicationManifest`), in the
 * `default` AppProject because it exists before any other. Declare it in
 * `platform.argoCdChart(environment)`.
 */
export class RootApplication extends Construct {
  /** The Application object. */
  public readonly resource: argocd.Application;

  constructor(scope: Construct, id: string, props: RootApplicationProps = {}) {
    super(scope, id);
    const { chart, environment } = environmentChart(this);
    this.resource = new argocd.Application(this, 'Resource', rootApplicationProps(chart.platform, props.environment ?? environment.name, chart.labels));
  }
}
