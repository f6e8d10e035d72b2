import { WORKLOAD_KINDS } from './workload-kinds';
import { SecretMatch, findSecret } from '../../../util/secret-values';
import { KubernetesObject } from '../../artifacts/kubernetes-object';
import { KubernetesRule } from '../../rule';

export const noLiteralSecrets: KubernetesRule = {
  id: 'PAVED-K8S-SEC-001',
  pack: 'kubernetes',
  level: 'error',
  target: 'kubernetes',
  kinds: [...WORKLOAD_KINDS, 'ConfigMap'],
  title: "No secret is written into containers' env values, args or commands, ConfigMap data (line by line) or binaryData, or annotations, judged by the value (key formats, private keys, JWTs, passwords in text and URLs, high entropy) and by the name.",
  rationale: 'Manifests live in Git and are readable by anyone with view access; secrets come from AWS Secrets Manager through External Secrets.',
  fix: 'Declare the secret on the service (it becomes an ExternalSecret) and reference it with secretKeyRef / envFrom, or mount it as a file from the Secret.',
  check: (object) => [
    ...annotations(object),
    ...(object.kind === 'ConfigMap' ? configMapData(object) : object.containers.flatMap(containerSecrets)),
  ],
};

function describe(where: string, match: SecretMatch): string {
  return `${where}${match.line ? ` line ${match.line}` : ''} holds ${match.kind} (${match.masked})`;
}

function configMapData(object: KubernetesObject): string[] {
  return [
    ...Object.entries<unknown>(object.json.data ?? {}).flatMap(([key, value]) => found(`ConfigMap key '${key}'`, findSecret(key, value))),
    ...Object.entries<unknown>(object.json.binaryData ?? {}).flatMap(([key, value]) => found(`ConfigMap binaryData key '${key}'`, findSecret(key, value, { base64: true }))),
  ];
}

/** Env values by name and value; args and command items by value, and under the flag before them (`--password`, `hunter2`). */
function containerSecrets(container: Record<string, any>): string[] {
  const where = `container '${container.name}'`;
  const items = (field: 'args' | 'command') => ((container[field] ?? []) as unknown[]).flatMap((item, index, all) => {
    const previous = all[index - 1];
    const flag = typeof previous === 'string' && /^-{1,2}[A-Za-z]/.test(previous) && !previous.includes('=') ? previous : '';
    return found(`${where} ${field}[${index}]`, findSecret(flag, item));
  });
  return [
    ...((container.env ?? []) as Record<string, any>[]).flatMap((e) => found(`${where} env ${e.name}`, findSecret(e.name, e.value))),
    ...items('command'),
    ...items('args'),
  ];
}

/** Annotation values, of the object and of its pods, by value only: their keys are not chosen to name secrets. */
function annotations(object: KubernetesObject): string[] {
  const template = object.kind === 'CronJob' ? object.json.spec?.jobTemplate?.spec?.template : object.json.spec?.template;
  const judged = (what: string, values: Readonly<Record<string, unknown>>) =>
    Object.entries(values).flatMap(([key, value]) => found(`${what} '${key}'`, findSecret('', value)));
  return [...judged('annotation', object.annotations), ...judged('pod annotation', template?.metadata?.annotations ?? {})];
}

function found(where: string, match: SecretMatch | undefined): string[] {
  return match ? [describe(where, match)] : [];
}
