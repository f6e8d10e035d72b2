import { WORKLOAD_KINDS } from './workload-kinds';
import { KubernetesRule } from '../../rule';

const SECCOMP_PROFILES = ['RuntimeDefault', 'Localhost'];

export const podSecurityRestricted: KubernetesRule = {
  id: 'PAVED-K8S-POD-002',
  pack: 'kubernetes',
  level: 'error',
  target: 'kubernetes',
  kinds: WORKLOAD_KINDS,
  title: 'Pods meet the Pod Security "restricted" profile: non-root, no privilege escalation, all capabilities dropped, seccomp RuntimeDefault.',
  rationale: 'Team namespaces enforce "restricted"; a pod that does not meet it is rejected at admission, after the deploy looked green in Git.',
  fix: 'Use SecureWorkload, which sets all of this; a container that needs more requires a deviation.',
  check: (workload) => {
    const pod = workload.podSpec?.securityContext ?? {};
    const problems: string[] = [];
    for (const container of workload.containers) {
      const context = container.securityContext ?? {};
      const name = `container '${container.name}'`;
      if ((context.runAsNonRoot ?? pod.runAsNonRoot) !== true) {
        problems.push(`${name} does not set runAsNonRoot: true`);
      }
      if ((context.runAsUser ?? pod.runAsUser) === 0) {
        problems.push(`${name} runs as user 0`);
      }
      if (context.allowPrivilegeEscalation !== false) {
        problems.push(`${name} does not set allowPrivilegeEscalation: false`);
      }
      if (!(context.capabilities?.drop ?? []).includes('ALL')) {
        problems.push(`${name} does not drop ALL capabilities`);
      }
      const added = (context.capabilities?.add ?? []).filter((c: string) => c !== 'NET_BIND_SERVICE');
      if (added.length > 0) {
        problems.push(`${name} adds capabilities ${added.join(', ')}`);
      }
      const seccomp = (context.seccompProfile ?? pod.seccompProfile)?.type;
      if (!SECCOMP_PROFILES.includes(seccomp)) {
        problems.push(`${name} has seccomp profile ${JSON.stringify(seccomp ?? 'unset')}, not RuntimeDefault`);
      }
    }
    return problems;
  },
};
