import { TerraformRule } from '../../rule';
import { blocks } from '../terraform-values';

export const vpcDefaultSecurityGroup: TerraformRule = {
  id: 'PAVED-AWS-VPC-002',
  pack: 'aws',
  level: 'error',
  target: 'terraform',
  resourceTypes: ['aws_vpc'],
  title: "A VPC's default security group is managed and has no rules.",
  rationale: 'The default group admits traffic between its members and out to anywhere; anything launched without a group lands in it.',
  fix: 'Use the Network construct, or add aws_default_security_group for the VPC with no ingress and no egress.',
  check: (vpc) => {
    const groups = vpc.related('aws_default_security_group', 'vpc_id');
    if (groups.length === 0) {
      return 'the default security group is not managed';
    }
    return groups.filter((g) => blocks(g.config.ingress).length + blocks(g.config.egress).length > 0)
      .map((g) => `${g.address} has rules`);
  },
};
