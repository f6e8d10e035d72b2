import { WORKLOAD_KINDS } from './workload-kinds';
import { KubernetesRule } from '../../rule';

export const noTokenAutomount: KubernetesRule = {
  id: 'PAVED-K8S-SA-001',
  pack: 'kubernetes',
  level: 'warning',
  target: 'kubernetes',
  kinds: WORKLOAD_KINDS,
  title: 'Pods do not mount a Kubernetes API token unless they need one.',
  rationale: 'A mounted token lets a compromised container call the Kubernetes API with the service account\'s rights.',
  fix: 'Leave automountServiceAccountToken off (the SecureWorkload default); turn it on only for workloads that call the API.',
  check: (workload) => {
    // The pod's setting wins; without one, its ServiceAccount's applies; Kubernetes mounts by default.
    const mounts = workload.podSpec?.automountServiceAccountToken ?? workload.cluster!.serviceAccountFor(workload)?.json.automountServiceAccountToken;
    return mounts === false ? undefined : 'the pod mounts a service account token';
  },
};
