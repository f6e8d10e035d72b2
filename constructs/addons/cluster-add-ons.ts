import { Construct } from 'constructs';
import { ArgoCd, ArgoCdProps } from './argo-cd';
import { AwsLoadBalancerController } from './aws-load-balancer-controller';
import { CertManager, CertManagerProps } from './cert-manager';
import { ClusterAddOn, ClusterAddOnOptions, HelmValues, PLATFORM_PROJECT } from './cluster-add-on';
import { ExternalDns } from './external-dns';
import { ExternalSecrets } from './external-secrets';
import { KubePrometheusStack, KubePrometheusStackProps } from './kube-prometheus-stack';
import { MetricsServer, MetricsServerProps } from './metrics-server';
import { ADD_ONS_OFF_ANNOTATION, AddOnOffReason } from '../../src/platform/add-on-choice';
import { ClusterCapabilities } from '../../src/platform/cluster-capabilities';
import { PavedValidationError } from '../../src/platform/paved-validation-error';
import { ArgoCdProject, GroupKind } from '../argocd/argo-cd-project';
import { SyncWave } from '../argocd/sync-wave';
import { IEksCluster } from '../aws/eks-cluster';
import type { AwsLoadBalancerControllerValues } from '../imports/charts/aws-load-balancer-controller';
import type { ExternalDnsValues } from '../imports/charts/external-dns';
import type { ExternalSecretsValues } from '../imports/charts/external-secrets';

/** A platform team's own chart, installed as a cluster add-on beside paved's. */
export interface ClusterAddOnSpec {
  /** The add-on's id: the Application's name (not one of paved's add-ons). */
  readonly name: string;
  /** The Helm repository. */
  readonly repoURL: string;
  /** The chart's name. */
  readonly chart: string;
  /** The chart version. */
  readonly version: string;
  /** The namespace it is installed in (created with Pod Security `restricted` labels). */
  readonly namespace: string;
  /**
   * The Helm release name.
   * @default - the add-on's name
   */
  readonly releaseName?: string;
  /**
   * Its values.
   * @default - the chart's defaults
   */
  readonly values?: HelmValues;
  /**
   * What it makes available to the cluster (the closure rules read it).
   * @default - nothing
   */
  readonly provides?: ClusterCapabilities;
  /**
   * Namespaces besides `namespace` it puts objects in.
   * @default - none
   */
  readonly otherNamespaces?: readonly string[];
  /**
   * The cluster-scoped kinds it creates.
   * @default - none
   */
  readonly clusterResourceKinds?: readonly GroupKind[];
}

/**
 * A platform team's choices of cluster add-ons: `false` turns one of paved's off; options replace
 * its chart version and merge values over paved's. cert-manager is opt-in: `true` (or options)
 * turns it on.
 */
export interface ClusterAddOnsOptions {
  /**
   * Argo CD itself.
   * @default - on, with paved's chart and values
   */
  readonly argoCd?: false | ArgoCdProps;
  /**
   * External Secrets Operator.
   * @default - on, with paved's chart and values
   */
  readonly externalSecrets?: false | ClusterAddOnOptions<ExternalSecretsValues>;
  /**
   * kube-prometheus-stack (Prometheus, Alertmanager, Grafana).
   * @default - on, with paved's chart and values
   */
  readonly kubePrometheusStack?: false | KubePrometheusStackProps;
  /**
   * AWS Load Balancer Controller (IngressClass `alb`).
   * @default - on, with paved's chart and values
   */
  readonly awsLoadBalancerController?: false | ClusterAddOnOptions<AwsLoadBalancerControllerValues>;
  /**
   * external-dns.
   * @default - on, with paved's chart and values
   */
  readonly externalDns?: false | ClusterAddOnOptions<ExternalDnsValues>;
  /**
   * metrics-server.
   * @default - on, with paved's chart and values
   */
  readonly metricsServer?: false | MetricsServerProps;
  /**
   * cert-manager (the platform uses ACM through the load balancer by default).
   * @default false
   */
  readonly certManager?: boolean | CertManagerProps;
  /**
   * The platform team's own charts.
   * @default - none
   */
  readonly custom?: readonly ClusterAddOnSpec[];
}

/** Props of `ClusterAddOns`. */
export interface ClusterAddOnsProps extends ClusterAddOnsOptions {
  /** The environment's platform stack, where the add-ons' IAM roles are created. */
  readonly stack: Construct;
  /** The environment's cluster. */
  readonly cluster: IEksCluster;
  /** The External Secrets controller's service account and the ARN of the role it assumes. */
  readonly externalSecretsIdentity: { readonly namespace: string; readonly name: string; readonly roleArn: string };
  /** The environment's DNS zone, whose records external-dns manages. */
  readonly zone: string;
  /**
   * The id of the cluster's VPC when known at synth (an adopted network).
   * @default - the load balancer controller finds the VPC by its tags
   */
  readonly vpcId?: string;
}

/** The ids of paved's add-ons, by their option. */
const PAVED_ADD_ONS = {
  argoCd: 'argo-cd',
  externalSecrets: 'external-secrets',
  kubePrometheusStack: 'kube-prometheus-stack',
  awsLoadBalancerController: 'aws-load-balancer-controller',
  externalDns: 'external-dns',
  metricsServer: 'metrics-server',
  certManager: 'cert-manager',
} as const satisfies Record<keyof Omit<ClusterAddOnsOptions, 'custom'>, string>;

const NAMESPACE_KIND: GroupKind = { group: '', kind: 'Namespace' };

/**
 * The cluster add-ons of one environment, in its Argo CD chart: paved's (each on unless turned
 * off; cert-manager off unless turned on), the platform team's own, and the platform's AppProject
 * `platform` they belong to, which allows their chart repositories, their namespaces and the
 * cluster-scoped kinds their charts create, and lists in `paved.dev/add-ons-off` the add-ons
 * not installed.
 */
export class ClusterAddOns extends Construct {
  /** Every add-on installed, paved's first (in the order of `ClusterAddOnsOptions`), then the platform team's. */
  public readonly addOns: readonly ClusterAddOn[];
  /** Argo CD's add-on, whose `release` the bootstrap installs first; undefined when turned off. */
  public readonly argoCd?: ArgoCd;
  /** The add-ons paved offers that are not installed, by id, with why. */
  public readonly off: Readonly<Record<string, AddOnOffReason>>;
  /** The platform's AppProject. */
  public readonly project: ArgoCdProject;

  constructor(scope: Construct, id: string, props: ClusterAddOnsProps) {
    super(scope, id);
    const addOns: ClusterAddOn[] = [];
    const off: Record<string, AddOnOffReason> = {};
    type Make<O> = (options: O | Record<string, never>) => ClusterAddOn;
    const add = <O>(option: keyof typeof PAVED_ADD_ONS, setting: false | O | undefined, make: Make<O>): void => {
      if (setting === false) {
        off[PAVED_ADD_ONS[option]] = 'turned-off';
      } else {
        addOns.push(make(setting ?? {}));
      }
    };
    const infra = { stack: props.stack, cluster: props.cluster };
    add('argoCd', props.argoCd, (o) => new ArgoCd(this, 'ArgoCd', o));
    add('externalSecrets', props.externalSecrets, (o) => new ExternalSecrets(this, 'ExternalSecrets', {
      ...o, serviceAccount: props.externalSecretsIdentity, roleArn: props.externalSecretsIdentity.roleArn,
    }));
    add('kubePrometheusStack', props.kubePrometheusStack, (o) => new KubePrometheusStack(this, 'KubePrometheusStack', o));
    add('awsLoadBalancerController', props.awsLoadBalancerController, (o) => new AwsLoadBalancerController(this, 'AwsLoadBalancerController', {
      ...o, ...infra, vpcId: props.vpcId,
    }));
    add('externalDns', props.externalDns, (o) => new ExternalDns(this, 'ExternalDns', { ...o, ...infra, zone: props.zone }));
    add('metricsServer', props.metricsServer, (o) => new MetricsServer(this, 'MetricsServer', o));
    if (props.certManager === undefined || props.certManager === false) {
      off[PAVED_ADD_ONS.certManager] = 'opt-in';
    } else {
      addOns.push(new CertManager(this, 'CertManager', props.certManager === true ? {} : props.certManager));
    }
    const taken = new Set(addOns.map((a) => a.name).concat(Object.keys(off)));
    for (const spec of props.custom ?? []) {
      if (taken.has(spec.name)) {
        const owner = Object.values(PAVED_ADD_ONS).includes(spec.name as never)
          ? "one of paved's add-ons (turn it off with false and name yours differently, or change its version and values instead)"
          : 'another custom add-on';
        throw new PavedValidationError(this, `custom add-on '${spec.name}': the name is taken by ${owner}; give it another name.`);
      }
      taken.add(spec.name);
      addOns.push(new ClusterAddOn(this, `Custom-${spec.name}`, {
        name: spec.name,
        chart: { repoURL: spec.repoURL, chart: spec.chart, version: spec.version },
        namespace: spec.namespace,
        releaseName: spec.releaseName,
        values: spec.values,
        own: true,
        provides: () => spec.provides ?? {},
        otherNamespaces: spec.otherNamespaces,
        clusterResourceKinds: spec.clusterResourceKinds,
      }));
    }
    this.addOns = addOns;
    this.argoCd = addOns.find((a): a is ArgoCd => a instanceof ArgoCd);
    this.off = Object.fromEntries(Object.entries(off).sort(([a], [b]) => a.localeCompare(b)));

    const kinds = new Map<string, GroupKind>();
    for (const kind of [NAMESPACE_KIND, ...addOns.flatMap((a) => a.clusterResourceKinds)]) {
      kinds.set(`${kind.group}/${kind.kind}`, { group: kind.group, kind: kind.kind });
    }
    this.project = new ArgoCdProject(this, 'Project', {
      name: PLATFORM_PROJECT,
      namespaces: addOns.flatMap((a) => [a.namespace, ...a.otherNamespaces]),
      clusterResourceKinds: [...kinds.values()],
      sourceRepositories: addOns.map((a) => a.chart.repoURL),
      syncWave: SyncWave.ADD_ON_PROJECT,
      annotations: { [ADD_ONS_OFF_ANNOTATION]: JSON.stringify(this.off) },
      description: 'The cluster add-ons of the platform',
    });
  }
}
