import { IpFamily, IpRange, blockSize, parseCidr, publicAddressCount } from './ip-ranges';
import { TerraformResource } from '../../artifacts/terraform-resource';
import { TerraformRule } from '../../rule';
import { UnreadableArtifactError } from '../../unreadable-artifact-error';
import { blocks, isExpression } from '../terraform-values';

/** The widest union of public addresses a sensitive port may admit: a /24 of IPv4, a /64 of IPv6. */
const NARROW: Readonly<Record<IpFamily, number>> = { IPv4: 24, IPv6: 64 };
/** The widest union of public addresses any port may admit: a /8 of IPv4, a /32 of IPv6. */
const WIDE: Readonly<Record<IpFamily, number>> = { IPv4: 8, IPv6: 32 };

/** TCP ports of remote administration, databases, caches and cluster internals. */
const SENSITIVE_PORTS: ReadonlyMap<number, string> = new Map([
  [22, 'SSH'], [23, 'Telnet'], [3389, 'RDP'], [5900, 'VNC'], [2375, 'Docker API'], [2376, 'Docker API'],
  [1433, 'SQL Server'], [1521, 'Oracle'], [3306, 'MySQL'], [5432, 'PostgreSQL'], [6379, 'Redis'], [11211, 'Memcached'],
  [27017, 'MongoDB'], [9200, 'OpenSearch'], [2379, 'etcd'], [2380, 'etcd'], [10250, 'kubelet'],
]);
/** TCP ports that are sensitive on a group of an EKS cluster: its API server. */
const CLUSTER_PORTS: ReadonlyMap<number, string> = new Map([[443, 'Kubernetes API'], [6443, 'Kubernetes API']]);

const RULE_TYPES = ['aws_security_group_rule', 'aws_vpc_security_group_ingress_rule'];
const PROTOCOLS: Readonly<Record<string, string>> = { '-1': 'all', 'all': 'all', '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6' };
/** ICMP has types, not ports, and path MTU discovery needs it from anywhere. */
const ICMP = ['icmp', 'icmpv6'];

/** One source admitted by a group: a CIDR to a protocol's port range. */
interface Admission {
  readonly protocol: string;
  readonly from: number;
  readonly to: number;
  readonly cidr: string;
  readonly range: IpRange;
  /** The resource that admits it. */
  readonly via: string;
}

export const noOpenIngress: TerraformRule = {
  id: 'PAVED-AWS-EC2-001',
  pack: 'aws',
  level: 'error',
  target: 'terraform',
  resourceTypes: ['aws_security_group', ...RULE_TYPES],
  title: 'Security groups admit at most a /24 of public IPv4 (a /64 of IPv6) to administrative, database and cluster API ports, and at most a /8 (a /32) to any port, counting every CIDR and prefix list in the stack that reaches the same group and port.',
  rationale: 'Open ingress exposes whatever listens behind the group; traffic from outside comes through load balancers the platform manages. '
    + 'Private and reserved ranges do not count; splitting 0.0.0.0/0 into halves, or into many rules, does not hide it. '
    + 'Out of scope: ICMP, prefix lists not defined in the stack (AWS-managed ones), rules for the same group written in other stacks (each stack is judged alone), '
    + 'egress, and network ACLs (which open nothing by themselves). A CIDR or port the rule cannot read fails closed.',
  fix: 'Admit a security group (the cluster, a load balancer) with referenced_security_group_id, or the few public addresses that need access.',
  check: (resource) => {
    const group = groupOf(resource);
    if (group.resource && group.resource !== resource) {
      return undefined; // the group reports what reaches it
    }
    const members = RULE_TYPES.flatMap((type) => resource.stack.resourcesOfType(type)).filter((r) => groupOf(r).id === group.id);
    if (!group.resource && members[0] !== resource) {
      return undefined; // the first rule of a group outside the stack reports for all of them
    }
    const admitted = [...(group.resource ? inlineAdmissions(group.resource) : []), ...members.flatMap(ruleAdmissions)];
    return findings(admitted, isClusterGroup(resource, group), resource.address);
  },
};

/** The group a resource belongs to: a security group of the stack, or the id a rule names. */
interface Group {
  readonly resource?: TerraformResource;
  readonly id: string;
}

function groupOf(resource: TerraformResource): Group {
  if (resource.type === 'aws_security_group') {
    return { resource, id: resource.address };
  }
  const id = String(resource.config.security_group_id);
  const target = resource.stack.resolve(id);
  return target?.type === 'aws_security_group' ? { resource: target, id: target.address } : { id };
}

/** Whether the group is one an EKS cluster of the stack, or of the environment, uses. */
function isClusterGroup(resource: TerraformResource, group: Group): boolean {
  if (group.id === resource.stack.environment.facts.cluster?.clusterSecurityGroupId) {
    return true;
  }
  if (/^\$\{aws_eks_cluster\.[^}]*cluster_security_group_id/.test(group.id)) {
    return true;
  }
  const isGroup = (id: unknown) => (group.resource ? resource.stack.resolve(String(id)) === group.resource : id === group.id);
  return resource.stack.resourcesOfType('aws_eks_cluster')
    .some((cluster) => blocks(cluster.config.vpc_config).some((config) => [config.security_group_ids ?? []].flat().some(isGroup)));
}

function inlineAdmissions(group: TerraformResource): Admission[] {
  if (typeof group.config.ingress === 'string' || group.config.dynamic?.ingress !== undefined) {
    throw new UnreadableArtifactError(`${group.address} computes its ingress blocks (${typeof group.config.ingress === 'string' ? group.config.ingress : 'a dynamic block'}), which the rule cannot read; write them out`);
  }
  return blocks(group.config.ingress).flatMap((rule, index) => admissions(group, `${group.address}.ingress[${index}]`, rule,
    [...cidrList(rule.cidr_blocks, group.address), ...cidrList(rule.ipv6_cidr_blocks, group.address)], prefixListIds(rule.prefix_list_ids)));
}

function ruleAdmissions(rule: TerraformResource): Admission[] {
  const c = rule.config;
  if (rule.type === 'aws_security_group_rule') {
    const cidrs = [...cidrList(c.cidr_blocks, rule.address), ...cidrList(c.ipv6_cidr_blocks, rule.address)];
    return c.type === 'ingress' ? admissions(rule, rule.address, c, cidrs, prefixListIds(c.prefix_list_ids)) : [];
  }
  const cidrs = [c.cidr_ipv4, c.cidr_ipv6].filter((v) => v !== undefined);
  return admissions(rule, rule.address, { ...c, protocol: c.ip_protocol }, cidrs, prefixListIds(c.prefix_list_id));
}

/** What one rule admits; `rule` has `protocol`, `from_port` and `to_port`. */
function admissions(resource: TerraformResource, via: string, rule: Record<string, any>, cidrValues: unknown[], prefixLists: unknown[]): Admission[] {
  if (isExpression(rule.protocol) || rule.protocol === undefined) {
    throw new UnreadableArtifactError(`${via} has the protocol ${JSON.stringify(rule.protocol)}, which the rule cannot read`);
  }
  const protocol = PROTOCOLS[String(rule.protocol).toLowerCase()] ?? String(rule.protocol).toLowerCase();
  const ported = protocol === 'tcp' || protocol === 'udp';
  const from = ported ? port(rule.from_port, via) : 0;
  const to = ported ? port(rule.to_port, via) : 65535;
  const cidrs = [...cidrValues.map((value) => literalCidr(resource, value, via)), ...prefixLists.flatMap((id) => prefixListCidrs(resource, id))];
  return cidrs.map((cidr) => {
    const range = parseCidr(cidr);
    if (!range) {
      throw new UnreadableArtifactError(`${via} admits ${JSON.stringify(cidr)}, which is not a CIDR block`);
    }
    return { protocol, from, to, cidr, range, via };
  });
}

function port(value: unknown, via: string): number {
  const number = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number)) {
    throw new UnreadableArtifactError(`${via} has the port ${JSON.stringify(value)}, which is not a number the rule can read`);
  }
  return Math.min(Math.max(number, 0), 65535);
}

/** A CIDR as written, or the `cidr_block` of a VPC or subnet of the stack that a reference names. */
function literalCidr(resource: TerraformResource, value: unknown, via: string): string {
  if (typeof value === 'string' && isExpression(value)) {
    const target = /\.(ipv6_)?cidr_block\}$/.test(value) ? resource.stack.resolve(value) : undefined;
    const cidr = target && (value.endsWith('.ipv6_cidr_block}') ? target.config.ipv6_cidr_block : target.config.cidr_block);
    if (typeof cidr === 'string' && !isExpression(cidr)) {
      return cidr;
    }
    throw new UnreadableArtifactError(`${via} admits ${value}, which the rule cannot read: write the CIDR literally or admit a security group`);
  }
  if (typeof value !== 'string') {
    throw new UnreadableArtifactError(`${via} admits ${JSON.stringify(value)}, which is not a CIDR block`);
  }
  return value;
}

/** The CIDRs of a managed prefix list of the stack; lists from elsewhere (AWS-managed ones) are not counted. */
function prefixListCidrs(resource: TerraformResource, id: unknown): string[] {
  const prefixList = typeof id === 'string' ? resource.stack.resolve(id) : undefined;
  if (prefixList?.type !== 'aws_ec2_managed_prefix_list') {
    return [];
  }
  const entries = resource.stack.resourcesOfType('aws_ec2_managed_prefix_list_entry')
    .filter((e) => resource.stack.resolve(String(e.config.prefix_list_id)) === prefixList);
  return [...blocks(prefixList.config.entry), ...entries.map((e) => e.config)].map((entry) => entry.cidr);
}

/** A list of CIDRs; a whole-list expression cannot be read, so the rule fails closed. */
function cidrList(value: unknown, via: string): unknown[] {
  if (value === undefined || value === null) {
    return [];
  }
  if (typeof value === 'string' && isExpression(value)) {
    throw new UnreadableArtifactError(`${via} admits the list ${value}, which the rule cannot read: write the CIDRs literally or admit a security group`);
  }
  return Array.isArray(value) ? value : [value];
}

/** Prefix list ids; a whole-list expression names no list of the stack. */
function prefixListIds(value: unknown): unknown[] {
  return Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
}

/** What the admissions open too widely, one message per protocol, port range and family. */
function findings(all: readonly Admission[], cluster: boolean, reporter: string): string[] {
  const sensitive = new Map([...SENSITIVE_PORTS, ...(cluster ? CLUSTER_PORTS : [])].sort(([a], [b]) => a - b));
  const messages = new Map<string, string[]>();
  const add = (ports: string, problem: string) => messages.set(problem, [...messages.get(problem) ?? [], ports]);
  const protocols = [...new Set(['tcp', 'udp', ...all.map((a) => a.protocol)])].filter((p) => p !== 'all' && !ICMP.includes(p));
  for (const protocol of protocols) {
    const applying = all.filter((a) => a.protocol === protocol || a.protocol === 'all');
    const bounds = [...new Set([0, ...applying.flatMap((a) => [a.from, a.to + 1])])].filter((p) => p <= 65535).sort((a, b) => a - b);
    for (const family of ['IPv4', 'IPv6'] as const) {
      let wide: { from: number; to: number; sources: Admission[] } | undefined;
      const flush = () => {
        if (wide) {
          const ports = protocol !== 'tcp' && protocol !== 'udp' ? `protocol ${protocol}` : wide.from === wide.to ? `${protocol} ${wide.from}` : `${protocol} ${wide.from}-${wide.to}`;
          add(ports, `more than a /${WIDE[family]} of public ${family} addresses (the internet): ${describe(wide.sources, reporter)}`);
          wide = undefined;
        }
      };
      bounds.forEach((start, i) => {
        const end = (bounds[i + 1] ?? 65536) - 1;
        const sources = applying.filter((a) => a.range.family === family && a.from <= start && start <= a.to);
        const isWide = publicAddressCount(sources.map((a) => a.range), family) > blockSize(family, WIDE[family]);
        if (isWide && wide && describe(wide.sources, reporter) === describe(sources, reporter)) {
          wide = { ...wide, to: end };
        } else {
          flush();
          wide = isWide ? { from: start, to: end, sources } : undefined;
        }
        if (!isWide && protocol === 'tcp') {
          for (const [p, name] of sensitive) {
            if (start <= p && p <= end) {
              const reaching = sources.filter((a) => a.from <= p && p <= a.to);
              if (publicAddressCount(reaching.map((a) => a.range), family) > blockSize(family, NARROW[family])) {
                add(`tcp ${p} (${name})`, `more than a /${NARROW[family]} of public ${family} addresses: ${describe(reaching, reporter)}`);
              }
            }
          }
        }
      });
      flush();
    }
  }
  return [...messages].map(([problem, ports]) => (ports.length === 1
    ? `${ports[0]} admits ${problem}`
    : `${ports.slice(0, -1).join(', ')} and ${ports[ports.length - 1]} admit ${problem}`));
}

/** The CIDRs, each once, and the other resources they come from. */
function describe(sources: readonly Admission[], reporter: string): string {
  const cidrs = [...new Set(sources.map((s) => s.cidr))];
  const others = [...new Set(sources.map((s) => s.via.replace(/\.ingress\[\d+\]$/, '')).filter((via) => via !== reporter))];
  return cidrs.join(', ') + (others.length > 0 ? ` (via ${others.join(', ')})` : '');
}
