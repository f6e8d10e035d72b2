import { WORKLOAD_KINDS } from './workload-kinds';
import { selects } from '../../artifacts/label-selector';
import { KubernetesRule } from '../../rule';

const ANYWHERE = ['0.0.0.0/0', '::/0'];

export const noOpenNetworkPolicy: KubernetesRule = {
  id: 'PAVED-K8S-NET-003',
  pack: 'kubernetes',
  level: 'error',
  target: 'kubernetes',
  kinds: ['NetworkPolicy'],
  title: 'No network policy that selects a workload allows ingress from every source, or from an IP block on every port, or egress to every destination on every port.',
  rationale: "Network policies add up: one that allows everything undoes the namespace's default deny for the pods it selects, whatever the other policies say. "
    + "An IP block is as wide as its range: the VPC's block (whence an ALB reaches pods by IP) holds every node and, with the VPC CNI, every pod.",
  fix: 'Allow named peers (pods by label in a named namespace, the ingress controller, Prometheus) as WorkloadNetworkPolicy does, an IP block only on the ports it serves '
    + '(the ALB: the port its Ingress sends to); for the internet allow only port 443, except private ranges (AwsEndpoint.publicHttps).',
  check: (policy) => {
    const spec = policy.json.spec ?? {};
    const cluster = policy.cluster;
    const selected = WORKLOAD_KINDS.flatMap((kind) => cluster?.inNamespace(policy.namespace, kind) ?? [])
      .filter((o) => selects(spec.podSelector ?? {}, o.podLabels));
    if (selected.length === 0) {
      return undefined;
    }
    const types: string[] = spec.policyTypes ?? (spec.egress ? ['Ingress', 'Egress'] : ['Ingress']);
    const problems: string[] = [];
    const workloads = selected.map((w) => `${w.kind} '${w.name}'`).join(', ');
    if (types.includes('Ingress')) {
      (spec.ingress ?? []).forEach((rule: any, index: number) => {
        const open = openPeer(rule?.from, 'ingress');
        const block = (rule?.from ?? []).find((peer: any) => peer?.ipBlock)?.ipBlock;
        if (open) {
          problems.push(`ingress rule ${index + 1} allows ${open} into ${workloads}`);
        } else if (block && (rule?.ports ?? []).length === 0) {
          problems.push(`ingress rule ${index + 1} allows the IP block ${block.cidr} into ${workloads} on every port`);
        }
      });
    }
    if (types.includes('Egress')) {
      (spec.egress ?? []).forEach((rule: any, index: number) => {
        const open = openPeer(rule?.to, 'egress');
        if (open && (rule?.ports ?? []).length === 0) {
          problems.push(`egress rule ${index + 1} allows ${workloads} out to ${open} on every port`);
        }
      });
    }
    return problems;
  },
};

/**
 * How a list of peers allows every source (ingress) or destination (egress), or undefined: no
 * peers at all, an empty peer, every pod of every namespace, or an IP block of the whole internet
 * (on egress, only without exceptions).
 */
function openPeer(peers: readonly any[] | undefined, direction: 'ingress' | 'egress'): string | undefined {
  if (peers === undefined || peers === null || peers.length === 0) {
    return `every ${direction === 'ingress' ? 'source' : 'destination'} (the rule lists no peers)`;
  }
  for (const peer of peers) {
    const keys = Object.keys(peer ?? {}).filter((k) => peer[k] !== undefined && peer[k] !== null);
    if (keys.length === 0) {
      return 'every pod (an empty peer {})';
    }
    if (peer.namespaceSelector && isEmptySelector(peer.namespaceSelector) && (!peer.podSelector || isEmptySelector(peer.podSelector))) {
      return 'every pod of every namespace (namespaceSelector: {})';
    }
    const block = peer.ipBlock;
    if (block && ANYWHERE.includes(String(block.cidr)) && (direction === 'ingress' || (block.except ?? []).length === 0)) {
      return `every address (ipBlock ${block.cidr})`;
    }
  }
  return undefined;
}

function isEmptySelector(selector: any): boolean {
  return Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
}
