'use strict';
/**
 * Loads `.ts` files with `require`: swc strips the types (no type-check) and compiles to
 * CommonJS, as the test suite does, with an inline source map (without the sources). Compiled code is cached by the SHA-256 of the
 * compiler and the source, so a file compiles once and a changed file compiles again; entries
 * are written to a temporary name and renamed into place, so concurrent processes never read a
 * partial one. Delete the cache directory to reclaim its space.
 */
const { createHash } = require('crypto');
const { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } = require('fs');
const { dirname, join, sep } = require('path');
const { isMainThread } = require('worker_threads');

/** The swc options: those of the jest transform in .projenrc.ts, plus an inline source map. */
const SWC_OPTIONS = {
  jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
  inlineSourcesContent: false,
  swcrc: false,
  configFile: false,
};

/**
 * The source maps of the `.ts` files loaded outside paved's own library folders (the app's),
 * as base64 JSON by file name, where the CLI finds them to report an app error at its `.ts`
 * line (src/cli/app-error.ts). Node's own source map support stays off: turned on, it would
 * also parse every dependency's map and bypass the code cache.
 */
const SOURCE_MAPS = Symbol.for('paved.typescriptSourceMaps');
const INLINE_SOURCE_MAP = '\n//# sourceMappingURL=data:application/json;base64,';

const COMPILER = `@swc/core ${require('@swc/core/package.json').version} ${JSON.stringify(SWC_OPTIONS)}`;

/**
 * The cache directory: `$PAVED_CACHE_DIR`, else `.cache/paved` in the `node_modules` that holds
 * paved's dependencies (the clone's own, or the one paved is installed in); none without one.
 */
function cacheDirOf(packageRoot) {
  if (process.env.PAVED_CACHE_DIR) {
    return process.env.PAVED_CACHE_DIR;
  }
  const installedIn = packageRoot.lastIndexOf(`${sep}node_modules${sep}`);
  const nodeModules = installedIn >= 0 ? packageRoot.slice(0, installedIn) + `${sep}node_modules` : join(packageRoot, 'node_modules');
  return existsSync(nodeModules) ? join(nodeModules, '.cache', 'paved') : undefined;
}

/** `source` compiled to CommonJS; a syntax error becomes a SyntaxError that says `file:line:column: problem`. */
function compileTypeScript(source, filename) {
  try {
    return require('@swc/core').transformSync(source, { ...SWC_OPTIONS, filename }).code;
  } catch (error) {
    throw new SyntaxError(describeSyntaxError(String(error.message ?? error), filename));
  }
}

/**
 * swc reports `x <problem>`, then the source around it: `,-[file:line:1]` and a `^` under the column.
 */
function describeSyntaxError(message, filename) {
  const problem = /^\s*x (.*)$/m.exec(message)?.[1] ?? message.split('\n')[0];
  const line = /,-\[.*:(\d+):\d+\]/.exec(message)?.[1];
  const caret = /^\s*: ( *)\^/m.exec(message);
  return line && caret ? `${filename}:${line}:${caret[1].length + 1}: ${problem}` : `${filename}: ${problem}`;
}

/** The file of `source`'s entry in the cache in `cacheDir`. */
function cacheEntryOf(source, cacheDir) {
  const key = createHash('sha256').update(COMPILER).update('\0').update(source).digest('hex');
  return join(cacheDir, `${key}.js`);
}

/** The compiled code in the cache entry `entry`; undefined when there is none. */
function readCacheEntry(entry) {
  try {
    return readFileSync(entry, 'utf8');
  } catch (error) {
    if (error.code !== 'ENOENT') {
      throw error;
    }
    return undefined;
  }
}

/**
 * `source` compiled, from the cache in `cacheDir` when it is there.
 * @param {object} [options]
 * @param {(filename: string, code: string) => void} [options.compiled] called when it was not, with the code compiled
 * @param {(entry: string, code: string) => void} [options.write] writes a new entry (default `writeCacheFile`)
 */
function cachedCompile(source, filename, cacheDir, { compiled, write = writeCacheFile } = {}) {
  const entry = cacheEntryOf(source, cacheDir);
  const cached = readCacheEntry(entry);
  if (cached !== undefined) {
    return cached;
  }
  const code = compileTypeScript(source, filename);
  write(entry, code);
  compiled?.(filename, code);
  return code;
}

/**
 * Writes `data` as the cache file `file`: to a temporary name, renamed into place, so that
 * concurrent processes never read a partial file. A cache that cannot be written (read-only,
 * full) is left as it is: that only costs the next run what the file would have saved.
 */
function writeCacheFile(file, data) {
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temporary, data);
    renameSync(temporary, file);
  } catch {
    rmSync(temporary, { force: true });
  }
}

/**
 * Makes `require` load `.ts` files, compiled through the cache. On the main thread, the first
 * file not in the cache starts compiling its imports ahead on a worker (`transpile-ahead.js`).
 * @param {string} packageRoot paved's package directory, which locates the default cache
 */
function registerTypeScript(packageRoot) {
  const cacheDir = cacheDirOf(packageRoot);
  const library = ['src', 'constructs', 'golden-paths', 'node_modules'].map((dir) => join(packageRoot, dir) + sep);
  const sourceMaps = (globalThis[SOURCE_MAPS] ??= new Map());
  let tellWorker;
  const compiled = isMainThread
    ? (filename, code) => (tellWorker ??= require('./transpile-ahead').startTranspilingAhead(cacheDir))(filename, code)
    : undefined;
  require.extensions['.ts'] = function loadTypeScript(module, filename) {
    const source = readFileSync(filename, 'utf8');
    const code = cacheDir ? cachedCompile(source, filename, cacheDir, { compiled }) : compileTypeScript(source, filename);
    const map = code.lastIndexOf(INLINE_SOURCE_MAP);
    if (map >= 0 && !library.some((dir) => filename.startsWith(dir)) && !filename.includes(`${sep}node_modules${sep}`)) {
      sourceMaps.set(filename, code.slice(map + INLINE_SOURCE_MAP.length).trim());
    }
    module._compile(code, filename);
  };
}

module.exports = { registerTypeScript, compileTypeScript, cachedCompile, cacheDirOf, writeCacheFile };
