import { ApiObject, Chart, Yaml } from 'cdk8s';
import { IConstruct } from 'constructs';
import { OutputFile } from './output-file';
import { PavedValidationError } from '../platform/paved-validation-error';
import { sortedBy } from '../util/sorted-by';

/** A Kubernetes object (or Backstage entity) as plain JSON. */
export interface RenderedObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly [key: string]: unknown };
  readonly [key: string]: unknown;
}

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
    .map((o) => o.toJson() as RenderedObject);
  return sortedBy(objects, objectKey);
}

/**
 * One YAML file per object (`<kind>-<name>.yaml`) under `directory`, plus a `kustomization.yaml`
 * listing them when `kustomization` is set.
 */
export function renderObjectFiles(scope: IConstruct, directory: string, objects: readonly RenderedObject[], kustomization: boolean): OutputFile[] {
  const files = new Map<string, OutputFile>();
  for (const object of objects) {
    const fileName = objectFileName(object);
    const clash = files.get(fileName);
    if (clash) {
      throw new PavedValidationError(scope, `two objects would be written to ${directory}/${fileName}: ${describe(object)} and another ${object.kind} of that name. Give one of them another name.`);
    }
    files.set(fileName, { path: `${directory}/${fileName}`, content: Yaml.stringify(object) });
  }
  const names = sortedBy(files.keys(), (name) => name);
  const rendered = names.map((name) => files.get(name)!);
  if (kustomization && names.length > 0) {
    rendered.push({
      path: `${directory}/kustomization.yaml`,
      content: Yaml.stringify({
        apiVersion: 'kustomize.config.k8s.io/v1beta1',
        kind: 'Kustomization',
        resources: names,
      }),
    });
  }
  return rendered;
}

/** The name of the file an object is written to: `<kind>-<name>.yaml`. */
export function objectFileName(object: Pick<RenderedObject, 'kind' | 'metadata'>): string {
  return `${object.kind.toLowerCase()}-${object.metadata.name}.yaml`;
}

function objectKey(object: RenderedObject): string {
  return `${object.kind}\u0000${object.metadata.namespace ?? ''}\u0000${object.metadata.name}`;
}

function describe(object: RenderedObject): string {
  const namespace = object.metadata.namespace ? `${object.metadata.namespace}/` : '';
  return `${object.kind} ${namespace}${object.metadata.name}`;
}
