import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { AwsEndpoint } from './aws-endpoint';
import { IngressSource } from './ingress-source';
import { SecureWorkload } from './secure-workload';
import { PavedValidationError } from '../../src/platform/paved-validation-error';
import { sortedBy } from '../../src/util/sorted-by';

/** The label Kubernetes sets on every namespace to its name. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** Another workload of the platform, by name and namespace. */
export interface WorkloadPeer {
  /** The workload's name (its `paved.dev/workload` label). */
  readonly workload: string;
  /**
   * Its namespace.
   * @default - the namespace of the policy
   */
  readonly namespace?: string;
  /**
   * The ports allowed (container port numbers).
   * @default - every port
   */
  readonly ports?: readonly number[];
}

/** Props of a `WorkloadNetworkPolicy`. */
export interface WorkloadNetworkPolicyProps {
  /** The workload whose Pods the policy is for. */
  readonly workload: SecureWorkload;
  /**
   * Whether the ingress controller may reach the port the workload's Ingress sends to (its first).
   * @default - true when the workload has an Ingress
   */
  readonly allowIngressController?: boolean;
  /**
   * Where the ingress controller's traffic comes from.
   * @default IngressSource.environmentNetwork() - the environment's VPC, where the network
   * interfaces of an ALB with target type `ip` (the AWS Load Balancer Controller) are
   */
  readonly ingressSource?: IngressSource;
  /**
   * Workloads that call this one (allowed in, on this workload's ports).
   * @default - none
   */
  readonly callers?: readonly WorkloadPeer[];
  /**
   * Workloads this one calls (allowed out).
   * @default - none
   */
  readonly dependencies?: readonly WorkloadPeer[];
  /**
   * AWS endpoints this workload calls (allowed out).
   * @default - none
   */
  readonly awsEndpoints?: readonly AwsEndpoint[];
  /**
   * The port Prometheus scrapes, by name, or `false` for none.
   * @default - the workload's first port
   */
  readonly metricsPort?: string | false;
  /**
   * The namespace Prometheus runs in.
   * @default 'monitoring'
   */
  readonly prometheusNamespace?: string;
}

/**
 * The explicit allows of one workload on top of its namespace's default deny: from the ingress
 * controller (to the port its Ingress sends to), from its callers, from Prometheus to its metrics port, and out to its dependencies
 * and AWS endpoints. One NetworkPolicy named like the workload; every list in it is sorted.
 */
export class WorkloadNetworkPolicy extends Construct {
  /** Whether the ingress controller may reach the workload's first port: `props.allowIngressController`, or whether the workload has an Ingress. */
  public readonly allowIngressController: boolean;
  /** Where the ingress controller's traffic comes from: `props.ingressSource`, or the environment's VPC (`IngressSource.environmentNetwork()`). */
  public readonly ingressSource: IngressSource;
  /** Workloads allowed in on this workload's ports, from `props.callers`, sorted; empty when none. */
  public readonly callers: readonly WorkloadPeer[];
  /** Workloads this one may call, from `props.dependencies`, sorted; empty when none. */
  public readonly dependencies: readonly WorkloadPeer[];
  /** AWS endpoints this workload may call, from `props.awsEndpoints`, sorted by CIDR and port; empty when none. */
  public readonly awsEndpoints: readonly AwsEndpoint[];
  /** The port Prometheus may scrape, by name, or `false` for none: `props.metricsPort`, or the workload's first port. */
  public readonly metricsPort: string | false;
  /** The namespace Prometheus runs in: `props.prometheusNamespace`, or `'monitoring'`. */
  public readonly prometheusNamespace: string;
  /** The NetworkPolicy object. */
  public readonly resource: k8s.KubeNetworkPolicy;

  constructor(scope: Construct, id: string, props: WorkloadNetworkPolicyProps) {
    super(scope, id);
    const workload = props.workload;
    this.allowIngressController = props.allowIngressController ?? workload.ingress !== undefined;
    this.ingressSource = props.ingressSource ?? IngressSource.environmentNetwork();
    this.callers = sortedBy(props.callers ?? [], peerKey);
    this.dependencies = sortedBy(props.dependencies ?? [], peerKey);
    this.awsEndpoints = sortedBy(props.awsEndpoints ?? [], (e) => `${e.cidr}\u0000${String(e.port).padStart(5, '0')}`);
    this.metricsPort = props.metricsPort ?? workload.ports[0].name;
    this.prometheusNamespace = props.prometheusNamespace ?? 'monitoring';

    const problems = this.awsEndpoints.flatMap((e) => (e.problem ? [`'awsEndpoints': ${e.problem}`] : []));
    if (this.ingressSource.problem) {
      problems.push(`'ingressSource': ${this.ingressSource.problem}`);
    }
    if (this.metricsPort !== false && !workload.ports.some((p) => p.name === this.metricsPort)) {
      problems.push(`'metricsPort' must name a port of the workload (${workload.ports.map((p) => `'${p.name}'`).join(', ')}) (got '${this.metricsPort}').`);
    }
    for (const peer of [...this.callers, ...this.dependencies]) {
      for (const port of peer.ports ?? []) {
        if (!Number.isInteger(port) || port < 1 || port > 65535) {
          problems.push(`the port of workload '${peer.workload}' must be 1-65535 (got ${port}).`);
        }
      }
    }
    PavedValidationError.throwIfAny(this, problems);

    const ownPorts = workload.ports.map((p) => tcp(p.name));
    const ingress: k8s.NetworkPolicyIngressRule[] = [];
    if (this.allowIngressController) {
      const cidr = this.ingressSource.cidrIn(this);
      const from = cidr === undefined ? { namespaceSelector: namespace(this.ingressSource.namespace!) } : { ipBlock: { cidr } };
      ingress.push({ from: [from], ports: [ownPorts[0]] });
    }
    ingress.push(...this.callers.map((peer) => ({ from: [podsOf(peer)], ports: ownPorts })));
    if (this.metricsPort !== false) {
      ingress.push({
        from: [{ namespaceSelector: namespace(this.prometheusNamespace), podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus' } } }],
        ports: [tcp(this.metricsPort)],
      });
    }
    const egress: k8s.NetworkPolicyEgressRule[] = [
      ...this.dependencies.map((peer) => ({ to: [podsOf(peer)], ports: peer.ports?.map(tcp) })),
      ...this.awsEndpoints.map((e) => ({
        to: [{ ipBlock: { cidr: e.cidr, except: e.except.length > 0 ? [...e.except] : undefined } }],
        ports: [tcp(e.port)],
      })),
    ];

    this.resource = new k8s.KubeNetworkPolicy(this, 'Resource', {
      metadata: { name: workload.name },
      spec: {
        podSelector: { matchLabels: { ...workload.selectorLabels } },
        policyTypes: ['Ingress', 'Egress'],
        ingress,
        egress,
      },
    });
  }
}

function peerKey(peer: WorkloadPeer): string {
  return `${peer.namespace ?? ''}\u0000${peer.workload}`;
}

function tcp(port: number | string): k8s.NetworkPolicyPort {
  return { protocol: 'TCP', port: typeof port === 'number' ? k8s.IntOrString.fromNumber(port) : k8s.IntOrString.fromString(port) };
}

function namespace(name: string): k8s.LabelSelector {
  return { matchLabels: { [NAMESPACE_NAME_LABEL]: name } };
}

function podsOf(peer: WorkloadPeer): k8s.NetworkPolicyPeer {
  return {
    podSelector: { matchLabels: SecureWorkload.selectorLabels(peer.workload) },
    ...(peer.namespace === undefined ? {} : { namespaceSelector: namespace(peer.namespace) }),
  };
}
