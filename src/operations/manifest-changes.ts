import { parseAllDocuments } from 'yaml';
import { canonicalJson } from '../synth/canonical-json';

/** What a manifest change touches: the aspects a reviewer of a pull request looks for. */
export type ManifestAspect = 'image' | 'replicas' | 'probes' | 'resources' | 'network-policy' | 'rbac' | 'argocd-scoping';

/** The aspects that widen or narrow who may do what: a pull request lists them first. */
export const SENSITIVE_ASPECTS: readonly ManifestAspect[] = ['rbac', 'argocd-scoping', 'network-policy'];

/** One named change of a Kubernetes manifest file. */
export interface ManifestChange {
  /** What it touches. */
  readonly aspect: ManifestAspect;
  /** The object: `Deployment/checkout`. */
  readonly object: string;
  /** What changed, in a few words: `image 'checkout': 'repo:0.1.0' -> 'repo:0.2.0'`. */
  readonly detail: string;
}

const POD_TEMPLATE_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job'];
const RBAC_KINDS = ['Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding'];
const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'];
const APP_PROJECT_SCOPING = ['destinations', 'sourceRepos', 'roles', 'clusterResourceWhitelist', 'clusterResourceBlacklist',
  'namespaceResourceWhitelist', 'namespaceResourceBlacklist'];
const APPLICATION_SCOPING = ['project', 'destination'];

/**
 * The named changes between two versions of a YAML file of Kubernetes objects (either side
 * `undefined` when the file was added or removed): container images (and the `images` of a
 * kustomization or kustomize component), replicas, probes, resources, network policies, RBAC, and Argo CD scoping
 * (AppProject destinations, source repositories, roles and resource lists; Application project
 * and destination). Objects are matched by kind, namespace and name, and compared as parsed
 * objects, not as text. An object added or removed is named only when it is a network policy,
 * an RBAC object or an Argo CD AppProject or Application. Other changes are not named.
 */
export function manifestChanges(before: string | undefined, after: string | undefined): ManifestChange[] {
  const old = objectsByKey(before);
  const next = objectsByKey(after);
  const changes: ManifestChange[] = [];
  for (const key of [...new Set([...old.keys(), ...next.keys()])].sort()) {
    changes.push(...objectChanges(old.get(key), next.get(key)));
  }
  return changes;
}

function objectsByKey(text: string | undefined): Map<string, any> {
  const objects = new Map<string, any>();
  for (const document of text === undefined ? [] : parseAllDocuments(text)) {
    const object = 'toJS' in document ? document.toJS() : undefined;
    if (object && typeof object === 'object' && typeof object.kind === 'string') {
      objects.set(`${object.kind}/${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`, object);
    }
  }
  return objects;
}

function objectChanges(before: any, after: any): ManifestChange[] {
  const object = before ?? after;
  const name = object.metadata?.name === undefined ? object.kind : `${object.kind}/${object.metadata.name}`;
  const kind: string = object.kind;
  const whole = (aspect: ManifestAspect): ManifestChange[] => {
    if (before === undefined || after === undefined) {
      return [{ aspect, object: name, detail: before === undefined ? 'added' : 'removed' }];
    }
    return [];
  };
  const changed = (aspect: ManifestAspect, fields: readonly string[], of: (o: any) => any): ManifestChange[] => {
    if (before === undefined || after === undefined) {
      return [];
    }
    return fields.filter((field) => !same(of(before)?.[field], of(after)?.[field])).map((field) => ({ aspect, object: name, detail: `${field} changed` }));
  };

  if (kind === 'NetworkPolicy') {
    return [...whole('network-policy'), ...changed('network-policy', ['podSelector', 'policyTypes', 'ingress', 'egress'], (o) => o.spec)];
  }
  if (RBAC_KINDS.includes(kind)) {
    return [...whole('rbac'), ...changed('rbac', ['rules', 'roleRef', 'subjects', 'aggregationRule'], (o) => o)];
  }
  if (kind === 'AppProject') {
    return [...whole('argocd-scoping'), ...changed('argocd-scoping', APP_PROJECT_SCOPING, (o) => o.spec)];
  }
  if (kind === 'Application') {
    return [...whole('argocd-scoping'), ...changed('argocd-scoping', APPLICATION_SCOPING, (o) => o.spec)];
  }
  if (before === undefined || after === undefined) {
    // A new or removed workload is named by its file; only its scoping is called out.
    return [];
  }
  if (String(object.apiVersion).startsWith('kustomize.config.k8s.io/')) {
    return imageChanges(name, kustomizeImages(before), kustomizeImages(after), () => 'image');
  }
  if (kind === 'HorizontalPodAutoscaler') {
    return valueChanges('replicas', name, ['minReplicas', 'maxReplicas'], before?.spec, after?.spec);
  }
  const template = POD_TEMPLATE_KINDS.includes(kind) ? (o: any) => o?.spec?.template?.spec
    : kind === 'CronJob' ? (o: any) => o?.spec?.jobTemplate?.spec?.template?.spec
      : undefined;
  if (template === undefined) {
    return [];
  }
  return [
    ...valueChanges('replicas', name, ['replicas'], before?.spec, after?.spec),
    ...containerChanges(name, containersOf(template(before)), containersOf(template(after))),
  ];
}

function containersOf(podSpec: any): Map<string, any> {
  return new Map([...podSpec?.initContainers ?? [], ...podSpec?.containers ?? []].map((c: any) => [c.name, c]));
}

function containerChanges(name: string, before: Map<string, any>, after: Map<string, any>): ManifestChange[] {
  const images = (containers: Map<string, any>) => new Map([...containers].map(([n, c]) => [n, c.image]));
  const changes = imageChanges(name, images(before), images(after), (container) => `container '${container}' image`);
  for (const container of [...after.keys()].filter((c) => before.has(c)).sort()) {
    const old = before.get(container);
    const next = after.get(container);
    const probes = PROBES.filter((probe) => !same(old[probe], next[probe]));
    if (probes.length > 0) {
      changes.push({ aspect: 'probes', object: name, detail: `container '${container}': ${probes.join(', ')} changed` });
    }
    if (!same(old.resources, next.resources)) {
      changes.push({ aspect: 'resources', object: name, detail: `container '${container}': ${describeResources(old.resources)} -> ${describeResources(next.resources)}` });
    }
  }
  return changes;
}

function kustomizeImages(kustomization: any): Map<string, string> {
  return new Map((kustomization?.images ?? []).map((i: any) => [i.name, `${i.newName ?? i.name}${i.digest ? `@${i.digest}` : `:${i.newTag ?? 'latest'}`}`]));
}

/** Images by container (or image) name: one change per name whose image differs, labelled by `label`. */
function imageChanges(name: string, before: Map<string, string>, after: Map<string, string>, label: (key: string) => string): ManifestChange[] {
  return [...new Set([...before.keys(), ...after.keys()])].sort()
    .filter((key) => before.get(key) !== after.get(key))
    .map((key) => ({ aspect: 'image', object: name, detail: `${label(key)} ${imageChange(before.get(key), after.get(key))}` }));
}

/** `repo: 0.1.0 -> 0.2.0` when only the tag or digest changed; both images in full otherwise. */
function imageChange(before: string | undefined, after: string | undefined): string {
  const [oldRepository, oldVersion] = splitImage(before);
  const [newRepository, newVersion] = splitImage(after);
  return before !== undefined && after !== undefined && oldRepository === newRepository
    ? `${oldRepository} ${oldVersion} -> ${newVersion}`
    : `${shown(before)} -> ${shown(after)}`;
}

function splitImage(image: string | undefined): [string, string] {
  const at = image?.search(/[@:][^/]*$/) ?? -1;
  return image === undefined || at < 0 ? [image ?? '', 'latest'] : [image.slice(0, at), image.slice(at + 1)];
}

function valueChanges(aspect: ManifestAspect, name: string, fields: readonly string[], before: any, after: any): ManifestChange[] {
  return fields
    .filter((field) => !same(before?.[field], after?.[field]))
    .map((field) => ({ aspect, object: name, detail: `${field} ${shown(before[field])} -> ${shown(after[field])}` }));
}

function describeResources(resources: any): string {
  const part = (what: string) => Object.entries(resources?.[what] ?? {}).sort().map(([k, v]) => `${k}=${String(v)}`).join(',');
  return `requests ${part('requests') || 'none'}, limits ${part('limits') || 'none'}`;
}

function shown(value: unknown): string {
  return value === undefined ? 'none' : typeof value === 'string' ? `'${value}'` : JSON.stringify(value);
}

function same(a: unknown, b: unknown): boolean {
  return canonicalJson(a ?? null) === canonicalJson(b ?? null);
}
