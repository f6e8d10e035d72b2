import { Finding } from './finding';
import { RenderedPlatform } from '../platform/rendered-platform';
import { TAG_KEYS } from '../platform/tagging';
import { sortedBy } from '../util/sorted-by';

/** Annotation on Kubernetes objects that lists the deviations that let them through. */
export const DEVIATIONS_ANNOTATION = 'paved.dev/deviations';

/**
 * Writes the deviations that justified findings into the output, for audit: an annotation on each
 * Kubernetes object (`PAVED-K8S-POD-003 until 2027-01-31`), and a default tag on each stack
 * (`paved:deviations = PAVED-AWS-EKS-002`, on every taggable resource of the stack).
 *
 * @returns the paths of the files changed
 */
export function recordDeviations(rendered: RenderedPlatform, findings: readonly Finding[]): Set<string> {
  const byFile = new Map<string, Set<string>>();
  for (const finding of findings) {
    if (finding.justification) {
      const file = finding.location.split('#')[0];
      const entry = byFile.get(file) ?? new Set<string>();
      entry.add(`${finding.ruleId} until ${finding.justification.expires}`);
      byFile.set(file, entry);
    }
  }
  const listed = (file: string) => sortedBy(byFile.get(file) ?? [], (entry) => entry);
  const changed = new Set<string>();

  for (const { path, json } of rendered.stacks) {
    const ids = [...new Set(listed(path).map((entry) => entry.split(' ')[0]))];
    if (ids.length > 0) {
      json.provider.aws[0].default_tags[0].tags[TAG_KEYS.deviations] = ids.join(' ');
      changed.add(path);
    }
  }
  for (const directory of rendered.directories) {
    for (const { path, object } of directory.files) {
      const entries = listed(path);
      if (entries.length > 0) {
        object.metadata.annotations = { ...object.metadata.annotations, [DEVIATIONS_ANNOTATION]: entries.join(', ') };
        changed.add(path);
      }
    }
  }
  return changed;
}
