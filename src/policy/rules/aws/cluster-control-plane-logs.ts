import { TerraformRule } from '../../rule';

const LOG_TYPES = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'];

export const clusterControlPlaneLogs: TerraformRule = {
  id: 'PAVED-AWS-EKS-004',
  pack: 'aws',
  level: 'error',
  target: 'terraform',
  resourceTypes: ['aws_eks_cluster'],
  title: 'EKS clusters send all five control-plane log types to CloudWatch.',
  rationale: 'Audit and authenticator logs are the record of who did what in the cluster.',
  fix: `Use the EksCluster construct, or set enabled_cluster_log_types = ${JSON.stringify(LOG_TYPES)}.`,
  check: (cluster) => {
    const enabled: string[] = cluster.config.enabled_cluster_log_types ?? [];
    const missing = LOG_TYPES.filter((t) => !enabled.includes(t));
    return missing.length === 0 ? undefined : `log types not enabled: ${missing.join(', ')}`;
  },
};
