import { closureRule, describeObject, listOrNone } from './closure-rule';

export const priorityClasses = closureRule({
  id: 'PAVED-CLS-PRI-001',
  level: 'error',
  kinds: ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob'],
  title: 'Every pod template names a PriorityClass that Kubernetes, an add-on or the output creates in its cluster, or none.',
  rationale: 'The API server refuses a pod whose PriorityClass does not exist: the workload never gets a single pod.',
  fix: 'Declare the PriorityClass in the platform\'s chart, or remove priorityClassName.',
}, (workload, cluster) => {
  const name = workload.podSpec?.priorityClassName;
  return name === undefined || cluster.priorityClasses.has(name) ? undefined
    : `${describeObject(workload)} uses PriorityClass '${name}', which nothing in cluster '${cluster.objects.cluster}' creates (PriorityClasses there: ${listOrNone(cluster.priorityClasses)}); declare it or remove priorityClassName`;
});
