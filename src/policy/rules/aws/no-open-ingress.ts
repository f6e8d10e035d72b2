import { TerraformRule } from '../../rule';
import { blocks } from '../terraform-values';

const EVERYWHERE = ['0.0.0.0/0', '::/0'];

export const noOpenIngress: TerraformRule = {
  id: 'PAVED-AWS-EC2-001',
  pack: 'aws',
  level: 'error',
  target: 'terraform',
  resourceTypes: ['aws_security_group', 'aws_security_group_rule', 'aws_vpc_security_group_ingress_rule'],
  title: 'Security groups admit no traffic from the whole internet.',
  rationale: 'Open ingress exposes whatever listens behind the group; traffic from outside comes through load balancers the platform manages.',
  fix: 'Admit a security group (the cluster) or a specific CIDR instead of 0.0.0.0/0.',
  check: (group) => {
    const rules = group.type === 'aws_security_group' ? blocks(group.config.ingress)
      : group.type === 'aws_security_group_rule' ? (group.config.type === 'ingress' ? [group.config] : [])
        : [{ cidr_blocks: [group.config.cidr_ipv4], ipv6_cidr_blocks: [group.config.cidr_ipv6] }];
    return rules.flatMap((rule) => [...rule.cidr_blocks ?? [], ...rule.ipv6_cidr_blocks ?? []])
      .filter((cidr: string) => EVERYWHERE.includes(cidr))
      .map((cidr: string) => `ingress from ${cidr}`);
  },
};
