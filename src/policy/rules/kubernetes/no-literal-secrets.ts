import { looksSecret } from './secret-like';
import { WORKLOAD_KINDS } from './workload-kinds';
import { KubernetesRule } from '../../rule';

export const noLiteralSecrets: KubernetesRule = {
  id: 'PAVED-K8S-SEC-001',
  pack: 'kubernetes',
  level: 'error',
  target: 'kubernetes',
  kinds: [...WORKLOAD_KINDS, 'ConfigMap'],
  title: 'No secret value is written into environment variables or ConfigMaps.',
  rationale: 'Manifests live in Git and are readable by anyone with view access; secrets come from AWS Secrets Manager through External Secrets.',
  fix: 'Declare the secret on the service (it becomes an ExternalSecret) and reference it with secretKeyRef / envFrom.',
  check: (object) => {
    if (object.kind === 'ConfigMap') {
      return Object.entries<unknown>(object.json.data ?? {})
        .filter(([key, value]) => looksSecret(key, value))
        .map(([key]) => `ConfigMap key '${key}' holds what looks like a secret`);
    }
    return object.containers.flatMap((c) => (c.env ?? [])
      .filter((e: Record<string, any>) => looksSecret(e.name, e.value))
      .map((e: Record<string, any>) => `container '${c.name}' sets ${e.name} to a literal value`));
  },
};
