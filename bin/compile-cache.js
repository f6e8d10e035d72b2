'use strict';
/**
 * Keeps the code V8 compiles for each CommonJS module (paved, its dependencies, the platform app)
 * in a cache directory, so that a later run starts from compiled code instead of parsing and
 * compiling every module again: a small synth spends most of its time there. This is what
 * `module.enableCompileCache()` does from Node 22; paved runs on Node 20.
 *
 * An entry is keyed by the SHA-1 of the Node version, the file name and the source, and holds
 * what V8 compiled by the end of the run (functions compiled on first call included). V8 checks
 * an entry against its own version and flags, and one it rejects is replaced. Entries are
 * written to a temporary name and renamed into place, so concurrent runs never read a partial
 * one. Delete the cache directory to reclaim its space.
 */
const { createHash } = require('crypto');
const { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } = require('fs');
const Module = require('module');
const { dirname, join } = require('path');
const vm = require('vm');

/**
 * `import(` in a module: compiled by Node as usual, since a script compiled here could only
 * import through an experimental option of Node 20.
 */
const DYNAMIC_IMPORT = /\bimport\s*\(/;

/**
 * Makes every module compiled from now on use, and fill, the cache in `cacheDir`.
 * @param {string} cacheDir where entries are kept
 */
function enableCompileCache(cacheDir) {
  /** Scripts compiled without a usable entry: their code is cached when the process exits. */
  const uncached = [];
  /** The entries there are, listed once: a failed read per module costs more than the listing. */
  const entries = new Set(listEntries(cacheDir));
  const compile = Module.prototype._compile;
  Module.prototype._compile = function compileWithCache(content, filename) {
    if (DYNAMIC_IMPORT.test(content)) {
      return compile.call(this, content, filename);
    }
    const name = `${createHash('sha1').update(`${process.version}\0${filename}\0`).update(content).digest('hex')}.v8`;
    const entry = join(cacheDir, name);
    const cachedData = entries.has(name) ? readEntry(entry) : undefined;
    // A hashbang line is only valid at the very start of a script, not inside the module wrapper.
    const source = content.startsWith('#!') ? `//${content.slice(2)}` : content;
    const script = new vm.Script(Module.wrap(source), { filename, cachedData });
    if (cachedData === undefined || script.cachedDataRejected) {
      uncached.push({ script, entry });
    }
    const wrapper = script.runInThisContext({ displayErrors: true });
    return wrapper.call(this.exports, this.exports, requireFor(this), this, filename, dirname(filename));
  };
  process.once('exit', () => {
    for (const { script, entry } of uncached) {
      writeEntry(entry, script.createCachedData());
    }
  });
}

/** The `require` a module gets, as Node makes it. */
function requireFor(module) {
  const require = (id) => module.require(id);
  const resolve = (request, options) => Module._resolveFilename(request, module, false, options);
  resolve.paths = (request) => Module._resolveLookupPaths(request, module);
  require.resolve = resolve;
  require.main = process.mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}

function listEntries(cacheDir) {
  try {
    return readdirSync(cacheDir).filter((name) => name.endsWith('.v8'));
  } catch {
    return [];
  }
}

function readEntry(entry) {
  try {
    return readFileSync(entry);
  } catch {
    // Deleted since it was listed: compiled as if it had never been there.
    return undefined;
  }
}

function writeEntry(entry, data) {
  const temporary = `${entry}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    mkdirSync(dirname(entry), { recursive: true });
    writeFileSync(temporary, data);
    renameSync(temporary, entry);
  } catch {
    // A cache that cannot be written (read-only, full) only costs the next run its compiles.
    rmSync(temporary, { force: true });
  }
}

module.exports = { enableCompileCache };
