import { closureRule, describeObject } from './closure-rule';
import { INGRESS_CLASS_ANNOTATION } from './ingress-classes';
import { ClusterProvisions } from '../../artifacts/cluster-provisions';
import { KubernetesObject } from '../../artifacts/kubernetes-object';
import { isExpression } from '../terraform-values';

/** The annotations that ask cert-manager for an Ingress's certificates. */
const CLUSTER_ISSUER_ANNOTATION = 'cert-manager.io/cluster-issuer';
const ISSUER_ANNOTATION = 'cert-manager.io/issuer';

export const ingressCertificates = closureRule({
  id: 'PAVED-CLS-CERT-001',
  level: 'error',
  kinds: ['Ingress'],
  title: "Every Ingress host has a certificate source: an ACM certificate of the cluster's stacks that covers it when its class finds ACM certificates, else a TLS secret that a provided cert-manager issuer fills.",
  rationale: 'A host without a certificate is served with none (or the controller\'s fallback): clients refuse the connection.',
  fix: "Declare an aws_acm_certificate for the environment's domain (a wildcard and the apex) in the platform stack, or turn on cert-manager and annotate the Ingress with its ClusterIssuer.",
}, (ingress, cluster) => {
  const spec = ingress.json.spec ?? {};
  const hosts = [...new Set<string>([
    ...(spec.rules ?? []).map((r: any) => r?.host),
    ...(spec.tls ?? []).flatMap((t: any) => t?.hosts ?? []),
  ].filter((h) => typeof h === 'string'))].sort();
  const className = spec.ingressClassName ?? ingress.annotations[INGRESS_CLASS_ANNOTATION];
  if (cluster.acmIngressClasses.has(className)) {
    const domains = acmDomains(cluster);
    return hosts.filter((host) => !domains.some((domain) => covers(domain, host))).map((host) =>
      `${describeObject(ingress)} serves host '${host}' through class '${className}', which finds ACM certificates, but no aws_acm_certificate of the stacks of cluster '${cluster.objects.cluster}' covers it `
      + `(their domains: ${domains.length === 0 ? 'none' : domains.join(', ')}); declare one for the host, or a wildcard of its parent domain`);
  }
  const issuer = issuerProblem(ingress, cluster);
  const tlsHosts = new Set<string>((spec.tls ?? []).filter((t: any) => typeof t?.secretName === 'string').flatMap((t: any) => t.hosts ?? []));
  return hosts.flatMap((host) => {
    if (!tlsHosts.has(host)) {
      return [`${describeObject(ingress)} serves host '${host}' with no TLS secret and through class ${JSON.stringify(className ?? null)}, which finds no ACM certificate; list the host under tls with a secretName filled by cert-manager, or use a class whose controller finds ACM certificates ('alb')`];
    }
    return issuer === undefined ? [] : [`${describeObject(ingress)} serves host '${host}' from a TLS secret that ${issuer}`];
  });
});

/** The domains of the ACM certificates of the cluster's stacks: `domain_name` and `subject_alternative_names`, literal only. */
function acmDomains(cluster: ClusterProvisions): string[] {
  return [...new Set(cluster.stacks.flatMap((s) => s.resourcesOfType('aws_acm_certificate')).flatMap((certificate) =>
    [certificate.config.domain_name, ...(certificate.config.subject_alternative_names ?? [])]
      .filter((d): d is string => typeof d === 'string' && !isExpression(d))))].sort();
}

/** Whether a certificate for `domain` covers `host`: the same name, or a wildcard of exactly one more label. */
function covers(domain: string, host: string): boolean {
  const d = domain.toLowerCase();
  const h = host.toLowerCase();
  return d === h || (d.startsWith('*.') && h.endsWith(d.slice(1)) && !h.slice(0, h.length - d.length + 1).includes('.'));
}

/** Why nothing fills the Ingress's TLS secrets: no issuer annotation, or one that names an issuer the cluster lacks. */
function issuerProblem(ingress: KubernetesObject, cluster: ClusterProvisions): string | undefined {
  const clusterIssuer = ingress.annotations[CLUSTER_ISSUER_ANNOTATION];
  const issuer = ingress.annotations[ISSUER_ANNOTATION];
  if (clusterIssuer !== undefined) {
    return cluster.clusterIssuers.has(clusterIssuer) ? undefined
      : `the ClusterIssuer '${clusterIssuer}' fills, which nothing in cluster '${cluster.objects.cluster}' provides (${cluster.describeAddOns()}); turn on the cert-manager add-on with that issuer`;
  }
  if (issuer !== undefined) {
    return cluster.objects.inNamespace(ingress.namespace, 'Issuer').some((i) => i.name === issuer) ? undefined
      : `the Issuer '${issuer}' fills, which nothing declares in namespace '${ingress.namespace}'; declare it, or use a provided ClusterIssuer`;
  }
  return `nothing fills: the Ingress has no ${CLUSTER_ISSUER_ANNOTATION} annotation and its class finds no ACM certificate; turn on cert-manager and annotate it with a ClusterIssuer, or use a class whose controller finds ACM certificates ('alb')`;
}
