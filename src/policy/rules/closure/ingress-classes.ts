import { closureRule, describeObject, listOrNone } from './closure-rule';

/** The annotation Ingresses named their class with before `spec.ingressClassName`. */
export const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

export const ingressClasses = closureRule({
  id: 'PAVED-CLS-ING-001',
  level: 'error',
  kinds: ['Ingress'],
  title: 'Every Ingress names an IngressClass that an add-on or the output creates in its cluster.',
  rationale: 'An Ingress of a class no controller serves is accepted by the API server and then ignored: the service is silently unreachable.',
  fix: "Turn on the add-on that serves the class (aws-load-balancer-controller serves 'alb'), or set ingressClassName to a class the cluster has.",
}, (ingress, cluster) => {
  const name = ingress.json.spec?.ingressClassName ?? ingress.annotations[INGRESS_CLASS_ANNOTATION];
  if (name === undefined) {
    return `${describeObject(ingress)} names no IngressClass and EKS has no default one; set ingressClassName to one of ${listOrNone(cluster.ingressClasses)}`;
  }
  return cluster.ingressClasses.has(name) ? undefined
    : `${describeObject(ingress)} uses IngressClass '${name}', which nothing in cluster '${cluster.objects.cluster}' creates (IngressClasses there: ${listOrNone(cluster.ingressClasses)}); `
      + 'turn on the add-on that serves it (aws-load-balancer-controller for \'alb\'), or use a class the cluster has';
});
