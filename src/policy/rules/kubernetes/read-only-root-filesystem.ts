import { WORKLOAD_KINDS } from './workload-kinds';
import { KubernetesRule } from '../../rule';

export const readOnlyRootFilesystem: KubernetesRule = {
  id: 'PAVED-K8S-POD-003',
  pack: 'kubernetes',
  level: 'error',
  target: 'kubernetes',
  kinds: WORKLOAD_KINDS,
  title: 'Containers run with a read-only root filesystem.',
  rationale: 'An attacker who gets code execution cannot drop tools or change binaries; writable paths are explicit emptyDir volumes.',
  fix: 'Use SecureWorkload (read-only root with an emptyDir for /tmp); mount an emptyDir where the program must write.',
  check: (workload) => workload.containers
    .filter((c) => c.securityContext?.readOnlyRootFilesystem !== true)
    .map((c) => `container '${c.name}' has a writable root filesystem`),
};
