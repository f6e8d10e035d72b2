import { KubernetesRule } from '../../rule';

export const noSecretData: KubernetesRule = {
  id: 'PAVED-K8S-SEC-002',
  pack: 'kubernetes',
  level: 'error',
  target: 'kubernetes',
  kinds: ['Secret'],
  title: 'No Secret with data is written to the GitOps repository.',
  rationale: 'Base64 is not encryption: a Secret in Git is a leaked secret.',
  fix: 'Use an ExternalSecret; External Secrets Operator creates the Secret in the cluster from AWS Secrets Manager.',
  check: (secret) => (Object.keys(secret.json.data ?? {}).length + Object.keys(secret.json.stringData ?? {}).length > 0
    ? `Secret '${secret.name}' carries data`
    : undefined),
};
