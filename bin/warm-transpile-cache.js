'use strict';
/**
 * Compiles paved's own TypeScript (`src/`, `constructs/`, `golden-paths/`) into the transpile
 * cache of `typescript-loader.js`, so that the first `paved` command in a clone starts as fast
 * as the ones after it. `npm ci` and `npm install` run it in a clone (package.json `prepare`);
 * an installed paved is JavaScript and has nothing to warm. Files already in the cache are read,
 * not compiled again. A file that does not compile is skipped: `paved` reports it, with its line
 * and column, when it loads it.
 */
const { existsSync, readdirSync, readFileSync } = require('fs');
const { join } = require('path');
const { cacheDirOf, cachedCompile } = require('./typescript-loader');

/** The folders of paved's TypeScript that `bin/paved` loads (an installed paved has none). */
const SOURCES = ['src', 'constructs', 'golden-paths'];

/** Every `.ts` file (declarations excluded) under `dir`. */
function typeScriptFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      return typeScriptFiles(path);
    }
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

function main() {
  const root = join(__dirname, '..');
  const cacheDir = cacheDirOf(root);
  if (!cacheDir) {
    return;
  }
  const folders = SOURCES.map((folder) => join(root, folder)).filter((folder) => existsSync(folder));
  for (const file of folders.flatMap((folder) => typeScriptFiles(folder))) {
    try {
      cachedCompile(readFileSync(file, 'utf8'), file, cacheDir);
    } catch {
      // Reported by paved when it loads the file.
    }
  }
}

main();
