'use strict';
/**
 * Dependencies of paved's dependencies that load on first use instead of at startup. cdktf loads
 * `archiver` (about 200 modules with its own dependencies) for the archives of `TerraformAsset`,
 * `semver` for `ValidateBinaryVersion`, and `json-stable-stringify` (18 modules) for the files
 * of its own `app.synth()` and `Testing`, as it starts; paved uses none of them, and loading them
 * took 0.08 to 0.12 s of every run here.
 */
const Module = require('module');
const { dirname } = require('path');

/** What is deferred: a module, and the package that requires it. */
const DEFERRED = ['archiver', 'semver', 'json-stable-stringify'].map((request) => ({ request, requiredBy: 'cdktf' }));

/** Makes each deferred module load when it is first called or read, where it is installed. */
function deferUnusedDependencies() {
  for (const { request, requiredBy } of DEFERRED) {
    let filename;
    try {
      filename = require.resolve(request, { paths: [dirname(require.resolve(requiredBy))] });
    } catch {
      continue; // not installed there: nothing to defer
    }
    if (!require.cache[filename]) {
      require.cache[filename] = deferredModule(filename);
    }
  }
}

/** A module whose exports load the real module at first use and then stand for it. */
function deferredModule(filename) {
  let real;
  const load = () => {
    if (real === undefined) {
      delete require.cache[filename];
      real = require(filename);
    }
    return real;
  };
  const module = new Module(filename, null);
  module.filename = filename;
  module.loaded = true;
  module.exports = new Proxy(function deferred() {}, {
    apply: (_, self, args) => Reflect.apply(load(), self, args),
    construct: (_, args) => Reflect.construct(load(), args),
    get: (_, key) => Reflect.get(load(), key),
    has: (_, key) => Reflect.has(load(), key),
    set: (_, key, value) => Reflect.set(load(), key, value),
  });
  return module;
}

module.exports = { deferUnusedDependencies };
