'use strict';
/**
 * Compiles TypeScript ahead of `require` on a worker thread, for a run that finds the transpile
 * cache cold (a clone installed without scripts, or after a pull that changed many files). Each
 * time the main thread has to compile a file itself, it tells the worker, which then goes down
 * that file's relative imports in the order `require` will take them (depth first, in source
 * order), compiling each into the cache, where the main thread finds it. The main thread meanwhile
 * compiles the code V8 runs and loads the dependencies, so swc's work moves to the other core.
 *
 * The worker only ever adds cache entries, as the main thread would; a file it guesses wrong or
 * cannot compile costs only its own time. When the process exits, the main thread waits for the
 * entry being written (if any), so no temporary file is left behind.
 */
const { existsSync, readFileSync } = require('fs');
const { dirname, join, resolve } = require('path');
const { Worker, isMainThread, parentPort, receiveMessageOnPort, workerData } = require('worker_threads');

/** States of the shared word that tells whether the worker may, or does, write an entry. */
const IDLE = 0;
const WRITING = 1;
const STOPPED = 2;

/** How long the exiting main thread waits for the entry being written. */
const EXIT_WAIT_MS = 1000;

/**
 * Starts the worker for the cache in `cacheDir` (none if no thread can be started).
 * @returns what the main thread calls with each file it compiled itself, and the compiled code
 */
function startTranspilingAhead(cacheDir) {
  const state = new Int32Array(new SharedArrayBuffer(4));
  let worker;
  try {
    worker = new Worker(__filename, { workerData: { transpileAhead: { cacheDir, state } } });
  } catch {
    return () => {};
  }
  worker.unref();
  worker.on('error', () => {
    // Only costs the time it would have saved.
  });
  process.once('exit', () => {
    for (;;) {
      const was = Atomics.compareExchange(state, 0, IDLE, STOPPED);
      if (was !== WRITING || Atomics.wait(state, 0, WRITING, EXIT_WAIT_MS) === 'timed-out') {
        return;
      }
    }
  });
  return (filename, code) => worker.postMessage({ filename, code });
}

/**
 * The TypeScript files `code` (compiled from `filename`) requires by a relative path, in source
 * order. A path that could also be a JavaScript file is guessed TypeScript: a wrong guess only
 * costs a compile.
 */
function importsOf(filename, code) {
  const files = [];
  for (const [, specifier] of code.matchAll(/\brequire\("(\.\.?(?:\/[^"]*)?)"\)/g)) {
    const base = resolve(dirname(filename), specifier);
    const file = [base, `${base}.ts`, join(base, 'index.ts')].find((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && existsSync(f));
    if (file) {
      files.push(file);
    }
  }
  return files;
}

/** The worker: compiles what the files it is told of import, depth first. */
function transpileAhead({ cacheDir, state }) {
  const { cachedCompile, writeCacheFile } = require('./typescript-loader');
  const seen = new Set();
  /** Files to compile, the next one last. */
  const pending = [];
  const follow = (filename, code) => pending.push(...importsOf(filename, code).reverse());
  const told = ({ filename, code }) => {
    seen.add(filename);
    follow(filename, code);
  };
  /** Writes a cache entry, unless the main thread is exiting. */
  const writeUnlessStopped = (entry, code) => {
    if (Atomics.compareExchange(state, 0, IDLE, WRITING) !== IDLE) {
      return;
    }
    try {
      writeCacheFile(entry, code);
    } finally {
      Atomics.store(state, 0, IDLE);
      Atomics.notify(state, 0);
    }
  };
  const compileAhead = () => {
    for (;;) {
      for (let next = receiveMessageOnPort(parentPort); next; next = receiveMessageOnPort(parentPort)) {
        told(next.message);
      }
      const file = pending.pop();
      if (file === undefined || Atomics.load(state, 0) === STOPPED) {
        return;
      }
      if (seen.has(file)) {
        continue;
      }
      seen.add(file);
      try {
        follow(file, cachedCompile(readFileSync(file, 'utf8'), file, cacheDir, { write: writeUnlessStopped }));
      } catch {
        // Reported by the main thread when it loads the file.
      }
    }
  };
  parentPort.on('message', (message) => {
    told(message);
    compileAhead();
  });
}

if (!isMainThread && workerData?.transpileAhead) {
  transpileAhead(workerData.transpileAhead);
}

module.exports = { startTranspilingAhead, importsOf };
