import { KubernetesRule } from '../../rule';

export const ingressTls: KubernetesRule = {
  id: 'PAVED-K8S-ING-001',
  pack: 'kubernetes',
  level: 'error',
  target: 'kubernetes',
  kinds: ['Ingress'],
  title: 'Every host of an Ingress is covered by its tls section; an ALB Ingress (class alb) listens on HTTPS and its HTTP listener only redirects.',
  rationale: 'A host without TLS serves its traffic, session cookies and tokens included, in clear text. The AWS Load Balancer Controller reads tls only to find '
    + 'certificates: its listeners come from the listen-ports annotation, which defaults to plain HTTP on port 80.',
  fix: 'Give every rule a host and list each host under spec.tls (the AWS Load Balancer Controller finds the ACM certificate by host; other controllers read '
    + 'secretName); on an alb Ingress set alb.ingress.kubernetes.io/listen-ports with HTTPS and, with HTTP, ssl-redirect, as IngressRouting.awsLoadBalancer() does.',
  check: (ingress) => {
    const spec = ingress.json.spec ?? {};
    const listeners = spec.ingressClassName === 'alb' ? albListenerProblems(ingress.json.metadata?.annotations ?? {}) : [];
    const covered: string[] = (spec.tls ?? []).flatMap((t: any) => t?.hosts ?? []);
    const rules: any[] = spec.rules ?? [];
    if (rules.length === 0) {
      return [...spec.defaultBackend ? ['the Ingress serves a default backend for every host, which tls cannot cover'] : [], ...listeners];
    }
    return [...listeners, ...rules.flatMap((rule, index) => {
      const host = rule?.host;
      if (typeof host !== 'string' || host === '') {
        return [`rule ${index + 1} has no host, so it serves every host and tls cannot cover it`];
      }
      return covered.some((c) => coversHost(c, host)) ? [] : [`host ${JSON.stringify(host)} is not covered by tls (covered: ${covered.length > 0 ? covered.map((c) => JSON.stringify(c)).join(', ') : 'none'})`];
    })];
  },
};

/** The annotations of the AWS Load Balancer Controller that set an ALB's listeners. */
const LISTEN_PORTS = 'alb.ingress.kubernetes.io/listen-ports';
const SSL_REDIRECT = 'alb.ingress.kubernetes.io/ssl-redirect';

/**
 * What serves clear text on an ALB Ingress: no HTTPS listener (listen-ports missing, which means
 * HTTP 80, or without HTTPS), or an HTTP listener without ssl-redirect. A value that does not
 * parse fails closed.
 */
function albListenerProblems(annotations: Record<string, unknown>): string[] {
  const value = annotations[LISTEN_PORTS];
  if (value === undefined) {
    return [`${LISTEN_PORTS} is not set, so the ALB listens on plain HTTP port 80 only`];
  }
  let listeners: unknown;
  try {
    listeners = JSON.parse(String(value));
  } catch {
    listeners = undefined;
  }
  if (!Array.isArray(listeners) || !listeners.every((l) => typeof l === 'object' && l !== null)) {
    return [`${LISTEN_PORTS} is not a JSON list of listeners such as [{"HTTPS":443}] (got ${JSON.stringify(value)})`];
  }
  const protocols = listeners.flatMap((l) => Object.keys(l));
  const problems: string[] = [];
  if (!protocols.includes('HTTPS')) {
    problems.push(`${LISTEN_PORTS} ${JSON.stringify(value)} has no HTTPS listener`);
  }
  if (protocols.includes('HTTP') && annotations[SSL_REDIRECT] === undefined) {
    problems.push(`${LISTEN_PORTS} ${JSON.stringify(value)} has an HTTP listener, and ${SSL_REDIRECT} does not redirect it to HTTPS`);
  }
  return problems;
}

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
