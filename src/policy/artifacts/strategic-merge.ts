import { clone } from './json-patch';
import { UnreadableArtifactError } from '../unreadable-artifact-error';

/**
 * The key kustomize merges the items of a list by, for the lists of the kinds paved writes whose
 * items Kubernetes merges (`patchMergeKey`); any other list is replaced as a whole.
 */
const MERGE_KEYS: Readonly<Record<string, (item: Record<string, any>) => string>> = {
  containers: () => 'name',
  initContainers: () => 'name',
  ephemeralContainers: () => 'name',
  volumes: () => 'name',
  env: () => 'name',
  imagePullSecrets: () => 'name',
  volumeMounts: () => 'mountPath',
  ports: (item) => ('containerPort' in item ? 'containerPort' : 'port'),
};

/**
 * Applies a strategic-merge patch to a copy of `base`, as kustomize does for the lists paved
 * writes: objects merge key by key, `null` deletes, the lists of `MERGE_KEYS` merge item by item,
 * other lists are replaced.
 * @throws UnreadableArtifactError on a directive (`$patch`, `$retainKeys`, `$setElementOrder/...`, `$deleteFromPrimitiveList/...`), which paved does not apply
 */
export function strategicMerge(base: unknown, patch: unknown): any {
  return merge(clone(base), patch, '');
}

function merge(base: any, patch: any, key: string): any {
  if (patch === null) {
    return undefined;
  }
  if (isRecord(patch)) {
    const directive = Object.keys(patch).find((k) => k.startsWith('$'));
    if (directive !== undefined) {
      throw new UnreadableArtifactError(`uses the directive ${directive} at ${key || 'the top'}`);
    }
    const result: Record<string, any> = isRecord(base) ? base : {};
    for (const [k, v] of Object.entries(patch)) {
      const merged = merge(result[k], v, k);
      if (merged === undefined) {
        delete result[k];
      } else {
        result[k] = merged;
      }
    }
    return result;
  }
  const mergeKey = MERGE_KEYS[key];
  if (Array.isArray(patch) && Array.isArray(base) && mergeKey) {
    const result = [...base];
    for (const item of patch) {
      if (!isRecord(item)) {
        throw new UnreadableArtifactError(`puts ${JSON.stringify(item)} into ${key}, a list of objects`);
      }
      const itemKey = mergeKey(item);
      const index = result.findIndex((b) => isRecord(b) && b[itemKey] === item[itemKey]);
      if (index < 0) {
        result.push(merge(undefined, item, ''));
      } else {
        result[index] = merge(result[index], item, '');
      }
    }
    return result;
  }
  return clone(patch);
}

function isRecord(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
