import { MessagePort, parentPort, workerData } from 'worker_threads';
import { FileDigest, StagedFile, writeStagedFile } from './output-file';
import type { BackgroundWriterReport } from './staged-output';
import { YamlWriter } from '../engine/yaml-writer';

/**
 * The worker thread of `StagedOutput` with `background`: serializes and writes the files it is
 * sent into the staging directory, then, on `finish`, reports their digests (or the first
 * failure) on `port` and wakes the waiting thread through `signal`.
 */
const { staging, port, signal } = workerData as { staging: string; port: MessagePort; signal: Int32Array };
const yaml = YamlWriter.manifests();
const made = new Set<string>();
const written = new Map<string, FileDigest>();
let failure: string | undefined;

parentPort!.on('message', (message: StagedFile[] | 'finish') => {
  if (message === 'finish') {
    const report: BackgroundWriterReport = failure ? { failure } : { digests: [...written.values()] };
    port.postMessage(report);
    Atomics.store(signal, 0, 1);
    Atomics.notify(signal, 0);
    return;
  }
  for (const file of message) {
    if (failure) {
      return;
    }
    try {
      written.set(file.path, writeStagedFile(staging, file, yaml, made));
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    }
  }
});
