import { isAbsolute, join, relative, resolve, sep } from 'path';

/** The module specifiers a TypeScript file imports paved's entry points by. */
export interface PavedImports {
  /** The main entry point (`Platform`, `StateBackend`, ...). */
  readonly main: string;
  /** The golden paths (`NodeApi`, `declareServices`, ...). */
  readonly goldenPaths: string;
}

/** Options of `pavedImports`. */
export interface PavedImportsOptions {
  /**
   * A package name or path to import paved from (`paved new --import-from`): the file imports
   * `<importFrom>` and `<importFrom>/golden-paths`.
   * @default - chosen by where the file is written
   */
  readonly importFrom?: string;
  /**
   * The root of paved's own clone when paved runs from its TypeScript sources; a file written
   * inside it imports those sources by relative paths.
   * @default - this clone's root when this module is TypeScript (a clone), none when it is the compiled lib/
   */
  readonly pavedSources?: string;
}

/** The clone root when this module runs from src/ (TypeScript), else none: an installed paved has no sources. */
const OWN_SOURCES = __filename.endsWith('.ts') ? resolve(__dirname, '..', '..') : undefined;

/**
 * How a file written into `directory` imports paved, so that the import resolves in the project
 * it is written into: by package name (`paved`, `paved/golden-paths`) in a project that depends
 * on paved; inside paved's own clone, by relative paths to its `src/` and `golden-paths/` (there
 * the package name would resolve to the compiled lib/, which a clone does not have until
 * `npm pack`, and which is another copy than the one the CLI runs).
 */
export function pavedImports(directory: string, options: PavedImportsOptions = {}): PavedImports {
  if (options.importFrom !== undefined) {
    return { main: options.importFrom, goldenPaths: `${options.importFrom}/golden-paths` };
  }
  const sources = 'pavedSources' in options ? options.pavedSources : OWN_SOURCES;
  if (sources !== undefined) {
    const fromRoot = relative(sources, resolve(directory));
    if (!fromRoot.startsWith('..') && !isAbsolute(fromRoot)) {
      return { main: relativeSpecifier(directory, join(sources, 'src')), goldenPaths: relativeSpecifier(directory, join(sources, 'golden-paths')) };
    }
  }
  return { main: 'paved', goldenPaths: 'paved/golden-paths' };
}

function relativeSpecifier(from: string, to: string): string {
  const path = relative(resolve(from), to).split(sep).join('/');
  return path.startsWith('.') ? path : `./${path}`;
}
