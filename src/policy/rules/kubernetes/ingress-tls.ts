import { KubernetesRule } from '../../rule';

export const ingressTls: KubernetesRule = {
  id: 'PAVED-K8S-ING-001',
  pack: 'kubernetes',
  level: 'error',
  target: 'kubernetes',
  kinds: ['Ingress'],
  title: 'Every host of an Ingress is covered by its tls section.',
  rationale: 'A host without TLS serves its traffic, session cookies and tokens included, in clear text.',
  fix: "Give every rule a host and list each host under spec.tls with a certificate secret, as SecureWorkload's ingress does.",
  check: (ingress) => {
    const spec = ingress.json.spec ?? {};
    const covered: string[] = (spec.tls ?? []).flatMap((t: any) => t?.hosts ?? []);
    const rules: any[] = spec.rules ?? [];
    if (rules.length === 0) {
      return spec.defaultBackend ? 'the Ingress serves a default backend for every host, which tls cannot cover' : undefined;
    }
    return rules.flatMap((rule, index) => {
      const host = rule?.host;
      if (typeof host !== 'string' || host === '') {
        return [`rule ${index + 1} has no host, so it serves every host and tls cannot cover it`];
      }
      return covered.some((c) => coversHost(c, host)) ? [] : [`host ${JSON.stringify(host)} is not covered by tls (covered: ${covered.length > 0 ? covered.map((c) => JSON.stringify(c)).join(', ') : 'none'})`];
    });
  },
};

/** Whether a tls host (exact, or `*.` for one label) covers a rule's host. */
function coversHost(tlsHost: unknown, host: string): boolean {
  if (typeof tlsHost !== 'string') {
    return false;
  }
  const a = tlsHost.toLowerCase();
  const b = host.toLowerCase();
  if (a === b) {
    return true;
  }
  return a.startsWith('*.') && b.endsWith(a.slice(1)) && !b.slice(0, -a.length + 1).includes('.') && !b.startsWith('*');
}
