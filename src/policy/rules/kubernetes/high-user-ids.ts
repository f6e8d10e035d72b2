import { WORKLOAD_KINDS } from './workload-kinds';
import { KubernetesRule } from '../../rule';

/** Lowest user and group id a container may run as: below it, ids collide with the node's users. */
export const MIN_USER_ID = 10000;

export const highUserIds: KubernetesRule = {
  id: 'PAVED-K8S-POD-004',
  pack: 'kubernetes',
  level: 'error',
  target: 'kubernetes',
  kinds: WORKLOAD_KINDS,
  title: `Containers run as a user and group id of ${MIN_USER_ID} or more.`,
  rationale: 'Low ids are taken by system users on the node; a container escape would act as one of them.',
  fix: `Use SecureWorkload (runs as ${MIN_USER_ID}+), or set runAsUser and runAsGroup to ${MIN_USER_ID} or more.`,
  check: (workload) => {
    const pod = workload.podSpec?.securityContext ?? {};
    return workload.containers.flatMap((c) => {
      const context = c.securityContext ?? {};
      const user = context.runAsUser ?? pod.runAsUser;
      const group = context.runAsGroup ?? pod.runAsGroup;
      const problems: string[] = [];
      if (!(user >= MIN_USER_ID)) {
        problems.push(`container '${c.name}' runs as user ${JSON.stringify(user ?? 'of the image')}`);
      }
      if (!(group >= MIN_USER_ID)) {
        problems.push(`container '${c.name}' runs as group ${JSON.stringify(group ?? 'of the image')}`);
      }
      return problems;
    });
  },
};
