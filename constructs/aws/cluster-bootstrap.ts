import { DataAwsEksCluster } from '@cdktf/provider-aws/lib/data-aws-eks-cluster';
import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import { Release } from '@cdktf/provider-helm/lib/release';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { YamlWriter } from '../../src/engine/yaml-writer';
import { PavedValidationError } from '../../src/platform/paved-validation-error';
import type { Platform } from '../../src/platform/platform';
import { PlatformStack } from '../../src/platform/platform-stack';
import { kubernetesLabels } from '../../src/platform/tagging';
import { ArgoCd } from '../addons/argo-cd';
import type { HelmRelease } from '../addons/cluster-add-on';

/** The component whose stack holds a cluster's bootstrap: `argocd-<environment>`. */
export const CLUSTER_BOOTSTRAP_COMPONENT = 'argocd';

/** The Pod Security Standard enforced in the Argo CD namespace. */
export const ARGOCD_POD_SECURITY_LEVEL = 'restricted';

/**
 * The local Helm chart that hands Argo CD the root Application: its directory in the stack's
 * directory, and its Helm release's name.
 */
export const ROOT_APPLICATION_CHART = 'root-application';

/** The template of the root Application in the local chart. */
export const ROOT_APPLICATION_TEMPLATE = `${ROOT_APPLICATION_CHART}/templates/root-application.yaml`;

/**
 * What the bootstrap's Helm releases leave to Argo CD once it runs: the chart and values that
 * the argo-cd Application (and the root Application, from Git) own from then on.
 */
export const HANDED_OVER_TO_ARGO_CD: readonly string[] = ['repository', 'chart', 'version', 'values', 'set'];

/** Helm release names: a DNS label of at most 53 characters (Helm's limit). */
const RELEASE_NAME = /^[a-z0-9]([-a-z0-9]{0,51}[a-z0-9])?$/;

/** An exact chart version (no range): `1.2.3`, `v1.2.3`, `1.2.3-rc.1`. */
const EXACT_VERSION = /^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

/** Props of a `ClusterBootstrap`. */
export interface ClusterBootstrapProps {
  /**
   * The root Argo CD Application (app of apps) that points Argo CD at the environment's folder
   * of the GitOps repository, as a plain object (`apiVersion: argoproj.io/v1alpha1`).
   */
  readonly rootApplication: Readonly<Record<string, unknown>>;
  /**
   * The Argo CD release installed once, into its namespace: the `release` of the environment's
   * `ArgoCd` add-on, whose Application owns Argo CD afterwards.
   * @default ArgoCd.DEFAULT_RELEASE - paved's chart version and values, release `argocd` in namespace `argocd`
   */
  readonly argoCd?: HelmRelease;
  /**
   * The cluster to bootstrap.
   * @default - the environment's `clusterName`
   */
  readonly clusterName?: string;
}

/**
 * The first Argo CD install of a new cluster, applied in this order once the platform stack has
 * created the cluster:
 *
 * 1. the Argo CD namespace (Pod Security `restricted`, the platform's labels), with the
 *    Kubernetes provider;
 * 2. Argo CD itself, its CRDs included, as the Helm release `argoCdRelease` of the argo-cd chart
 *    (the chart, version, release name and values of the `argo-cd` Application), which Helm
 *    waits for until its workloads are ready;
 * 3. the root app-of-apps Application, as the Helm release of a local chart that the stack
 *    carries in its directory (`root-application/`, written with `PlatformStack.addFile`, checked
 *    by the guardrails as a Kubernetes object). Helm resolves the Application kind when it
 *    applies, after step 2 created the CRD; `kubernetes_manifest` would need the CRD at plan time.
 *
 * Argo CD then syncs the root app, which holds the argo-cd Application: from then on Argo CD
 * owns itself, and both releases ignore changes to their chart and values
 * (`HANDED_OVER_TO_ARGO_CD`), so applying this stack again changes nothing and never fights
 * Argo CD. The root Application carries `helm.sh/resource-policy: keep`: uninstalling the
 * release leaves it (its finalizer would otherwise delete every Application's resources).
 * The argo-cd chart's own `extraObjects` cannot carry the root app: Helm maps every object of
 * a release to the API before it creates the CRDs in that release's own templates. (AWS provider
 * 5.100.0 has no managed Argo CD: the EKS Capability, `aws_eks_capability`, came later.)
 *
 * It belongs in a stack of its own (`ClusterBootstrap.stackOf`), applied after the platform
 * stack that creates the cluster, so that the platform stack needs only the AWS provider. The
 * Kubernetes and Helm providers reach the cluster by its name: endpoint and CA from the
 * `aws_eks_cluster` data source, a short-lived token from `aws eks get-token` on each run,
 * nothing stored.
 */
export class ClusterBootstrap extends Construct {
  /**
   * The stack for the bootstrap of `environment`'s cluster: `argocd-<environment>`, owned by
   * the platform, created on first use.
   */
  public static stackOf(platform: Platform, environment: string): PlatformStack {
    const placement = platform.placement('platform', environment);
    const id = platform.naming.stackId(CLUSTER_BOOTSTRAP_COMPONENT, placement.environment.name);
    const existing = platform.terraformApp.node.tryFindChild(id);
    return existing ? existing as PlatformStack : new PlatformStack(platform, id, {
      environment: placement.environment,
      ownership: placement.ownership,
    });
  }

  /** The Helm release of the local chart that holds the root Application; `Resource`. */
  public readonly resource: Release;
  /** The EKS cluster bootstrapped: `props.clusterName`, or the environment's `clusterName`. */
  public readonly clusterName: string;
  /** The namespace Argo CD is installed into: that of `argoCd`. */
  public readonly namespace: string;
  /** The Argo CD release installed once: `props.argoCd`, or `ArgoCd.DEFAULT_RELEASE`. */
  public readonly argoCd: HelmRelease;
  /** The root Application as applied: `rootApplication` with `metadata.namespace` set and Helm told to keep it. */
  public readonly rootApplication: Readonly<Record<string, unknown>>;
  /** Reads the cluster's endpoint and CA. */
  public readonly clusterData: DataAwsEksCluster;
  /** The Kubernetes provider that talks to the cluster's endpoint with a token from `aws eks get-token`. */
  public readonly kubernetesProvider: KubernetesProvider;
  /** The Helm provider, reaching the cluster as `kubernetesProvider` does. */
  public readonly helmProvider: HelmProvider;
  /** The namespace `namespace`, created with the Pod Security labels before Argo CD is installed into it. */
  public readonly namespaceResource: NamespaceV1;
  /** The Helm release that installs Argo CD (`argoCd`) into `namespace`, once. */
  public readonly argoCdRelease: Release;

  constructor(scope: Construct, id: string, props: ClusterBootstrapProps) {
    super(scope, id);
    const stack = PlatformStack.of(this);
    this.clusterName = props.clusterName ?? stack.environment.clusterName;
    this.argoCd = this.checkArgoCd(props.argoCd ?? ArgoCd.DEFAULT_RELEASE);
    this.namespace = this.argoCd.namespace;
    this.rootApplication = this.checkRootApplication(props.rootApplication);
    const rootTemplate = YamlWriter.manifests().stringify(this.rootApplication);
    if (rootTemplate.includes('{{')) {
      throw new PavedValidationError(this, "'rootApplication' holds '{{', which Helm would read as a template directive when it installs the local chart; leave template expressions out of the root Application.");
    }

    this.clusterData = new DataAwsEksCluster(this, 'Cluster', { name: this.clusterName });
    const cluster = {
      host: this.clusterData.endpoint,
      clusterCaCertificate: Fn.base64decode(this.clusterData.certificateAuthority.get(0).data),
    };
    const exec = {
      apiVersion: 'client.authentication.k8s.io/v1beta1',
      command: 'aws',
      args: ['eks', 'get-token', '--cluster-name', this.clusterName, '--region', stack.environment.region],
    };
    this.kubernetesProvider = new KubernetesProvider(this, 'kubernetes', { ...cluster, exec: [exec] });
    this.helmProvider = new HelmProvider(this, 'helm', { kubernetes: { ...cluster, exec } });

    this.namespaceResource = new NamespaceV1(this, 'Namespace', {
      metadata: {
        name: this.namespace,
        labels: {
          ...kubernetesLabels(stack.ownership),
          'pod-security.kubernetes.io/enforce': ARGOCD_POD_SECURITY_LEVEL,
          'pod-security.kubernetes.io/audit': ARGOCD_POD_SECURITY_LEVEL,
          'pod-security.kubernetes.io/warn': ARGOCD_POD_SECURITY_LEVEL,
        },
      },
    });
    this.argoCdRelease = new Release(this, 'ArgoCd', {
      name: this.argoCd.releaseName,
      namespace: this.namespace,
      repository: this.argoCd.chart.repoURL,
      chart: this.argoCd.chart.chart,
      version: this.argoCd.chart.version,
      values: [JSON.stringify(this.argoCd.values)],
      dependsOn: [this.namespaceResource],
      lifecycle: { ignoreChanges: [...HANDED_OVER_TO_ARGO_CD] },
    });

    stack.addFile(`${ROOT_APPLICATION_CHART}/Chart.yaml`, YamlWriter.manifests().stringify({
      apiVersion: 'v2',
      name: ROOT_APPLICATION_CHART,
      description: `The root Application of ${stack.environment.name}, installed once by the cluster bootstrap; Argo CD manages it from Git afterwards.`,
      type: 'application',
      version: '1.0.0',
    }));
    stack.addFile(ROOT_APPLICATION_TEMPLATE, rootTemplate);
    this.resource = new Release(this, 'Resource', {
      name: ROOT_APPLICATION_CHART,
      namespace: this.namespace,
      chart: `\${path.module}/${ROOT_APPLICATION_CHART}`,
      dependsOn: [this.argoCdRelease],
      lifecycle: { ignoreChanges: [...HANDED_OVER_TO_ARGO_CD] },
    });
  }

  private checkArgoCd(argoCd: HelmRelease): HelmRelease {
    const problems: string[] = [];
    const { repoURL, chart, version } = argoCd.chart ?? {};
    if (typeof repoURL !== 'string' || !/^(https|oci):\/\/\S+$/.test(repoURL)) {
      problems.push(`'argoCd.chart.repoURL' must be an https:// or oci:// Helm repository (got ${JSON.stringify(repoURL)}).`);
    }
    if (typeof chart !== 'string' || chart === '') {
      problems.push(`'argoCd.chart.chart' must name the chart (got ${JSON.stringify(chart)}).`);
    }
    if (typeof version !== 'string' || !EXACT_VERSION.test(version)) {
      problems.push(`'argoCd.chart.version' must be an exact chart version such as '10.1.1' (got ${JSON.stringify(version)}); a range would install whatever is newest on the day.`);
    }
    if (typeof argoCd.namespace !== 'string' || !/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(argoCd.namespace)) {
      problems.push(`'argoCd.namespace' must be a namespace name (a DNS label; got ${JSON.stringify(argoCd.namespace)}).`);
    }
    if (!RELEASE_NAME.test(argoCd.releaseName)) {
      problems.push(`'argoCd.releaseName' must be a DNS label of at most 53 characters, as Helm requires (got ${JSON.stringify(argoCd.releaseName)}).`);
    }
    if (typeof argoCd.values !== 'object' || argoCd.values === null || Array.isArray(argoCd.values)) {
      problems.push(`'argoCd.values' must be an object of chart values (got ${JSON.stringify(argoCd.values)}).`);
    }
    PavedValidationError.throwIfAny(this, problems);
    return argoCd;
  }

  private checkRootApplication(application: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
    const metadata = (application.metadata ?? {}) as Record<string, unknown>;
    const problems: string[] = [];
    if (application.apiVersion !== 'argoproj.io/v1alpha1' || application.kind !== 'Application') {
      problems.push(`'rootApplication' must be an Argo CD Application (apiVersion 'argoproj.io/v1alpha1', kind 'Application'; got apiVersion ${JSON.stringify(application.apiVersion)}, kind ${JSON.stringify(application.kind)}).`);
    }
    if (typeof metadata.name !== 'string' || metadata.name === '') {
      problems.push(`'rootApplication.metadata.name' must name the Application (got ${JSON.stringify(metadata.name)}).`);
    }
    if (metadata.namespace !== undefined && metadata.namespace !== this.namespace) {
      problems.push(`'rootApplication.metadata.namespace' must be Argo CD's namespace '${this.namespace}' (got ${JSON.stringify(metadata.namespace)}); leave it out to have it set.`);
    }
    PavedValidationError.throwIfAny(this, problems);
    const annotations = { ...(metadata.annotations ?? {}) as Record<string, unknown>, 'helm.sh/resource-policy': 'keep' };
    return { ...application, metadata: { ...metadata, namespace: this.namespace, annotations } };
  }
}
