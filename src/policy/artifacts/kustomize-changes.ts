import { posix } from 'path';
import { AddedFileArtifacts, AddedKustomization, KUSTOMIZATION_FILE_NAMES, UncheckableChange, parseYaml } from './added-files';
import { JsonPatchOperation, applyJsonPatch } from './json-patch';
import { KubernetesObject } from './kubernetes-object';
import { strategicMerge } from './strategic-merge';

/** A directory of objects paved renders, with the kustomize components its `kustomization.yaml` includes. */
export interface KustomizedDirectory {
  /** The directory of the rendered objects, relative to the output directory. */
  readonly directory: string;
  /** The directories of the kustomize components its `kustomization.yaml` includes, in its order. */
  readonly components: readonly string[];
}

/** The objects after the added kustomizations changed them, and what paved could not apply. */
export interface KustomizeResult {
  /** Every object, those the kustomizations change replaced by the changed copy. */
  readonly objects: readonly KubernetesObject[];
  /** Files the kustomizations read as patches: they are not objects of their own. */
  readonly patchFiles: ReadonlySet<string>;
  /** Changes of the kustomizations paved cannot apply or follow, each with why: they fail `PAVED-PLT-FILE-001`. */
  readonly uncheckable: readonly UncheckableChange[];
}

/** Keys of a kustomization that paved applies (or, for `resources`, follows) before the rules run. */
const APPLIED_KEYS = ['apiVersion', 'kind', 'resources', 'components', 'images', 'patches', 'patchesStrategicMerge', 'patchesJson6902'];

/**
 * Applies the kustomize components added with `addFile` to the objects of the directories that
 * include them, as `kustomize build` would, so that the rules check what Argo CD deploys:
 * `images` (name, `newName`, `newTag`, `digest`), strategic-merge patches (`patchesStrategicMerge`,
 * `patches` without operations) and RFC 6902 operations (`patchesJson6902`, `patches` with a
 * list). Whatever else a kustomization does (name prefixes, labels, generators, replacements,
 * Helm charts, remote resources, a target by label selector...) is reported as uncheckable, as is
 * a component paved does not write and a kustomization that is not a component of a directory
 * paved writes but does more than list resources.
 *
 * Objects are copied before they change: the rendered output is not touched.
 */
export function applyKustomizations(
  objects: readonly KubernetesObject[],
  directories: readonly KustomizedDirectory[],
  added: AddedFileArtifacts,
  writtenPaths: ReadonlySet<string>,
): KustomizeResult {
  const result = [...objects];
  const uncheckable: UncheckableChange[] = [];
  const patchFiles = new Set<string>();
  const reached = new Set<string>();
  const problem = (k: AddedKustomization, message: string) =>
    uncheckable.push({ location: k.path, ownership: k.ownership, environment: k.environment, message });
  const directoriesWritten = new Set([...writtenPaths, ...added.files.keys()].flatMap(parentsOf));
  const exists = (path: string) => writtenPaths.has(path) || added.files.has(path) || directoriesWritten.has(path);

  const apply = (k: AddedKustomization, scope: readonly number[], trail: readonly string[]) => {
    reached.add(k.directory);
    const spec = k.spec;
    for (const key of Object.keys(spec).filter((name) => !APPLIED_KEYS.includes(name))) {
      problem(k, `the kustomization sets '${key}', which changes objects in a way paved cannot check; change the objects through their constructs (or escape hatches on them) instead`);
    }
    for (const resource of list(spec.resources)) {
      const target = resolve(k.directory, resource);
      if (target === undefined || !exists(target)) {
        problem(k, `the kustomization adds the resource ${JSON.stringify(resource)}, which is not a file paved writes, so its objects cannot be checked; add them with constructs or with addFile`);
      }
    }
    for (const component of list(spec.components)) {
      const target = resolve(k.directory, component);
      const nested = target === undefined ? undefined : added.kustomizations.get(target);
      if (!nested) {
        problem(k, `the kustomization includes the component ${JSON.stringify(component)}, which paved does not write, so what it changes cannot be checked`);
      } else if (trail.includes(nested.directory)) {
        problem(k, `the kustomization includes the component ${JSON.stringify(component)} in a cycle`);
      } else {
        apply(nested, scope, [...trail, nested.directory]);
      }
    }
    const patches: { readonly patch: unknown; readonly target?: Record<string, any>; readonly what: string }[] = [];
    for (const entry of list(spec.patchesStrategicMerge)) {
      const patch = patchContent(k, entry, 'patchesStrategicMerge');
      patch.forEach((p) => patches.push({ patch: p, what: 'a patchesStrategicMerge entry' }));
    }
    for (const entry of list(spec.patchesJson6902)) {
      patchContent(k, entry, 'patchesJson6902').forEach((p) => patches.push({ patch: p, target: entry?.target ?? {}, what: 'a patchesJson6902 entry' }));
    }
    for (const entry of list(spec.patches)) {
      if (entry?.options !== undefined) {
        problem(k, `a patches entry sets options ${JSON.stringify(entry.options)}, which paved does not apply`);
        continue;
      }
      patchContent(k, entry, 'patches').forEach((p) => patches.push({ patch: p, target: entry?.target, what: 'a patches entry' }));
    }
    for (const { patch, target, what } of patches) {
      const operations = Array.isArray(patch) ? patch as JsonPatchOperation[] : undefined;
      const own = patch as any;
      const selector = target ?? (operations ? undefined : { kind: own?.kind, name: own?.metadata?.name, namespace: own?.metadata?.namespace });
      if (!selector || selector.labelSelector !== undefined || selector.annotationSelector !== undefined || typeof selector.kind !== 'string') {
        problem(k, `${what} has no target by kind and name that paved can resolve (got ${JSON.stringify(selector ?? null)}), so what it changes cannot be checked`);
        continue;
      }
      const matches = scope.filter((i) => matchesTarget(result[i], selector));
      if (matches.length === 0) {
        problem(k, `${what} targets ${selector.kind} ${JSON.stringify(selector.name)}, which is not an object of the directories that include the kustomization`);
      }
      for (const i of matches) {
        const object = result[i];
        try {
          const changed = operations ? applyJsonPatch(object.json, operations) : strategicMerge(object.json, patch);
          result[i] = new KubernetesObject(changed, object.location, object.ownership, object.environment);
        } catch (error) {
          problem(k, `${what} cannot be applied to ${object.kind} '${object.name}' by paved: ${(error as Error).message}`);
        }
      }
    }
    for (const image of list(spec.images)) {
      const extra = Object.keys(image ?? {}).filter((key) => !['name', 'newName', 'newTag', 'digest'].includes(key));
      if (typeof image?.name !== 'string' || extra.length > 0) {
        problem(k, `an images entry ${JSON.stringify(image)} is not {name, newName, newTag, digest}, so paved cannot tell which images it sets`);
        continue;
      }
      for (const i of scope) {
        const object = result[i];
        if (object.isWorkload && object.containers.some((c) => imageName(c.image) === image.name)) {
          result[i] = new KubernetesObject(withImage(object, image), object.location, object.ownership, object.environment);
        }
      }
    }
  };

  function patchContent(k: AddedKustomization, entry: any, key: string): unknown[] {
    let text: unknown;
    if (typeof entry === 'string') {
      text = key === 'patchesStrategicMerge' && entry.includes('\n') ? entry : fileContent(entry);
    } else if (typeof entry?.patch === 'string') {
      text = entry.patch;
    } else if (typeof entry?.path === 'string') {
      text = fileContent(entry.path);
    }
    if (typeof text !== 'string') {
      problem(k, `a ${key} entry ${JSON.stringify(entry)} is not a patch file paved writes nor an inline patch, so what it changes cannot be checked`);
      return [];
    }
    const documents = parseYaml(text);
    if (typeof documents === 'string') {
      problem(k, `a ${key} patch is not YAML that paved can parse (${documents})`);
      return [];
    }
    return documents;

    function fileContent(relative: string): string | undefined {
      const path = resolve(k.directory, relative);
      const file = path === undefined ? undefined : added.files.get(path);
      if (file) {
        patchFiles.add(file.path);
      }
      return file?.content;
    }
  }

  const byDirectory = new Map<string, number[]>();
  result.forEach((o, i) => {
    const directory = posix.dirname(o.location);
    const indexes = byDirectory.get(directory) ?? [];
    indexes.push(i);
    byDirectory.set(directory, indexes);
  });
  for (const { directory, components } of directories.filter((d) => d.components.length > 0)) {
    const scope = byDirectory.get(directory) ?? [];
    for (const component of components) {
      const target = resolve(directory, component);
      const k = target === undefined ? undefined : added.kustomizations.get(target);
      if (!k) {
        const location = `${directory}/kustomization.yaml`;
        const owner = result[scope[0]];
        uncheckable.push({ location, ownership: owner?.ownership, environment: owner?.environment, message: `the kustomization includes the component ${JSON.stringify(component)}, where paved writes no kustomization, so what it changes cannot be checked; add it with addFile` });
      } else {
        apply(k, scope, [k.directory]);
      }
    }
  }
  for (const k of added.kustomizations.values()) {
    if (reached.has(k.directory)) {
      continue;
    }
    // Not part of a directory paved writes: whatever deploys it gets the objects it lists, which are checked; it may do nothing else.
    for (const key of Object.keys(k.spec).filter((name) => !['apiVersion', 'kind', 'resources'].includes(name))) {
      problem(k, `the kustomization is not a component of a directory paved writes and sets '${key}', which changes objects in a way paved cannot check`);
    }
    for (const resource of list(k.spec.resources)) {
      const target = resolve(k.directory, resource);
      if (target === undefined || !exists(target)) {
        problem(k, `the kustomization adds the resource ${JSON.stringify(resource)}, which is not a file paved writes, so its objects cannot be checked; add them with constructs or with addFile`);
      }
    }
  }
  return { objects: result, patchFiles, uncheckable };
}

/** `entry` relative to `directory`, normalized; undefined for URLs, absolute paths and paths out of the output. */
function resolve(directory: string, entry: unknown): string | undefined {
  if (typeof entry !== 'string' || entry === '' || posix.isAbsolute(entry) || /^[a-z][a-z0-9+.-]*:|^[\w.-]+\.[a-z]{2,}\/|\?ref=|^git@/i.test(entry)) {
    return undefined;
  }
  const path = posix.normalize(posix.join(directory, entry)).replace(/\/$/, '');
  if (path === '..' || path.startsWith('../')) {
    return undefined;
  }
  return KUSTOMIZATION_FILE_NAMES.includes(posix.basename(path)) ? posix.dirname(path) : path;
}

/** `a/b/c` → `a`, `a/b`. */
function parentsOf(path: string): string[] {
  const parents: string[] = [];
  for (let dir = posix.dirname(path); dir !== '.' && dir !== '/'; dir = posix.dirname(dir)) {
    parents.push(dir);
  }
  return parents;
}

function list(value: unknown): any[] {
  return Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
}

/** Whether `object` is what a kustomize patch target (kind, name, namespace: anchored regular expressions) selects. */
function matchesTarget(object: KubernetesObject, target: Record<string, any>): boolean {
  const is = (pattern: unknown, value: string) => pattern === undefined || pattern === null || safeRegExp(String(pattern)).test(value);
  const [group, version] = String(object.json.apiVersion ?? '').includes('/') ? String(object.json.apiVersion).split('/') : ['', object.json.apiVersion];
  return is(target.kind, object.kind) && is(target.name, object.name) && is(target.namespace, object.namespace)
    && is(target.group, group) && is(target.version, version);
}

function safeRegExp(pattern: string): RegExp {
  try {
    return new RegExp(`^(?:${pattern})$`);
  } catch {
    return { test: (value: string) => value === pattern } as RegExp;
  }
}

/** The name of an image reference, without its tag or digest. */
function imageName(image: unknown): string | undefined {
  if (typeof image !== 'string') {
    return undefined;
  }
  const withoutDigest = image.split('@')[0];
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  return colon > lastSlash ? withoutDigest.slice(0, colon) : withoutDigest;
}

/** A copy of the workload with the containers of `image.name` set as a kustomize `images` entry sets them. */
function withImage(object: KubernetesObject, image: { name: string; newName?: string; newTag?: string; digest?: string }): Record<string, any> {
  const json = JSON.parse(JSON.stringify(object.json));
  const copy = new KubernetesObject(json, object.location, object.ownership, object.environment);
  for (const container of copy.containers as Record<string, any>[]) {
    if (imageName(container.image) === image.name) {
      const old = String(container.image).slice(image.name.length);
      const tag = image.newTag !== undefined ? `:${image.newTag}` : '';
      const suffix = image.digest !== undefined ? `${tag}@${image.digest}` : image.newTag !== undefined ? tag : old;
      container.image = `${image.newName ?? image.name}${suffix}`;
    }
  }
  return json;
}
