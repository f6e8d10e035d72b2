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
  check: (workload) => (workload.podSpec?.automountServiceAccountToken === false ? undefined : 'the pod mounts a service account token'),
};
