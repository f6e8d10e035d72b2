import { posix } from 'path';
import { MANIFEST_FILE } from './output-directory';
import { STACK_GRAPH_FILE } from './stack-graph';
import { PavedValidationError } from '../platform/paved-validation-error';
import type { Platform } from '../platform/platform';
import type { RenderedDirectory, RenderedStack } from '../platform/rendered-platform';

/** Where a synth writes the report's data. */
export const REPORT_JSON_FILE = 'report/report.json';

/** Where a synth writes the report's page. */
export const REPORT_PAGE_FILE = 'report/index.html';

/** Where a synth writes the light portal, one self-contained page. */
export const PORTAL_PAGE_FILE = 'portal/index.html';

/** Files a synth writes besides stacks and manifests: the stack graph, the report, the portal and `manifest.json`. */
export const PIPELINE_FILES: readonly string[] = [STACK_GRAPH_FILE, REPORT_JSON_FILE, REPORT_PAGE_FILE, PORTAL_PAGE_FILE, MANIFEST_FILE];

/**
 * Refuses files added with `platform.addFile` that take the path of a file the platform writes
 * (a stack, a manifest, a `kustomization.yaml`, a catalog entity, the report, `manifest.json`),
 * or of one of its directories. Paths are compared ignoring case, as a case-insensitive file
 * system would.
 *
 * @throws PavedValidationError naming both files
 */
export function checkAddedFilePaths(platform: Platform, stacks: readonly RenderedStack[], directories: readonly RenderedDirectory[]): void {
  const written = new Map<string, string>();
  const what = (path: string, description: string) => written.set(path.toLowerCase(), `${path} (${description})`);
  stacks.forEach(({ stack, path }) => what(path, `Terraform stack '${stack.node.id}'`));
  for (const directory of directories) {
    directory.files.forEach(({ path, object, chart }) => what(path, `${object.kind} '${object.metadata.name}' of chart '${chart.node.id}'`));
    if (directory.kustomization) {
      what(`${directory.directory}/kustomization.yaml`, `the kustomization of ${directory.directory}`);
    }
  }
  PIPELINE_FILES.forEach((path) => what(path, 'written by synth'));
  const writtenDirectories = new Set([...written.keys()].flatMap(parentsOf));
  const problems: string[] = [];
  for (const { path } of platform.additionalFiles) {
    const lower = path.toLowerCase();
    const clash = written.get(lower)
      ?? (writtenDirectories.has(lower) ? `the directory ${path} of files synth writes` : undefined)
      ?? parentsOf(lower).map((parent) => written.get(parent)).find((w) => w !== undefined);
    if (clash !== undefined) {
      problems.push(`the file added with addFile('${path}') would replace ${clash}, which the guardrails check; change that object through its construct (or an escape hatch on it), or give the added file another path.`);
    }
  }
  PavedValidationError.throwIfAny(platform, problems);
}

/** `a/b/c` → `a`, `a/b`. */
function parentsOf(path: string): string[] {
  const parents: string[] = [];
  for (let dir = posix.dirname(path); dir !== '.' && dir !== '/'; dir = posix.dirname(dir)) {
    parents.push(dir);
  }
  return parents;
}
