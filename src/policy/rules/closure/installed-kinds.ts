import { closureRule, describeObject } from './closure-rule';
import { apiGroupOf } from '../../artifacts/kubernetes-built-ins';

/** API groups of files that the GitOps tree holds but no cluster serves: kustomize's own files and Backstage entities. */
const NOT_CLUSTER_GROUPS = ['kustomize.config.k8s.io', 'backstage.io'];

export const installedKinds = closureRule({
  id: 'PAVED-CLS-CRD-001',
  level: 'error',
  kinds: 'all',
  title: 'Every object deployed to a cluster is of a built-in kind, or of a kind whose CRD an add-on installs or the output declares.',
  rationale: 'Argo CD cannot sync an object whose kind the API server does not serve: its Application stays OutOfSync and the objects that depend on it never come.',
  fix: "Turn on the add-on that installs the kind's CRD (external-secrets for ExternalSecret and ClusterSecretStore, kube-prometheus-stack for ServiceMonitor, PodMonitor and PrometheusRule, argo-cd for Application and AppProject), or declare the CRD in the platform's chart.",
}, (object, cluster) => {
  const group = apiGroupOf(object.json.apiVersion);
  if (NOT_CLUSTER_GROUPS.includes(group) || cluster.hasKind(object)) {
    return undefined;
  }
  return `${describeObject(object)} is of kind '${group}/${object.kind}' (${object.json.apiVersion}), whose CRD nothing in cluster '${cluster.objects.cluster}' installs (${cluster.describeAddOns()}); `
    + 'turn on the add-on that installs it, or declare its CustomResourceDefinition in the platform\'s chart';
});
