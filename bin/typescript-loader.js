'use strict';
/**
 * Loads `.ts` files with `require`: swc strips the types (no type-check) and compiles to
 * CommonJS, as the test suite does, with an inline source map. The compiled code is cached by the
 * SHA-256 of the compiler and the source (paved's generated CRD bindings alone take swc 0.3 s),
 * in `$PAVED_CACHE_DIR`, else `node_modules/.cache/paved` of the `node_modules` paved's
 * dependencies are in; entries are written to a temporary name and renamed into place, so
 * concurrent processes never read a partial one. Delete the directory to reclaim its space.
 */
const { createHash } = require('crypto');
const { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } = require('fs');
const { dirname, join, sep } = require('path');

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
 * The source maps of the `.ts` files loaded outside `node_modules`, as base64 JSON by file name,
 * where the CLI finds them to report an error at its `.ts` line (src/cli/app-error.ts). Node's
 * own source map support stays off: turned on, it would parse the map of every dependency and
 * map the stack cdktf captures for every token it creates (a quarter more CPU at 100 services).
 */
const SOURCE_MAPS = Symbol.for('paved.typescriptSourceMaps');
const INLINE_SOURCE_MAP = '\n//# sourceMappingURL=data:application/json;base64,';

const COMPILER = `@swc/core ${require('@swc/core/package.json').version} ${JSON.stringify(SWC_OPTIONS)}`;

/** The cache directory of the package at `packageRoot`; none when it has no `node_modules`. */
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

/** swc reports `x <problem>`, then the source around it: `,-[file:line:1]` and a `^` under the column. */
function describeSyntaxError(message, filename) {
  const problem = /^\s*x (.*)$/m.exec(message)?.[1] ?? message.split('\n')[0];
  const line = /,-\[.*:(\d+):\d+\]/.exec(message)?.[1];
  const caret = /^\s*: ( *)\^/m.exec(message);
  return line && caret ? `${filename}:${line}:${caret[1].length + 1}: ${problem}` : `${filename}: ${problem}`;
}

/** `source` compiled, from the cache in `cacheDir` when it is there (a cache that cannot be written is left as it is). */
function cachedCompile(source, filename, cacheDir) {
  const entry = join(cacheDir, `${createHash('sha256').update(COMPILER).update('\0').update(source).digest('hex')}.js`);
  try {
    return readFileSync(entry, 'utf8');
  } catch (error) {
    if (error.code !== 'ENOENT') {
      throw error;
    }
  }
  const code = compileTypeScript(source, filename);
  const temporary = `${entry}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(temporary, code);
    renameSync(temporary, entry);
  } catch {
    rmSync(temporary, { force: true });
  }
  return code;
}

/**
 * Makes `require` load `.ts` files, compiled through the cache of paved's package.
 * @param {string} [packageRoot] paved's package directory (default: the one this file is in)
 */
function registerTypeScript(packageRoot = dirname(__dirname)) {
  const cacheDir = cacheDirOf(packageRoot);
  const sourceMaps = (globalThis[SOURCE_MAPS] ??= new Map());
  require.extensions['.ts'] = function loadTypeScript(module, filename) {
    const source = readFileSync(filename, 'utf8');
    const code = cacheDir ? cachedCompile(source, filename, cacheDir) : compileTypeScript(source, filename);
    const map = code.lastIndexOf(INLINE_SOURCE_MAP);
    if (map >= 0 && !filename.includes(`${sep}node_modules${sep}`)) {
      sourceMaps.set(filename, code.slice(map + INLINE_SOURCE_MAP.length).trim());
    }
    module._compile(code, filename);
  };
}

module.exports = { registerTypeScript, compileTypeScript, cachedCompile };
