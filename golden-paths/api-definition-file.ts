import { readFileSync } from 'fs';
import { isAbsolute } from 'path';
import { parse } from 'yaml';
import type { ApiType } from '../constructs/backstage/backstage-api';

/**
 * A local copy of a service's API definition (its repository checked out beside the platform's,
 * a submodule, or a monorepo): synth writes its text into the catalog's API entity, so that
 * Backstage shows the real definition without reading anything over the network.
 */
export interface ApiDefinitionFile {
  /** The prop that named the file, for errors: `openApiFile`. */
  readonly prop: string;
  /** The file's absolute path. */
  readonly path: string;
}

/** The top-level field that marks a document of each structured definition format. */
const MARKER_FIELDS: Partial<Record<ApiType, readonly string[]>> = {
  openapi: ['openapi', 'swagger'],
  asyncapi: ['asyncapi'],
};

/**
 * The text of `file`, checked to be a definition of `type`.
 * @returns the definition, or the problem with the file in a sentence that says how to fix it
 */
export function readApiDefinitionFile(type: ApiType, file: ApiDefinitionFile): { readonly definition: string } | { readonly problem: string } {
  const given = `(got ${JSON.stringify(file.path)} (${typeof file.path}))`;
  if (typeof file.path !== 'string' || !isAbsolute(file.path)) {
    return { problem: `'${file.prop}' must be an absolute path ${given}; write join(__dirname, '<path>') so that synth does not depend on the working directory.` };
  }
  let text: string;
  try {
    text = readFileSync(file.path, 'utf8');
  } catch (error) {
    return { problem: `'${file.prop}' could not be read ${given}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}; check out the service's repository there, or leave '${file.prop}' out to link to the definition instead.` };
  }
  if (text.trim() === '') {
    return { problem: `'${file.prop}' is empty ${given}; it must hold the ${type} definition.` };
  }
  const markers = MARKER_FIELDS[type];
  if (markers && !hasMarker(text, markers)) {
    return { problem: `'${file.prop}' is not an ${type} document ${given}: it needs a top-level '${markers.join("' or '")}' field.` };
  }
  return { definition: text };
}

function hasMarker(text: string, markers: readonly string[]): boolean {
  try {
    const document: unknown = parse(text);
    return typeof document === 'object' && document !== null && markers.some((m) => (document as Record<string, unknown>)[m] !== undefined);
  } catch {
    return false;
  }
}
