import { posix } from 'path';

/** The file that makes a directory a Helm chart. */
export const HELM_CHART_FILE = 'Chart.yaml';

/** A template of a local chart, by its path in the chart: a YAML file directly in `templates/`. */
const TEMPLATE = /^templates\/[^/]+\.ya?ml$/;

/**
 * The local Helm charts among the files added to stack directories: each directory directly in a
 * stack's directory that holds a `Chart.yaml`, the one place a stack's `helm_release` installs a
 * chart of paved's own from (`${path.module}/<chart>`).
 */
export function localHelmCharts(paths: readonly string[], stackDirectories: ReadonlySet<string>): ReadonlySet<string> {
  return new Set(paths
    .filter((path) => posix.basename(path) === HELM_CHART_FILE && stackDirectories.has(posix.dirname(posix.dirname(path))))
    .map((path) => posix.dirname(path)));
}

/**
 * Files of a chart Helm does not apply: documents outside `templates/`, and the notes it prints.
 * (Helm applies every other file in `templates/`, whatever its extension.)
 */
const INERT = /^([^/]+\.(md|txt)|LICENSE|templates\/NOTES\.txt)$/;

/** What a file of a local Helm chart is to the guardrails. */
export type LocalChartFile =
  /** `Chart.yaml`, whose `dependencies` would pull charts paved never sees. */
  | { readonly role: 'chart' }
  /** A file Helm does not apply (a README, the notes it prints). */
  | { readonly role: 'inert' }
  /** `templates/<name>.yaml`: Kubernetes objects, as Helm applies them when they hold no template directive. */
  | { readonly role: 'template' }
  /** Anything else (values, helpers, sub-charts, CRDs): why paved cannot check it. */
  | { readonly role: 'uncheckable'; readonly message: string };

/** What the file at `path` of the local chart in `chart` (a directory from `localHelmCharts`) is. */
export function localChartFile(chart: string, path: string, content: string): LocalChartFile {
  const inChart = path.slice(chart.length + 1);
  if (inChart === HELM_CHART_FILE) {
    return { role: 'chart' };
  }
  if (INERT.test(inChart)) {
    return { role: 'inert' };
  }
  if (!TEMPLATE.test(inChart)) {
    return {
      role: 'uncheckable',
      message: `a local Helm chart is checked only as a ${HELM_CHART_FILE} and plain templates/<name>.yaml files (Helm would apply what ${inChart} makes without paved seeing it); put the objects in templates/`,
    };
  }
  if (content.includes('{{')) {
    return { role: 'uncheckable', message: 'the template holds Helm template directives ({{ ... }}), which Helm renders and paved cannot; write the objects out in full' };
  }
  return { role: 'template' };
}

/** Why the parsed `Chart.yaml` of a local chart cannot be checked; none when it can. */
export function chartDefinitionProblem(definition: any): string | undefined {
  if (typeof definition !== 'object' || definition === null || definition.apiVersion !== 'v2' || typeof definition.name !== 'string' || typeof definition.version !== 'string') {
    return `${HELM_CHART_FILE} must be a Helm v2 chart definition with apiVersion 'v2', a name and a version`;
  }
  if (definition.dependencies !== undefined) {
    return `${HELM_CHART_FILE} has dependencies, charts Helm would fetch and apply without paved seeing them; install them with helm_release resources of their own`;
  }
  return undefined;
}
