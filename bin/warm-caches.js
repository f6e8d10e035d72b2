'use strict';
/**
 * Fills bin/paved's caches in a clone, so that its first command starts as fast as the ones
 * after it: compiles paved's own TypeScript (`src/`, `constructs/`, `golden-paths/`) into the
 * transpile cache of `typescript-loader.js`, then synthesizes the example platform into a
 * temporary directory, which leaves V8's code of every module a synth runs in the code cache of
 * `code-cache.js`. `npm ci` and `npm install` run it in a clone (package.json `prepare`); an
 * installed paved is JavaScript and has no example: its first command fills the code cache.
 * What is already cached is read, not compiled again. Nothing here fails an install: a file that
 * does not compile is reported by paved when it loads it, and a failed example synth only leaves
 * the code cache to the first command.
 */
const { spawnSync } = require('child_process');
const { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } = require('fs');
const { tmpdir } = require('os');
const { join } = require('path');
const { cacheDirOf, cachedCompile } = require('./typescript-loader');

/** The folders of paved's TypeScript that `bin/paved` loads (an installed paved has none). */
const SOURCES = ['src', 'constructs', 'golden-paths'];

/** The platform app synthesized to fill the code cache. */
const EXAMPLE = join('examples', 'acme', 'platform.ts');

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

function warmTranspileCache(root, cacheDir) {
  const folders = SOURCES.map((folder) => join(root, folder)).filter((folder) => existsSync(folder));
  for (const file of folders.flatMap((folder) => typeScriptFiles(folder))) {
    try {
      cachedCompile(readFileSync(file, 'utf8'), file, cacheDir);
    } catch {
      // Reported by paved when it loads the file.
    }
  }
}

function warmCodeCache(root) {
  if (!existsSync(join(root, EXAMPLE))) {
    return;
  }
  const outdir = mkdtempSync(join(tmpdir(), 'paved-warm-'));
  try {
    spawnSync(process.execPath, [join(root, 'bin', 'paved'), 'synth', EXAMPLE, '--out', join(outdir, 'dist')], { cwd: root, stdio: 'ignore' });
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

function main() {
  const root = join(__dirname, '..');
  const cacheDir = cacheDirOf(root);
  if (!cacheDir) {
    return;
  }
  warmTranspileCache(root, cacheDir);
  warmCodeCache(root);
}

main();
