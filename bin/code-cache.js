'use strict';
/**
 * Keeps the code V8 compiles for each CommonJS module, so that the next run reads it instead of
 * compiling again (what Node 22's `module.enableCompileCache` does; Node 20 has no such cache).
 * V8 compiles most functions only when they are first called, so each module's code is taken
 * when the process exits, with every function that ran by then.
 *
 * The code of all modules is kept in one file (creating hundreds of small files costs more than
 * the compiles they save): `code-<V8 version>.bin` in the cache directory, which holds each
 * module's code under the SHA-1 of its file name and source (as compiled: after the TypeScript
 * loader or a rewrite). The name is part of the key because V8's cached code keeps the file name
 * it was made under, which stack traces then show: two apps with the same text in two
 * directories must not share code. A run that compiled a module the file did not have writes the file again, with what
 * it had and the new code (`writeCacheFile`: concurrent processes never read a partial file, and
 * the last one to finish wins). Past a size, the file keeps only the modules of the run that
 * writes it. V8 refuses code made with other flags; the module then compiles as usual and its
 * code is replaced.
 *
 * A module's inline source map (the last line, `//# sourceMappingURL=data:...`) is left out of
 * what is hashed and compiled: no one reads it when source maps are off, and it is more than
 * half of what a synth loads (8 of 13.6 MB: cdktf, cdk8s-plus and the providers ship one per file).
 */
const Module = require('module');
const { createHash } = require('crypto');
const { readFileSync } = require('fs');
const { dirname, join } = require('path');
const vm = require('vm');
const { writeCacheFile } = require('./typescript-loader');

/**
 * Whether `source` may call `import()`. Node 20 loses a script's `import()` when V8 runs it from
 * cached code, so such a module is left to Node; a false alarm (the words in a comment) only
 * costs that module its cache.
 */
function mayImportDynamically(source) {
  return /\bimport\s*\(/.test(source);
}

/** How a module's inline source map starts: a last line of its own. */
const INLINE_SOURCE_MAP = '\n//# sourceMappingURL=data:';

/** `source` without its inline source map, when that is its last line. */
function withoutInlineSourceMap(source) {
  const start = source.lastIndexOf(INLINE_SOURCE_MAP);
  return start >= 0 && source.indexOf('\n', start + 1) === -1 ? source.slice(0, start + 1) : source;
}

/**
 * The code in the cache file at `file`, by source hash; none if there is no file or it is not a
 * whole one. Layout: the byte length of a JSON list of `[hash, byteLength]` (32-bit little
 * endian), the list, then each module's code in the list's order.
 */
function readCache(file) {
  const code = new Map();
  try {
    const data = readFileSync(file);
    const listEnd = 4 + data.readUInt32LE(0);
    let offset = listEnd;
    for (const [hash, length] of JSON.parse(data.toString('utf8', 4, listEnd))) {
      code.set(hash, data.subarray(offset, offset + length));
      offset += length;
    }
    return offset === data.length ? code : new Map();
  } catch {
    return new Map();
  }
}

/** Writes `code` (by source hash) as the cache file `file`, laid out as `readCache` reads it. */
function writeCache(file, code) {
  const list = JSON.stringify([...code].map(([hash, data]) => [hash, data.length]));
  const header = Buffer.alloc(4);
  header.writeUInt32LE(Buffer.byteLength(list), 0);
  writeCacheFile(file, Buffer.concat([header, Buffer.from(list), ...code.values()]));
}

/** `require` as Node gives it to the module `module`. */
function requireFunction(module) {
  const require = (id) => module.require(id);
  require.resolve = (request, options) => Module._resolveFilename(request, module, false, options);
  require.resolve.paths = (request) => Module._resolveLookupPaths(request, module);
  require.main = process.mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}

/**
 * Makes `require` compile CommonJS modules with the code cached in `cacheDir`, and, when the
 * process exits, save the code of those it had none for. A module that may `import()`, or that V8
 * cannot compile as a script (a syntax error, or an ES module Node may load), is left to Node,
 * which loads or reports it; so is every module when source maps are on (Node maps the stacks).
 * @param {string} cacheDir the directory of the cache file
 * @param {number} maxBytes the size past which the file keeps only this run's modules (default 64 MiB)
 */
function useCodeCache(cacheDir, maxBytes = 64 * 1024 * 1024) {
  const file = join(cacheDir, `code-${process.versions.v8}.bin`);
  const cached = readCache(file);
  const used = new Map();
  const compiled = new Map();
  const compile = Module.prototype._compile;
  Module.prototype._compile = function compileWithCodeCache(content, filename, format) {
    if ((format !== undefined && format !== 'commonjs') || process.sourceMapsEnabled) {
      return compile.call(this, content, filename, format);
    }
    const code = withoutInlineSourceMap(content);
    const hash = createHash('sha1').update(filename).update('\0').update(code).digest('hex');
    const cachedData = cached.get(hash);
    if (cachedData === undefined && mayImportDynamically(code)) {
      return compile.call(this, content, filename, format);
    }
    let script;
    try {
      // A hashbang is valid only at the very start of a script: keep its line as a comment.
      const source = code.startsWith('#!') ? `//${code.slice(2)}` : code;
      script = new vm.Script(Module.wrap(source), { filename, cachedData });
    } catch {
      return compile.call(this, content, filename, format);
    }
    if (cachedData === undefined || script.cachedDataRejected) {
      compiled.set(hash, script);
    } else {
      used.set(hash, cachedData);
    }
    const wrapper = script.runInThisContext({ displayErrors: true });
    return wrapper.call(this.exports, this.exports, requireFunction(this), this, filename, dirname(filename));
  };
  process.once('exit', () => {
    if (compiled.size === 0) {
      return;
    }
    const code = new Map(used);
    for (const [hash, script] of compiled) {
      code.set(hash, script.createCachedData());
    }
    let size = [...code.values()].reduce((total, data) => total + data.length, 0);
    for (const [hash, data] of cached) {
      if (!code.has(hash) && size + data.length <= maxBytes) {
        code.set(hash, data);
        size += data.length;
      }
    }
    writeCache(file, code);
  });
}

module.exports = { useCodeCache };
