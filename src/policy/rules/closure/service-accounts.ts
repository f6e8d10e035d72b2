import { closureRule, describeObject } from './closure-rule';

export const serviceAccounts = closureRule({
  id: 'PAVED-CLS-SA-001',
  level: 'error',
  kinds: ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob'],
  title: "Every pod template runs as a ServiceAccount that exists in its namespace: the output's, an add-on's, or `default`.",
  rationale: 'The API server refuses pods of a missing ServiceAccount: the workload never gets a single pod.',
  fix: 'Declare the ServiceAccount beside the workload (SecureWorkload does), or name one that exists.',
}, (workload, cluster) => {
  const name = workload.podSpec?.serviceAccountName ?? workload.podSpec?.serviceAccount;
  return name === undefined || cluster.serviceAccount(workload.namespace, name) ? undefined
    : `${describeObject(workload)} runs as ServiceAccount '${name}', which nothing creates in namespace '${workload.namespace}' of cluster '${cluster.objects.cluster}'; declare it beside the workload or name one that exists`;
});
