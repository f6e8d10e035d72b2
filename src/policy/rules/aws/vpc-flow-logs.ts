import { TerraformRule } from '../../rule';

export const vpcFlowLogs: TerraformRule = {
  id: 'PAVED-AWS-VPC-001',
  pack: 'aws',
  level: 'error',
  target: 'terraform',
  resourceTypes: ['aws_vpc'],
  title: 'VPCs record flow logs.',
  rationale: 'Flow logs are the record of network traffic for incident response.',
  fix: 'Use the Network construct, or add an aws_flow_log for the VPC.',
  check: (vpc) => (vpc.related('aws_flow_log', 'vpc_id').length > 0 ? undefined : 'no flow log'),
};
