import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync } from 'fs';
import { basename, dirname, isAbsolute, join, normalize, resolve } from 'path';
import { MessageChannel, MessagePort, Worker, receiveMessageOnPort } from 'worker_threads';
import { FileDigest, StagedFile, writeStagedFile } from './output-file';
import { YamlWriter } from './yaml-writer';
import { sortedBy } from '../util/sorted-by';

/** Options of a `StagedOutput`. */
export interface StagedOutputOptions {
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

/**
 * A new output directory being written: files go to a staging directory beside `outdir`, and
 * only `commit` puts it in the place of the previous output, which stays as it was until then
 * (and after `discard`).
 */
export class StagedOutput {
  private readonly target: string;
  private readonly staging: string;
  private readonly yaml = YamlWriter.manifests();
  private readonly made = new Set<string>();
  /** Files put and not written yet, by path (without a background writer). */
  private readonly pending = new Map<string, StagedFile>();
  private readonly written = new Map<string, FileDigest>();
  private background?: BackgroundWriter;

  public constructor(outdir: string, options: StagedOutputOptions = {}) {
    this.target = resolve(outdir);
    if (existsSync(this.target) && !statSync(this.target).isDirectory()) {
      throw new Error(`Output path ${this.target} exists and is not a directory; choose another --out.`);
    }
    mkdirSync(dirname(this.target), { recursive: true });
    this.staging = mkdtempSync(join(dirname(this.target), `.${basename(this.target)}.staging-`));
    if (options.background) {
      this.background = new BackgroundWriter(this.staging);
    }
  }

  /** Adds `file`; a file put again at the same path replaces the earlier one. */
  public put(file: StagedFile): void {
    if (isAbsolute(file.path) || normalize(file.path).startsWith('..')) {
      throw new Error(`Output file path '${file.path}' must stay inside the output directory.`);
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

  /** Writes what is left and replaces the previous output with the staging directory. */
  public commit(): void {
    this.digests();
    const retired = existsSync(this.target) ? `${this.staging}.previous` : undefined;
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
    if (retired) {
      rmSync(retired, { recursive: true, force: true });
    }
  }

  /** Removes the staging directory; the previous output stays as it was. */
  public discard(): void {
    this.background?.stop();
    this.background = undefined;
    rmSync(this.staging, { recursive: true, force: true });
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
      throw new Error('The output writer thread stopped answering; nothing was written. Run the synth again.');
    }
    if ('failure' in report) {
      throw new Error(`Writing the output failed: ${report.failure}`);
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
 * Runs in the worker: loads `output-writer-worker` (compiled on the fly from a clone) with one copy
 * of `yaml` where cdk8s bundles the same version (as bin/paved does); a failure to load it is
 * reported the way the worker reports its own.
 */
const WORKER_BOOTSTRAP = `
const { workerData } = require('worker_threads');
const { join } = require('path');
try {
  const bin = join(workerData.packageRoot, 'bin');
  require(join(bin, 'shared-dependencies.js')).shareBundledCopies();
  if (workerData.module.endsWith('.ts')) {
    require(join(bin, 'typescript-loader.js')).registerTypeScript(workerData.packageRoot);
  }
  require(workerData.module);
} catch (error) {
  workerData.port.postMessage({ failure: String((error && error.stack) || error) });
  Atomics.store(workerData.signal, 0, 1);
  Atomics.notify(workerData.signal, 0);
}
`;
