import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'fs';
import { dirname, isAbsolute, join } from 'path';
import { pavedImports } from './paved-imports';
import type { GoldenPath } from '../../golden-paths/golden-path';
import type { GoldenPathRegistry } from '../../golden-paths/golden-path-registry';
import { GOLDEN_PATHS } from '../../golden-paths/registry';
import { serviceDeclaration } from '../../golden-paths/service-declaration';
import { CliError } from '../platform/cli-error';
import { checkName } from '../platform/names';
import { OutputDirectory } from '../synth/output-directory';

/** Options of `scaffoldService`. */
export interface ScaffoldServiceOptions {
  /** The golden path's id in `goldenPaths`: `node-api`. */
  readonly goldenPath: string;
  /**
   * The golden paths to choose from (the platform's: `PlatformBaseline.goldenPathsOf(platform)`).
   * @default GOLDEN_PATHS - paved's own golden paths
   */
  readonly goldenPaths?: GoldenPathRegistry;
  /** The service's name. */
  readonly name: string;
  /** The owning team. */
  readonly team: string;
  /** Where the platform repository keeps service declarations (`declareServices` loads them). */
  readonly directory: string;
  /**
   * Where to write a starter app for the service's own repository.
   * @default - no starter app
   */
  readonly skeleton?: string;
  /**
   * The package (or path) the declaration imports paved from: it imports `<importFrom>` and
   * `<importFrom>/golden-paths`.
   * @default - `paved` in a project that depends on paved; relative paths to the sources inside paved's own clone (see `pavedImports`)
   */
  readonly importFrom?: string;
}

/** What a scaffold wrote. */
export interface ScaffoldResult {
  /** Files written, in order. */
  readonly written: readonly string[];
  /** Files that already had exactly this content. */
  readonly unchanged: readonly string[];
}

/**
 * Writes a service declaration (`<directory>/<name>.ts`) and, when asked, a starter app. Running
 * it again writes nothing. A file that exists with other content is never overwritten: the
 * scaffold fails before writing anything.
 * @throws CliError on an unknown golden path, an invalid name, or a file that differs
 * @throws OutputRefusedError when `skeleton` is the current directory, one of its ancestors, the
 * home directory, the root, a file or a git repository
 */
export function scaffoldService(options: ScaffoldServiceOptions): ScaffoldResult {
  const goldenPaths = options.goldenPaths ?? GOLDEN_PATHS;
  const entry = goldenPaths.tryGet(options.goldenPath);
  if (!entry) {
    throw new CliError(`unknown golden path '${options.goldenPath}'; the golden paths are ${goldenPaths.describeIds()}.`);
  }
  const nameProblem = checkName('<name>', options.name, 40);
  if (nameProblem) {
    throw new CliError(nameProblem);
  }
  const files = new Map<string, string>([[join(options.directory, `${options.name}.ts`), declaration(options, entry)]]);
  if (options.skeleton !== undefined) {
    OutputDirectory.writable(options.skeleton, { option: '--skeleton', example: `../${options.name}` });
    const context = { name: options.name, team: options.team, title: entry.title };
    for (const [path, content] of Object.entries(entry.skeleton(context))) {
      if (isAbsolute(path) || path.split(/[\\/]/).includes('..')) {
        throw new CliError(`the skeleton of golden path '${entry.id}' names '${path}', outside the skeleton directory; nothing was written. Its files must have relative paths without '..'.`);
      }
      files.set(join(options.skeleton, path), content);
    }
  }
  const clashes = [...files].filter(([path, content]) => existsSync(path) && readFileSync(path, 'utf8') !== content).map(([path]) => path);
  if (clashes.length > 0) {
    throw new CliError(`${clashes.join(', ')} already exist${clashes.length === 1 ? 's' : ''} with other content; nothing was written. Remove or rename ${clashes.length === 1 ? 'it' : 'them'} to scaffold again.`);
  }
  const written: string[] = [];
  const unchanged: string[] = [];
  for (const [path, content] of files) {
    if (existsSync(path)) {
      unchanged.push(path);
      continue;
    }
    mkdirSync(dirname(path), { recursive: true });
    // A name of paved's own, created exclusively: never someone's file.
    const temporary = `${path}.paved-new-${process.pid}`;
    writeFileSync(temporary, content, { flag: 'wx' });
    renameSync(temporary, path);
    written.push(path);
  }
  return { written, unchanged };
}

function declaration(options: ScaffoldServiceOptions, goldenPath: GoldenPath): string {
  const imports = pavedImports(options.directory, { importFrom: options.importFrom });
  return serviceDeclaration(goldenPath, { name: options.name, team: options.team, ...imports, writtenBy: '`paved new`' });
}
