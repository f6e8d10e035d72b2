import { TerraformRule } from '../../rule';

export const nodeGroupNoSsh: TerraformRule = {
  id: 'PAVED-AWS-EKS-005',
  pack: 'aws',
  level: 'error',
  target: 'terraform',
  resourceTypes: ['aws_eks_node_group'],
  title: 'Node groups allow no SSH access.',
  rationale: 'Nodes are cattle: SSH access opens a port and invites changes nobody reviews. Use SSM Session Manager to debug.',
  fix: 'Use the EksCluster construct, or remove remote_access from the node group.',
  check: (group) => (group.config.remote_access ? 'remote_access (SSH) is configured' : undefined),
};
