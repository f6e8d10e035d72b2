import { KubernetesRule } from '../../rule';

export const namespacePodSecurity: KubernetesRule = {
  id: 'PAVED-K8S-NS-001',
  pack: 'kubernetes',
  level: 'error',
  target: 'kubernetes',
  kinds: ['Namespace'],
  title: 'Namespaces enforce the Pod Security "restricted" profile.',
  rationale: 'Admission then rejects any pod that does not meet it, whatever produced it.',
  fix: 'Create namespaces through team tenancy, which labels pod-security.kubernetes.io/enforce=restricted.',
  check: (namespace) => {
    const enforce = namespace.labels['pod-security.kubernetes.io/enforce'];
    return enforce === 'restricted' ? undefined : `pod-security.kubernetes.io/enforce is ${JSON.stringify(enforce ?? 'not set')}`;
  },
};
