import { WORKLOAD_KINDS } from './workload-kinds';
import { KubernetesRule } from '../../rule';

/** Capabilities the Pod Security "baseline" profile allows to be added. */
const BASELINE_CAPABILITIES = ['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT'];

export const podSecurityBaseline: KubernetesRule = {
  id: 'PAVED-K8S-POD-001',
  pack: 'kubernetes',
  level: 'error',
  target: 'kubernetes',
  kinds: WORKLOAD_KINDS,
  title: 'Pods meet the Pod Security "baseline" profile: no host namespaces, host paths, host ports, privileged containers or extra capabilities.',
  rationale: 'Each of these lets a container reach the node and from there every other workload on it.',
  fix: 'Use SecureWorkload; remove hostNetwork/hostPID/hostIPC, hostPath volumes, hostPort, privileged and added capabilities.',
  check: (workload) => {
    const spec = workload.podSpec ?? {};
    const problems: string[] = [];
    for (const field of ['hostNetwork', 'hostPID', 'hostIPC']) {
      if (spec[field] === true) {
        problems.push(`${field} is true`);
      }
    }
    for (const volume of spec.volumes ?? []) {
      if (volume.hostPath) {
        problems.push(`volume '${volume.name}' mounts the host path ${volume.hostPath.path}`);
      }
    }
    for (const container of workload.containers) {
      const context = container.securityContext ?? {};
      if (context.privileged === true) {
        problems.push(`container '${container.name}' is privileged`);
      }
      for (const port of container.ports ?? []) {
        if (port.hostPort) {
          problems.push(`container '${container.name}' uses hostPort ${port.hostPort}`);
        }
      }
      for (const capability of context.capabilities?.add ?? []) {
        if (!BASELINE_CAPABILITIES.includes(capability)) {
          problems.push(`container '${container.name}' adds capability ${capability}`);
        }
      }
    }
    return problems;
  },
};
