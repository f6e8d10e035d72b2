import { ClusterObjects } from './cluster-objects';
import { BUILT_IN_KINDS, BUILT_IN_PRIORITY_CLASSES, DEFAULT_SERVICE_ACCOUNT, apiGroupOf } from './kubernetes-built-ins';
import { KubernetesObject } from './kubernetes-object';
import type { PlatformArtifacts } from './platform-artifacts';
import type { TerraformResource } from './terraform-resource';
import { TerraformStackArtifact } from './terraform-stack-artifact';
import { ADD_ON_LABEL, ClusterCapabilities, DashboardDiscovery, MonitoringSelection, PROVIDES_ANNOTATION } from '../../platform/cluster-capabilities';
import type { Environment } from '../../platform/environment';
import { UnreadableArtifactError } from '../unreadable-artifact-error';

/** A cluster add-on as its Argo CD Application declares it. */
export interface InstalledAddOn {
  /** Its id, from the `paved.dev/add-on` label: `external-secrets`. */
  readonly id: string;
  /** Its Application. */
  readonly application: KubernetesObject;
  /** What it provides, from the `paved.dev/provides` annotation. */
  readonly provides: ClusterCapabilities;
}

/** A ServiceAccount that exists in the cluster, and who makes it exist. */
export interface ExistingServiceAccount {
  /** The IAM role it assumes (`eks.amazonaws.com/role-arn`), if any. */
  readonly roleArn?: string;
  /** The add-on that creates it; absent when the output declares it or Kubernetes creates it. */
  readonly addOn?: InstalledAddOn;
  /** The object the output declares it with, if it does. */
  readonly object?: KubernetesObject;
}

/** The kinds whose CRDs the argo-cd chart installs (unless its values set `crds.install: false`). */
const ARGO_CD_KINDS = ['argoproj.io/Application', 'argoproj.io/AppProject', 'argoproj.io/ApplicationSet'];

/** Whether a `helm_release` installs the argo-cd chart with its CRDs. */
function installsArgoCdCrds(release: TerraformResource): boolean {
  if (release.config.chart !== 'argo-cd') {
    return false;
  }
  const values: unknown[] = Array.isArray(release.config.values) ? release.config.values : [];
  // paved writes values as JSON; anything else (YAML, a reference) cannot be read, so it counts as no CRDs.
  return values.every((v) => typeof v === 'string' && readJson(v)?.crds?.install !== false && readJson(v) !== undefined);
}

/** `text` parsed as a JSON object, or undefined when it is not one. */
function readJson(text: string): Record<string, any> | undefined {
  try {
    const value = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The annotation that gives a ServiceAccount an IAM role (IRSA). */
export const ROLE_ARN_ANNOTATION = 'eks.amazonaws.com/role-arn';

/**
 * What one cluster provides to the objects deployed to it: the union of what its add-ons'
 * Applications say they provide (`paved.dev/provides`), what the output itself declares there
 * (CRDs, IngressClasses, StorageClasses, PriorityClasses, secret stores, ServiceAccounts,
 * ClusterIssuers), and what Kubernetes and EKS create in every cluster: the built-in kinds, the
 * `default` ServiceAccount of every namespace and the `system-*-critical` PriorityClasses. EKS
 * adds no StorageClass that can be relied on (from Kubernetes 1.30 its `gp2` class is no longer
 * the default, and it provisions only through the EBS CSI driver, itself an add-on) and no
 * IngressClass. Argo CD's kinds also exist when a stack of the cluster installs the argo-cd chart
 * with Helm (a cluster bootstrap's first install). Ephemeral environments share the cluster of
 * the environment they came from.
 */
export class ClusterProvisions {
  /** The environments deployed to the cluster, the permanent one first. */
  public readonly environments: readonly Environment[];
  /** The add-ons installed in the cluster, in the order of their Applications. */
  public readonly addOns: readonly InstalledAddOn[];
  /** The Terraform stacks of the cluster's environments. */
  public readonly stacks: readonly TerraformStackArtifact[];
  /** Every kind that can be created, as `<group>/<Kind>` (`''` for the core group). */
  public readonly kinds: ReadonlySet<string>;
  /** The IngressClasses that exist. */
  public readonly ingressClasses: ReadonlySet<string>;
  /** The IngressClasses whose controller finds an ACM certificate for each host. */
  public readonly acmIngressClasses: ReadonlySet<string>;
  /** The StorageClasses that exist. */
  public readonly storageClasses: ReadonlySet<string>;
  /** The PriorityClasses that exist. */
  public readonly priorityClasses: ReadonlySet<string>;
  /** The cert-manager ClusterIssuers that exist. */
  public readonly clusterIssuers: ReadonlySet<string>;
  /** Whether something serves the resource metrics API (`metrics.k8s.io`). */
  public readonly resourceMetrics: boolean;
  /** The selections of every Prometheus of the cluster. */
  public readonly monitoring: readonly MonitoringSelection[];
  /** The dashboard discovery of every Grafana of the cluster. */
  public readonly dashboards: readonly DashboardDiscovery[];
  private readonly serviceAccounts: ReadonlyMap<string, ExistingServiceAccount>;

  /**
   * @param objects the cluster's objects (every environment deployed to it)
   * @param artifacts everything the synth produced: the platform's environments and stacks
   */
  constructor(public readonly objects: ClusterObjects, artifacts: PlatformArtifacts) {
    this.environments = artifacts.platform.environments.filter((e) => e.clusterName === objects.cluster);
    this.stacks = artifacts.stacks.filter((s) => s.environment.clusterName === objects.cluster);
    this.addOns = objects.ofKind('Application').filter((app) => app.labels[ADD_ON_LABEL] !== undefined).map(addOnOf);
    const provided = (pick: (c: ClusterCapabilities) => readonly string[] | undefined) => this.addOns.flatMap((a) => pick(a.provides) ?? []);
    const names = (kind: string) => objects.ofKind(kind).map((o) => o.name);

    const crds = objects.ofKind('CustomResourceDefinition').map((crd) => `${crd.json.spec?.group}/${crd.json.spec?.names?.kind}`);
    const bootstrapped = this.stacks.some((s) => s.resourcesOfType('helm_release').some(installsArgoCdCrds)) ? ARGO_CD_KINDS : [];
    this.kinds = new Set([...BUILT_IN_KINDS, ...provided((c) => c.kinds), ...crds, ...bootstrapped]);
    this.ingressClasses = new Set([...provided((c) => c.ingressClasses), ...names('IngressClass')]);
    this.acmIngressClasses = new Set(this.addOns.filter((a) => a.provides.certificates?.acm === true)
      .flatMap((a) => a.provides.ingressClasses ?? []));
    this.storageClasses = new Set([...provided((c) => c.storageClasses), ...names('StorageClass')]);
    this.priorityClasses = new Set([...BUILT_IN_PRIORITY_CLASSES, ...provided((c) => c.priorityClasses), ...names('PriorityClass')]);
    this.clusterIssuers = new Set([...provided((c) => c.certificates?.clusterIssuers), ...names('ClusterIssuer')]);
    this.resourceMetrics = this.addOns.some((a) => a.provides.resourceMetrics === true);
    this.monitoring = this.addOns.flatMap((a) => a.provides.monitoring ? [a.provides.monitoring] : []);
    this.dashboards = this.addOns.flatMap((a) => a.provides.dashboards ? [a.provides.dashboards] : []);

    const accounts = new Map<string, ExistingServiceAccount>();
    for (const addOn of this.addOns) {
      for (const account of addOn.provides.serviceAccounts ?? []) {
        accounts.set(`${account.namespace}/${account.name}`, { roleArn: account.roleArn, addOn });
      }
    }
    for (const account of objects.ofKind('ServiceAccount')) {
      accounts.set(`${account.namespace}/${account.name}`, { roleArn: account.annotations[ROLE_ARN_ANNOTATION], object: account });
    }
    this.serviceAccounts = accounts;
  }

  /** The ServiceAccount `name` of `namespace`, if it exists; `default` exists in every namespace. */
  public serviceAccount(namespace: string, name: string): ExistingServiceAccount | undefined {
    return this.serviceAccounts.get(`${namespace}/${name}`) ?? (name === DEFAULT_SERVICE_ACCOUNT ? {} : undefined);
  }

  /** Every ServiceAccount the add-ons and the output declare, by `<namespace>/<name>`. */
  public get declaredServiceAccounts(): ReadonlyMap<string, ExistingServiceAccount> {
    return this.serviceAccounts;
  }

  /**
   * The store an ExternalSecret reads through (`spec.secretStoreRef`: a ClusterSecretStore, or a
   * SecretStore of its namespace, the default kind), if the output declares it.
   */
  public secretStoreFor(externalSecret: KubernetesObject): KubernetesObject | undefined {
    const { kind = 'SecretStore', name } = externalSecret.json.spec?.secretStoreRef ?? {};
    const namespace = kind === 'ClusterSecretStore' ? '' : externalSecret.namespace;
    return this.objects.inNamespace(namespace, kind).find((store) => store.name === name);
  }

  /** Whether `object`'s kind can be created: it is built in, or a CRD of it is installed. */
  public hasKind(object: KubernetesObject): boolean {
    return this.kinds.has(`${apiGroupOf(object.json.apiVersion)}/${object.kind}`);
  }

  /** The labels of namespace `name`: those the output gives it, and `kubernetes.io/metadata.name`, which Kubernetes sets. */
  public namespaceLabels(name: string): Readonly<Record<string, string>> {
    const declared = this.objects.inNamespace('', 'Namespace').find((n) => n.name === name);
    return { ...declared?.labels, 'kubernetes.io/metadata.name': name };
  }

  /** The add-ons that provide something, as `'<id>'` for messages; `none` when there are none. */
  public describeAddOns(): string {
    return this.addOns.length === 0 ? 'no add-on is installed' : `the add-ons installed are ${this.addOns.map((a) => `'${a.id}'`).join(', ')}`;
  }
}

const cache = new WeakMap<PlatformArtifacts, ReadonlyMap<string, ClusterProvisions>>();

/** What each cluster provides, by cluster name; computed once per set of artifacts. */
export function clusterProvisions(artifacts: PlatformArtifacts): ReadonlyMap<string, ClusterProvisions> {
  let provisions = cache.get(artifacts);
  if (!provisions) {
    provisions = new Map([...artifacts.clusters].map(([name, objects]) => [name, new ClusterProvisions(objects, artifacts)]));
    cache.set(artifacts, provisions);
  }
  return provisions;
}

function addOnOf(application: KubernetesObject): InstalledAddOn {
  const id = application.labels[ADD_ON_LABEL];
  const annotation = application.annotations[PROVIDES_ANNOTATION];
  if (annotation === undefined) {
    return { id, application, provides: {} };
  }
  let provides: unknown;
  try {
    provides = JSON.parse(annotation);
  } catch (error) {
    throw new UnreadableArtifactError(`the ${PROVIDES_ANNOTATION} annotation of add-on '${id}' (${application.location}) is not JSON: ${(error as Error).message}`);
  }
  if (typeof provides !== 'object' || provides === null || Array.isArray(provides)) {
    throw new UnreadableArtifactError(`the ${PROVIDES_ANNOTATION} annotation of add-on '${id}' (${application.location}) is not a JSON object (got ${annotation})`);
  }
  return { id, application, provides: provides as ClusterCapabilities };
}
