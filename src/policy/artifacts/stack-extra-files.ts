import { PavedValidationError } from '../../platform/paved-validation-error';
import type { Platform } from '../../platform/platform';

/** Terraform loads every `*.tf` and `*.tf.json` file of a stack's directory; these are merged over the others. */
const OVERRIDE_FILE = /(^|_)override\.tf\.json$/;

/**
 * The Terraform JSON of the stack written to `path`, as Terraform will read its directory: with
 * the `.tf.json` files that `platform.addFile` puts beside it, their resources and data sources
 * added, and those of `override.tf.json` / `*_override.tf.json` files merged over the existing
 * ones attribute by attribute, as Terraform merges override files. So the guardrails check an
 * extra file as they check the stack.
 *
 * @throws PavedValidationError for an extra `.tf` (HCL) file in a stack directory, which the
 * guardrails cannot read: write it as `.tf.json`, or it would bypass them
 */
export function withExtraFiles(platform: Platform, path: string, json: Record<string, any>): Record<string, any> {
  const directory = path.slice(0, path.lastIndexOf('/') + 1);
  const extra = platform.additionalFiles.filter((f) => f.path.startsWith(directory) && !f.path.slice(directory.length).includes('/'));
  const hcl = extra.filter((f) => f.path.endsWith('.tf'));
  if (hcl.length > 0) {
    throw new PavedValidationError(platform, `the guardrails cannot read the HCL file(s) ${hcl.map((f) => f.path).join(', ')} added to the stack directory ${directory}: `
      + 'Terraform would apply them unchecked. Add them as .tf.json files (JSON syntax), which are checked with the stack.');
  }
  const files = extra.filter((f) => f.path.endsWith('.tf.json'));
  if (files.length === 0) {
    return json;
  }
  const merged: Record<string, any> = { ...json, resource: copy(json.resource), data: copy(json.data) };
  // Terraform reads the ordinary files first, then the override files, each in name order.
  const ordered = [...files.filter((f) => !OVERRIDE_FILE.test(f.path)), ...files.filter((f) => OVERRIDE_FILE.test(f.path))];
  for (const file of ordered) {
    let content: Record<string, any>;
    try {
      content = JSON.parse(file.content);
    } catch (error) {
      throw new PavedValidationError(platform, `the file ${file.path} added to the stack directory ${directory} is not JSON: ${(error as Error).message}`);
    }
    for (const section of ['resource', 'data'] as const) {
      for (const [type, byName] of Object.entries<Record<string, any>>(content[section] ?? {})) {
        merged[section][type] ??= {};
        for (const [name, config] of Object.entries<Record<string, any>>(byName)) {
          merged[section][type][name] = OVERRIDE_FILE.test(file.path) ? { ...merged[section][type][name], ...config } : config;
        }
      }
    }
  }
  return merged;
}

/** A copy of a `resource` or `data` section, two levels deep, to add to. */
function copy(section: Record<string, Record<string, any>> | undefined): Record<string, Record<string, any>> {
  return Object.fromEntries(Object.entries(section ?? {}).map(([type, byName]) => [type, { ...byName }]));
}
