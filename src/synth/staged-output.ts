import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'fs';
import { basename, dirname, isAbsolute, join, normalize } from 'path';
import { MessageChannel, MessagePort, Worker, receiveMessageOnPort } from 'worker_threads';
import { deleteDetached } from './delete-detached';
import { OUTPUT_FORMAT, OutputDirectory, OutputDirectoryOptions, STAGING_MARKER } from './output-directory';
import { FileDigest, StagedFile, writeStagedFile } from './output-file';
import { OutputRefusedError } from './output-refused-error';
import { OutputWriteError } from './output-write-error';
import { YamlWriter } from '../engine/yaml-writer';
import { sortedBy } from '../util/sorted-by';

/** Options of a `StagedOutput`. */
export interface StagedOutputOptions extends OutputDirectoryOptions {
  /**
   * Whether files are serialized and written on a worker thread as they are put, while the
   * caller goes on rendering; otherwise all at once when their digests are asked for.
   * @default false
   */
  readonly background?: boolean;
}

/** What the background writer reports when it has written everything it was given. */
export type BackgroundWriterReport = { readonly digests: FileDigest[] } | { readonly failure: string };

/** Files a `put` hands to the background writer in one message. */
const BATCH_SIZE = 64;

/** How long `digests` waits for the background writer before it gives up. */
const BACKGROUND_WRITER_TIMEOUT_MS = 10 * 60 * 1000;

/** The directories paved keeps beside an output `dist`: `.dist.paved-<kind>-<random>`. */
const LEFTOVER = /^paved-(staging|retired|deleting)-[A-Za-z0-9]{6}$/;

/**
 * A new output directory being written: files go to a staging directory beside `outdir`, and
 * only `commit` puts it in the place of the previous output, which stays as it was until then
 * (and after `discard`). `outdir` must be one paved may replace (`OutputDirectory.replaceable`):
 * missing, empty or a previous output; anything else is refused before anything is touched.
 *
 * Swap first, delete after. Beside `dist` live only directories named `.dist.paved-<kind>-<random>`:
 * - `staging`: the new output being written (with the staging marker until its swap);
 * - `retired`: the previous output, renamed aside for the moment between the two renames of the
 *   swap (`dist` -> retired, staging -> `dist`), then renamed to
 * - `deleting`: handed to a detached process (`deleteDetached`) that deletes it after this one
 *   has returned, so that nobody waits for the deletion of thousands of old files.
 * A crash (kill -9, power) at any moment leaves `dist` complete, old or new, or missing with its
 * previous output in `retired`: the next run moves that back before anything else, and deletes
 * every other leftover that carries paved's marker (or is empty); one without it is left alone.
 * Two runs into the same `outdir` at once are not supported.
 */
export class StagedOutput {
  /** The output directory, resolved (symbolic links followed). */
  public readonly target: string;
  private readonly staging: string;
  /** paved's leftovers of earlier runs, deleted on commit. */
  private readonly leftovers: string[];
  private readonly yaml = YamlWriter.manifests();
  private readonly made = new Set<string>();
  /** Files put and not written yet, by path (without a background writer). */
  private readonly pending = new Map<string, StagedFile>();
  private readonly written = new Map<string, FileDigest>();
  private background?: BackgroundWriter;

  public constructor(outdir: string, options: StagedOutputOptions = {}) {
    this.target = OutputDirectory.replaceable(outdir, options).path;
    mkdirSync(dirname(this.target), { recursive: true });
    this.leftovers = this.recover();
    this.staging = mkdtempSync(this.sibling('staging'));
    writeFileSync(join(this.staging, STAGING_MARKER), `${OUTPUT_FORMAT} staging\n`);
    if (options.background) {
      this.background = new BackgroundWriter(this.staging);
    }
  }

  /** Adds `file`; a file put again at the same path replaces the earlier one. */
  public put(file: StagedFile): void {
    if (isAbsolute(file.path) || normalize(file.path).startsWith('..') || normalize(file.path) === STAGING_MARKER) {
      throw new OutputRefusedError(file.path, `Output file path '${file.path}' must stay inside the output directory.`);
    }
    if (this.background) {
      this.background.put(file);
    } else {
      this.pending.set(file.path, file);
    }
  }

  /**
   * Writes every file put so far and returns the digest of each, sorted by path. Files put
   * afterwards are written in-process, by the next `digests` or by `commit`.
   */
  public digests(): FileDigest[] {
    const background = this.background;
    this.background = undefined;
    background?.finish().forEach((digest) => this.written.set(digest.path, digest));
    for (const file of this.pending.values()) {
      this.written.set(file.path, writeStagedFile(this.staging, file, this.yaml, this.made));
    }
    this.pending.clear();
    return sortedBy(this.written.values(), (digest) => digest.path);
  }

  /**
   * The text of `path` in the previous output, the one `commit` replaces; undefined when there
   * is no previous output or it has no such file.
   */
  public previous(path: string): string | undefined {
    try {
      return readFileSync(join(this.target, path), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return undefined;
      }
      throw error;
    }
  }

  /**
   * Writes what is left and replaces the previous output with the staging directory: two
   * renames, then the previous output is deleted by a detached process, without waiting.
   */
  public commit(): void {
    this.digests();
    unlinkSync(join(this.staging, STAGING_MARKER));
    const suffix = this.staging.slice(-6);
    const retired = existsSync(this.target) ? this.sibling('retired', suffix) : undefined;
    if (retired) {
      renameSync(this.target, retired);
    }
    try {
      renameSync(this.staging, this.target);
    } catch (error) {
      if (retired) {
        renameSync(retired, this.target);
      }
      throw error;
    }
    const doomed = [...this.leftovers];
    if (retired) {
      const deleting = this.sibling('deleting', suffix);
      renameSync(retired, deleting);
      doomed.push(deleting);
    }
    deleteDetached(doomed);
  }

  /** Removes the staging directory; the previous output stays as it was. */
  public discard(): void {
    this.background?.stop();
    this.background = undefined;
    rmSync(this.staging, { recursive: true, force: true });
  }

  /** `.dist.paved-<kind>-<suffix>` beside the output `dist` (without suffix, a prefix for `mkdtemp`). */
  private sibling(kind: 'staging' | 'retired' | 'deleting', suffix = ''): string {
    return join(dirname(this.target), `.${basename(this.target)}.paved-${kind}-${suffix}`);
  }

  /**
   * Puts back the previous output that a crash between the two renames of a swap left retired
   * (the output is missing then), and returns the other leftovers of paved's earlier runs.
   */
  private recover(): string[] {
    const prefix = `.${basename(this.target)}.`;
    const parent = dirname(this.target);
    const leftovers = readdirSync(parent)
      .filter((name) => name.startsWith(prefix) && LEFTOVER.test(name.slice(prefix.length)))
      .sort()
      .map((name) => join(parent, name))
      .filter((dir) => OutputDirectory.isPavedLeftover(dir));
    const retired = leftovers.find((dir) => basename(dir).startsWith(`${prefix}paved-retired-`));
    if (retired && !existsSync(this.target)) {
      renameSync(retired, this.target);
      return leftovers.filter((dir) => dir !== retired);
    }
    return leftovers;
  }
}

/**
 * A worker thread (`output-writer-worker`) that serializes and writes files into the staging
 * directory as they are put. `finish` blocks until it has written all of them.
 */
class BackgroundWriter {
  private readonly worker: Worker;
  private readonly reports: MessagePort;
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  private batch: StagedFile[] = [];

  public constructor(staging: string) {
    const { port1, port2 } = new MessageChannel();
    this.reports = port1;
    const module = require.resolve('./output-writer-worker');
    // src/synth in a clone (TypeScript), lib/src/synth installed.
    const packageRoot = module.endsWith('.ts') ? join(__dirname, '..', '..') : join(__dirname, '..', '..', '..');
    this.worker = new Worker(WORKER_BOOTSTRAP, {
      eval: true,
      workerData: { staging, module, packageRoot, port: port2, signal: this.signal },
      transferList: [port2],
    });
    this.worker.unref();
  }

  public put(file: StagedFile): void {
    this.batch.push(file);
    if (this.batch.length >= BATCH_SIZE) {
      this.flush();
    }
  }

  /** Waits for every file to be written; their digests, in no order. */
  public finish(): FileDigest[] {
    this.flush();
    this.worker.postMessage('finish');
    const waited = Atomics.wait(this.signal, 0, 0, BACKGROUND_WRITER_TIMEOUT_MS);
    const report = receiveMessageOnPort(this.reports)?.message as BackgroundWriterReport | undefined;
    this.stop();
    if (waited === 'timed-out' || !report) {
      throw new OutputWriteError('The output writer thread stopped answering; nothing was written. Run the synth again.');
    }
    if ('failure' in report) {
      throw new OutputWriteError(`Writing the output failed: ${report.failure}. The previous output is unchanged; fix the cause and run the synth again.`);
    }
    return report.digests;
  }

  public stop(): void {
    void this.worker.terminate();
    this.reports.close();
  }

  private flush(): void {
    if (this.batch.length > 0) {
      this.worker.postMessage(this.batch);
      this.batch = [];
    }
  }
}

/**
 * Runs in the worker: loads `output-writer-worker` (compiled on the fly from a clone); a failure
 * to load it is reported the way the worker reports its own.
 */
const WORKER_BOOTSTRAP = `
const { workerData } = require('worker_threads');
const { join } = require('path');
try {
  if (workerData.module.endsWith('.ts')) {
    require(join(workerData.packageRoot, 'bin', 'typescript-loader.js')).registerTypeScript(workerData.packageRoot);
  }
  require(workerData.module);
} catch (error) {
  workerData.port.postMessage({ failure: String((error && error.stack) || error) });
  Atomics.store(workerData.signal, 0, 1);
  Atomics.notify(workerData.signal, 0);
}
`;
