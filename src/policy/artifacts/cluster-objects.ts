import { KubernetesObject } from './kubernetes-object';
import { selects } from './label-selector';

/** Which traffic a network policy governs. */
export type PolicyDirection = 'Ingress' | 'Egress';

/**
 * The Kubernetes objects of one cluster (an environment and the ephemeral ones made from it), with the relations the guardrails
 * follow: which Services, PodDisruptionBudgets, autoscalers and network policies apply to a workload.
 */
export class ClusterObjects {
  constructor(public readonly cluster: string, public readonly objects: readonly KubernetesObject[]) {
    for (const object of objects) {
      object.cluster = this;
    }
  }

  public ofKind(kind: string): KubernetesObject[] {
    return this.objects.filter((o) => o.kind === kind);
  }

  /** Services whose selector matches the workload's pods. */
  public servicesFor(workload: KubernetesObject): KubernetesObject[] {
    return this.inNamespaceOf(workload, 'Service').filter((s) => {
      const selector = s.json.spec?.selector;
      return selector && Object.keys(selector).length > 0 && selects({ matchLabels: selector }, workload.podLabels);
    });
  }

  /** PodDisruptionBudgets that select the workload's pods. */
  public disruptionBudgetsFor(workload: KubernetesObject): KubernetesObject[] {
    return this.inNamespaceOf(workload, 'PodDisruptionBudget').filter((p) => selects(p.json.spec?.selector, workload.podLabels));
  }

  /** HorizontalPodAutoscalers that scale the workload. */
  public autoscalersFor(workload: KubernetesObject): KubernetesObject[] {
    return this.inNamespaceOf(workload, 'HorizontalPodAutoscaler').filter((h) => {
      const target = h.json.spec?.scaleTargetRef ?? {};
      return target.kind === workload.kind && target.name === workload.name;
    });
  }

  /** The ServiceAccount the workload's pods run as: the one its pod spec names, or `default`. */
  public serviceAccountFor(workload: KubernetesObject): KubernetesObject | undefined {
    const name = workload.podSpec?.serviceAccountName ?? 'default';
    return this.inNamespaceOf(workload, 'ServiceAccount').find((account) => account.name === name);
  }

  /** NetworkPolicies that govern `direction` traffic of the workload's pods. */
  public networkPoliciesFor(workload: KubernetesObject, direction: PolicyDirection): KubernetesObject[] {
    return this.inNamespaceOf(workload, 'NetworkPolicy').filter((policy) => {
      const spec = policy.json.spec ?? {};
      const types: string[] = spec.policyTypes ?? (spec.egress ? ['Ingress', 'Egress'] : ['Ingress']);
      return types.includes(direction) && selects(spec.podSelector ?? {}, workload.podLabels);
    });
  }

  private inNamespaceOf(workload: KubernetesObject, kind: string): KubernetesObject[] {
    return this.objects.filter((o) => o.kind === kind && o.namespace === workload.namespace);
  }
}
