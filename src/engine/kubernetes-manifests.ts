import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { PavedValidationError } from '../platform/paved-validation-error';
import { RenderedObject } from '../platform/rendered-platform';
import { sortedBy } from '../util/sorted-by';

/**
 * The objects of one chart, resolved, in a stable order (kind, namespace, name).
 *
 * This validates and resolves only the chart's own constructs. cdk8s `Chart.toJson()` resolves
 * and validates the whole app for every chart, which makes a synth of many charts quadratic.
 */
export function renderChartObjects(chart: Chart): RenderedObject[] {
  const constructs = chart.node.findAll();
  const errors = constructs.flatMap((c) => c.node.validate().map((error) => `[${c.node.path}] ${error}`));
  if (errors.length > 0) {
    throw new PavedValidationError(chart, `invalid Kubernetes objects:\n  ${errors.join('\n  ')}`);
  }
  const objects = constructs
    .filter((c): c is ApiObject => ApiObject.isApiObject(c) && Chart.of(c) === chart)
    .map(renderObject);
  return sortedBy(objects, (o) => `${o.kind}\u0000${o.metadata.namespace ?? ''}\u0000${o.metadata.name}`);
}

/**
 * cdk8s `ApiObject.toJson()`; an object whose JSON patches cannot be applied is a
 * PavedValidationError that says so (cdk8s reports `Failed serializing construct ...`).
 */
function renderObject(object: ApiObject): RenderedObject {
  try {
    return object.toJson() as RenderedObject;
  } catch (error) {
    // cdk8s keeps the patches private; reading how many there are changes nothing.
    const patches = (object as unknown as { readonly patches?: unknown }).patches;
    const failure = `Failed serializing construct at path '${object.node.path}' with name '${object.name}': `;
    const message = error instanceof Error ? error.message : '';
    if (!Array.isArray(patches) || patches.length === 0 || !message.startsWith(failure)) {
      throw error;
    }
    const cause = message.slice(failure.length).replace(/^[A-Za-z]*Error: /, '');
    throw new PavedValidationError(object, `its JSON patches cannot be applied to ${object.kind} '${object.name}' (${cause}); a patch's path must exist in the rendered object (JsonPatch.add creates a missing last field).`);
  }
}

/**
 * The file of each object in `directory` (`<kind>-<name>.yaml`).
 * @throws PavedValidationError when two objects would share a file
 */
export function objectFiles<T extends { readonly object: RenderedObject }>(
  scope: IConstruct,
  directory: string,
  entries: readonly T[],
): (T & { readonly path: string })[] {
  const byPath = new Map<string, T>();
  for (const entry of entries) {
    const path = `${directory}/${objectFileName(entry.object)}`;
    if (byPath.has(path)) {
      throw new PavedValidationError(scope, `two objects would be written to ${path}: two ${entry.object.kind}s named '${entry.object.metadata.name}'. Give one of them another name.`);
    }
    byPath.set(path, entry);
  }
  return sortedBy(byPath.entries(), ([path]) => path).map(([path, entry]) => ({ ...entry, path }));
}

/** The name of the file an object is written to: `<kind>-<name>.yaml`. */
export function objectFileName(object: Pick<RenderedObject, 'kind' | 'metadata'>): string {
  return `${object.kind.toLowerCase()}-${object.metadata.name}.yaml`;
}

/** A `kustomization.yaml` that lists `fileNames` as resources, and `components`. */
export function kustomizationOf(fileNames: readonly string[], components: readonly string[]): Record<string, unknown> {
  return {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: [...fileNames],
    ...(components.length > 0 ? { components: [...components] } : {}),
  };
}
