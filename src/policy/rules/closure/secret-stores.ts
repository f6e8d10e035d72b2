import { closureRule, describeObject } from './closure-rule';

export const secretStores = closureRule({
  id: 'PAVED-CLS-ESO-001',
  level: 'error',
  kinds: ['ExternalSecret'],
  title: 'Every ExternalSecret reads through a ClusterSecretStore, or a SecretStore of its own namespace, that the output declares in its cluster.',
  rationale: 'An ExternalSecret of a missing store never creates its Secret, and the pods that read the Secret never start.',
  fix: "Read through the platform's ClusterSecretStore 'aws-secrets-manager' (SecretsManagerStore, declared by PlatformBaseline), or declare the store.",
}, (externalSecret, cluster) => {
  const { kind = 'SecretStore', name } = externalSecret.json.spec?.secretStoreRef ?? {};
  if (cluster.secretStoreFor(externalSecret)) {
    return undefined;
  }
  const where = kind === 'ClusterSecretStore' ? `cluster '${cluster.objects.cluster}'` : `namespace '${externalSecret.namespace}' of cluster '${cluster.objects.cluster}'`;
  return `${describeObject(externalSecret)} reads through ${kind} '${name}', which nothing declares in ${where}; use the platform's ClusterSecretStore 'aws-secrets-manager' or declare the store`;
});
