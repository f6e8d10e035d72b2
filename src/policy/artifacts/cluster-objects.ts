import { KubernetesObject } from './kubernetes-object';
import { selects } from './label-selector';
import { groupBy } from '../../util/group-by';

/** Which traffic a network policy governs. */
export type PolicyDirection = 'Ingress' | 'Egress';

/**
 * The Kubernetes objects of one cluster (an environment and the ephemeral ones made from it), with the relations the guardrails
 * follow: which Services, PodDisruptionBudgets, autoscalers and network policies apply to a workload.
 */
export class ClusterObjects {
  /** The objects by kind, and by kind and namespace, in the order of `objects`: relations look up, not scan. */
  private readonly byKind: ReadonlyMap<string, readonly KubernetesObject[]>;
  private readonly byKindAndNamespace: ReadonlyMap<string, readonly KubernetesObject[]>;

  /**
   * @param cluster the cluster's name (the environments' `clusterName`)
   * @param objects every object of the cluster's environments, in the order given; each gets `cluster` set to this
   */
  constructor(public readonly cluster: string, public readonly objects: readonly KubernetesObject[]) {
    for (const object of objects) {
      object.cluster = this;
    }
    this.byKind = groupBy(objects, (o) => o.kind);
    this.byKindAndNamespace = groupBy(objects, (o) => `${o.kind}\u0000${o.namespace}`);
  }

  /** The objects of `kind`. */
  public ofKind(kind: string): readonly KubernetesObject[] {
    return this.byKind.get(kind) ?? [];
  }

  /** The objects of `kind` in `namespace` (`''` for cluster-scoped ones). */
  public inNamespace(namespace: string, kind: string): readonly KubernetesObject[] {
    return this.byKindAndNamespace.get(`${kind}\u0000${namespace}`) ?? [];
  }

  /** Services whose selector matches the workload's pods. */
  public servicesFor(workload: KubernetesObject): readonly KubernetesObject[] {
    return this.inNamespace(workload.namespace, 'Service').filter((s) => {
      const selector = s.json.spec?.selector;
      return selector && Object.keys(selector).length > 0 && selects({ matchLabels: selector }, workload.podLabels);
    });
  }

  /** PodDisruptionBudgets that select the workload's pods. */
  public disruptionBudgetsFor(workload: KubernetesObject): readonly KubernetesObject[] {
    return this.inNamespace(workload.namespace, 'PodDisruptionBudget').filter((p) => selects(p.json.spec?.selector, workload.podLabels));
  }

  /** HorizontalPodAutoscalers that scale the workload. */
  public autoscalersFor(workload: KubernetesObject): readonly KubernetesObject[] {
    return this.inNamespace(workload.namespace, 'HorizontalPodAutoscaler').filter((h) => {
      const target = h.json.spec?.scaleTargetRef ?? {};
      return target.kind === workload.kind && target.name === workload.name;
    });
  }

  /** The ServiceAccount the workload's pods run as: the one its pod spec names, or `default`. */
  public serviceAccountFor(workload: KubernetesObject): KubernetesObject | undefined {
    const name = workload.podSpec?.serviceAccountName ?? 'default';
    return this.inNamespace(workload.namespace, 'ServiceAccount').find((account) => account.name === name);
  }

  /** NetworkPolicies that govern `direction` traffic of the workload's pods. */
  public networkPoliciesFor(workload: KubernetesObject, direction: PolicyDirection): readonly KubernetesObject[] {
    return this.inNamespace(workload.namespace, 'NetworkPolicy').filter((policy) => {
      const spec = policy.json.spec ?? {};
      const types: string[] = spec.policyTypes ?? (spec.egress ? ['Ingress', 'Egress'] : ['Ingress']);
      return types.includes(direction) && selects(spec.podSelector ?? {}, workload.podLabels);
    });
  }
}
