import { TerraformRule } from '../../rule';
import { blocks } from '../terraform-values';

export const clusterPrivateEndpoint: TerraformRule = {
  id: 'PAVED-AWS-EKS-002',
  pack: 'aws',
  level: 'error',
  target: 'terraform',
  resourceTypes: ['aws_eks_cluster'],
  title: 'The Kubernetes API endpoint is private.',
  rationale: 'A public API endpoint is exposed to credential stuffing and API vulnerabilities; GitOps needs no inbound access.',
  fix: 'Keep the EksCluster default (private endpoint). A public endpoint needs explicit CIDRs and a deviation with a reason.',
  check: (cluster) => {
    const vpc = blocks(cluster.config.vpc_config)[0] ?? {};
    if (vpc.endpoint_public_access === false) {
      return vpc.endpoint_private_access === true ? undefined : 'endpoint_private_access is not true';
    }
    const cidrs: string[] = vpc.public_access_cidrs ?? ['0.0.0.0/0'];
    return cidrs.includes('0.0.0.0/0')
      ? 'the API endpoint is public to the whole internet (0.0.0.0/0)'
      : `the API endpoint is public to ${cidrs.join(', ')}`;
  },
};
