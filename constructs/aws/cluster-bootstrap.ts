import { DataAwsEksCluster } from '@cdktf/provider-aws/lib/data-aws-eks-cluster';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { PavedValidationError } from '../../src/platform/paved-validation-error';
import type { Platform } from '../../src/platform/platform';
import { PlatformStack } from '../../src/platform/platform-stack';
import { kubernetesLabels } from '../../src/platform/tagging';

/** The component whose stack holds a cluster's bootstrap: `argocd-<environment>`. */
export const CLUSTER_BOOTSTRAP_COMPONENT = 'argocd';

/** The Pod Security Standard enforced in the Argo CD namespace. */
export const ARGOCD_POD_SECURITY_LEVEL = 'restricted';

/** Props of a `ClusterBootstrap`. */
export interface ClusterBootstrapProps {
  /**
   * The root Argo CD Application (app of apps) that points Argo CD at the environment's folder
   * of the GitOps repository, as a plain object (`apiVersion: argoproj.io/v1alpha1`).
   */
  readonly rootApplication: Readonly<Record<string, unknown>>;
  /**
   * The cluster to bootstrap.
   * @default - the environment's `clusterName`
   */
  readonly clusterName?: string;
  /**
   * The namespace Argo CD runs in.
   * @default 'argocd'
   */
  readonly namespace?: string;
}

/**
 * What a new cluster needs before Argo CD takes over, applied with the Kubernetes provider:
 * the Argo CD namespace (Pod Security `restricted`, the platform's labels) and the root
 * app-of-apps Application. Argo CD itself (its CRDs and controllers) must already run in the
 * namespace, because `kubernetes_manifest` needs the Application CRD at plan time.
 *
 * It belongs in a stack of its own (`ClusterBootstrap.stackOf`), applied after the platform
 * stack that creates the cluster, so that the platform stack needs only the AWS provider. The
 * provider reaches the cluster by its name: endpoint and CA from the `aws_eks_cluster` data
 * source, a short-lived token from `aws eks get-token` on each run, nothing stored.
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

  /** The root Application; `Resource`. */
  public readonly resource: Manifest;
  /** The EKS cluster bootstrapped: `props.clusterName`, or the environment's `clusterName`. */
  public readonly clusterName: string;
  /** The namespace Argo CD is installed into: `props.namespace`, or `'argocd'`. */
  public readonly namespace: string;
  /** The root Application as applied: `rootApplication` with `metadata.namespace` set. */
  public readonly rootApplication: Readonly<Record<string, unknown>>;
  /** Reads the cluster's endpoint and CA. */
  public readonly clusterData: DataAwsEksCluster;
  /** The Kubernetes provider that talks to the cluster's endpoint with a token from `aws eks get-token`. */
  public readonly kubernetesProvider: KubernetesProvider;
  /** The namespace `namespace`, created with the Pod Security labels before Argo CD is installed into it. */
  public readonly namespaceResource: NamespaceV1;

  constructor(scope: Construct, id: string, props: ClusterBootstrapProps) {
    super(scope, id);
    const stack = PlatformStack.of(this);
    this.clusterName = props.clusterName ?? stack.environment.clusterName;
    this.namespace = props.namespace ?? 'argocd';
    this.rootApplication = this.checkRootApplication(props.rootApplication);

    this.clusterData = new DataAwsEksCluster(this, 'Cluster', { name: this.clusterName });
    this.kubernetesProvider = new KubernetesProvider(this, 'kubernetes', {
      host: this.clusterData.endpoint,
      clusterCaCertificate: Fn.base64decode(this.clusterData.certificateAuthority.get(0).data),
      exec: [{
        apiVersion: 'client.authentication.k8s.io/v1beta1',
        command: 'aws',
        args: ['eks', 'get-token', '--cluster-name', this.clusterName, '--region', stack.environment.region],
      }],
    });
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
    this.resource = new Manifest(this, 'Resource', {
      manifest: this.rootApplication,
      dependsOn: [this.namespaceResource],
    });
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
    return { ...application, metadata: { ...metadata, namespace: this.namespace } };
  }
}
