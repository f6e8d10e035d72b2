import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'fs';
import { homedir } from 'os';
import { basename, dirname, join, parse, resolve, sep } from 'path';
import { OutputRefusedError } from './output-refused-error';

/** Name of the file that lists every output file with its SHA-256, and carries paved's marker. */
export const MANIFEST_FILE = 'manifest.json';

/**
 * The `format` field of `manifest.json`: the marker that says a directory is an output paved
 * wrote, and so one it may replace. A later layout that older readers must not take for this one
 * gets `paved-output/2`.
 */
export const OUTPUT_FORMAT = 'paved-output/1';

/**
 * The file a staging directory holds while it is written (before it has its `manifest.json`), so
 * that one a crash left behind is recognizable as paved's. It is removed before the swap.
 */
export const STAGING_MARKER = '.paved-staging';

/** What is at an output path that paved may replace. */
export type OutputDirectoryState = 'missing' | 'empty' | 'paved-output';

/** Options of `OutputDirectory.replaceable` and `OutputDirectory.writable`. */
export interface OutputDirectoryOptions {
  /**
   * How the user gave the path, for messages (`--out`, `--skeleton`).
   * @default '--out'
   */
  readonly option?: string;
  /**
   * An example of a good value, for the fix in messages.
   * @default 'dist'
   */
  readonly example?: string;
}

/** What `manifest.json` in a directory says about who wrote it. */
export type OutputMarker = 'paved' | 'older-paved' | 'other';

/**
 * The one place that decides whether paved may write or replace a directory: paved must never
 * destroy what it did not write.
 *
 * Every path is compared after resolving symbolic links (of its nearest existing ancestor when it
 * does not exist yet). Whatever its contents, paved refuses `''`, the filesystem root, the home
 * directory, the current directory and its ancestors, a path that is a file, and a directory
 * that holds `.git`. It replaces a directory only when it is missing, empty, or a previous output
 * (its `manifest.json` has `"format": "paved-output/1"`). An output of a paved from before the
 * marker (a `manifest.json` with `files` and no `format`) is refused too, with the fix: delete it
 * once by hand, or pick a new directory; the next output carries the marker.
 */
export class OutputDirectory {
  /**
   * The directory `path` when paved may replace it as a whole.
   * @throws OutputRefusedError otherwise; nothing was touched
   */
  public static replaceable(path: string, options: OutputDirectoryOptions = {}): OutputDirectory {
    const refuse = refuser(path, 'replace', 'paved replaces only a directory that is missing, empty or one of its own previous outputs', options);
    const real = checkWritable(path, refuse);
    if (!existsSync(real)) {
      return new OutputDirectory(real, 'missing');
    }
    const entries = readdirSync(real);
    if (entries.length === 0) {
      return new OutputDirectory(real, 'empty');
    }
    const marker = OutputDirectory.markerOf(real);
    if (marker === 'paved') {
      return new OutputDirectory(real, 'paved-output');
    }
    if (marker === 'older-paved') {
      return refuse(real, `it holds an output of an older paved (its ${MANIFEST_FILE} has no "format": "${OUTPUT_FORMAT}"), and paved no longer replaces a directory that does not carry its marker`,
        `Delete it yourself once (rm -rf '${real}') or pick a new directory; the next output carries the marker and is replaced from then on`);
    }
    const shown = entries.sort().slice(0, 3).map((e) => `'${e}'`).join(', ');
    return refuse(real, `it holds files paved did not write (${shown}${entries.length > 3 ? `, and ${entries.length - 3} more` : ''})`);
  }

  /**
   * `path` resolved, when paved may write files into it (never deleting any): it is not `''`, the
   * root, the home directory, the current directory or one of its ancestors, a file, or a git
   * repository.
   * @throws OutputRefusedError otherwise; nothing was touched
   */
  public static writable(path: string, options: OutputDirectoryOptions = {}): string {
    return checkWritable(path, refuser(path, 'write into', 'paved never writes into the current directory, its ancestors, the home directory, the root or a git repository', options));
  }

  /**
   * `file` resolved, when paved may write it: missing, or a file paved wrote (its content starts
   * with `header`).
   * @throws OutputRefusedError otherwise; nothing was touched
   */
  public static replaceableFile(file: string, header: string, options: OutputDirectoryOptions = {}): string {
    const refuseAny = refuser(file, 'overwrite', `paved overwrites only a file it wrote itself (one that starts with "${header.trim()}")`, options);
    const refuse: Refuse = (real, reason) => refuseAny(real, reason, `Move it aside or pick a new file, e.g. ${options.option ?? '--out'} ${options.example ?? 'dist'}`);
    if (file.trim() === '') {
      return refuse('', 'it is empty');
    }
    const real = realPath(file);
    if (!existsSync(real)) {
      return isSymbolicLink(real) ? refuse(real, 'it is a symbolic link to nothing') : real;
    }
    if (statSync(real).isDirectory()) {
      return refuse(real, 'it is a directory, not a file');
    }
    if (!readFileSync(real, 'utf8').startsWith(header)) {
      return refuse(real, 'it is a file paved did not write');
    }
    return real;
  }

  /** Who wrote the output in `dir`, as its `manifest.json` says; `other` when there is none. */
  public static markerOf(dir: string): OutputMarker {
    let manifest: unknown;
    try {
      manifest = JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8'));
    } catch {
      return 'other';
    }
    if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) {
      return 'other';
    }
    const { format, files } = manifest as { format?: unknown; files?: unknown };
    if (format === OUTPUT_FORMAT) {
      return 'paved';
    }
    return format === undefined && Array.isArray(files) ? 'older-paved' : 'other';
  }

  /**
   * Whether `dir` is a staging, retired or half-deleted directory of paved's that it may delete:
   * it carries the marker (`manifest.json` with the format, or the staging marker) or is empty.
   */
  public static isPavedLeftover(dir: string): boolean {
    try {
      if (lstatSync(dir).isSymbolicLink() || !statSync(dir).isDirectory()) {
        return false;
      }
      const entries = readdirSync(dir);
      return entries.length === 0 || entries.includes(STAGING_MARKER) || OutputDirectory.markerOf(dir) === 'paved';
    } catch {
      // Vanished meanwhile (a deletion still running): nothing to do.
      return false;
    }
  }

  private constructor(
    /** The directory, resolved (symbolic links followed). */
    public readonly path: string,
    /** What is there now. */
    public readonly state: OutputDirectoryState,
  ) {}
}

type Refuse = (real: string, reason: string, fix?: string) => never;

function refuser(given: string, verb: string, rule: string, { option = '--out', example = 'dist' }: OutputDirectoryOptions): Refuse {
  return (real, reason, fix) => {
    throw new OutputRefusedError(real, `refusing to ${verb} ${option} '${given}'${real && real !== given ? ` (${real})` : ''}: ${reason}. `
      + `${rule}; nothing was touched. `
      + `${fix ?? `Pick an empty or new directory, e.g. ${option} ${example}`}.`);
  };
}

/** The checks every writer shares; returns `path` resolved. */
function checkWritable(path: string, refuse: Refuse): string {
  if (path.trim() === '') {
    return refuse('', 'it is empty, which would mean the current directory');
  }
  const real = realPath(path);
  const cwd = realPath(process.cwd());
  const home = realPath(homedir());
  if (real === parse(real).root) {
    return refuse(real, 'it is the filesystem root');
  }
  if (real === home) {
    return refuse(real, 'it is your home directory');
  }
  if (real === cwd) {
    return refuse(real, 'it is the current directory');
  }
  if (cwd.startsWith(`${real}${sep}`)) {
    return refuse(real, `it is an ancestor of the current directory (${cwd})`);
  }
  if (!existsSync(real) && isSymbolicLink(real)) {
    return refuse(real, 'it is a symbolic link to nothing');
  }
  if (existsSync(real) && !statSync(real).isDirectory()) {
    return refuse(real, 'it is a file, not a directory');
  }
  if (existsSync(join(real, '.git'))) {
    return refuse(real, 'it holds a git repository (.git)');
  }
  return real;
}

/** `path` absolute with symbolic links resolved, also when it (or its parents) do not exist yet. */
function realPath(path: string): string {
  const absolute = resolve(path);
  let existing = absolute;
  const rest: string[] = [];
  while (!existsSync(existing) && dirname(existing) !== existing) {
    rest.unshift(basename(existing));
    existing = dirname(existing);
  }
  return join(realpathSync.native(existing), ...rest);
}

function isSymbolicLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
