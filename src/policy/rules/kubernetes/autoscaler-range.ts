import { KubernetesRule } from '../../rule';

/** Most replicas an autoscaler may reach without a deviation. */
export const MAX_AUTOSCALED_REPLICAS = 50;

export const autoscalerRange: KubernetesRule = {
  id: 'PAVED-K8S-HPA-001',
  pack: 'kubernetes',
  level: 'error',
  target: 'kubernetes',
  kinds: ['HorizontalPodAutoscaler'],
  title: `Autoscalers keep at least the environment's minimum replicas, at most ${MAX_AUTOSCALED_REPLICAS}, and own the replica count.`,
  rationale: 'Fewer replicas than the environment minimum loses availability; a workload that also sets spec.replicas fights the autoscaler on every sync.',
  fix: 'Use SecureWorkload autoscaling (min from the environment), and do not set replicas on the workload.',
  check: (hpa) => {
    const min = Number(hpa.json.spec?.minReplicas ?? 1);
    const max = Number(hpa.json.spec?.maxReplicas);
    const environmentMin = hpa.environment?.minReplicas ?? 1;
    const problems: string[] = [];
    if (min < environmentMin) {
      problems.push(`minReplicas is ${min}, below ${environmentMin} for ${hpa.environment?.name}`);
    }
    if (!(max >= min) || max > MAX_AUTOSCALED_REPLICAS) {
      problems.push(`maxReplicas is ${JSON.stringify(hpa.json.spec?.maxReplicas)}, not between minReplicas (${min}) and ${MAX_AUTOSCALED_REPLICAS}`);
    }
    const target = hpa.json.spec?.scaleTargetRef ?? {};
    const workload = hpa.cluster!.inNamespace(hpa.namespace, target.kind).find((o) => o.name === target.name);
    if (!workload) {
      problems.push(`scale target ${target.kind}/${target.name} is not in the output`);
    } else if (workload.json.spec?.replicas !== undefined) {
      problems.push(`${target.kind}/${target.name} sets spec.replicas while the autoscaler owns the count`);
    }
    return problems;
  },
};
