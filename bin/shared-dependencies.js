'use strict';
/**
 * Libraries that a dependency bundles a copy of, while paved depends on the same library: when
 * both copies are the same version, the dependency is given paved's copy, so that one copy
 * loads instead of two. cdk8s bundles `yaml`, which paved uses too; loading it twice took
 * 30 to 40 ms of every run here.
 */
const Module = require('module');
const { dirname } = require('path');

/** What is shared: a library, and the package that bundles its own copy. */
const SHARED = [{ request: 'yaml', bundledBy: 'cdk8s' }];

/** Makes each bundled copy that is the same version as paved's copy stand for it, loading it on first require. */
function shareBundledCopies() {
  for (const { request, bundledBy } of SHARED) {
    let own;
    let bundled;
    let sameVersion;
    try {
      const where = { paths: [dirname(require.resolve(bundledBy))] };
      own = require.resolve(request);
      bundled = require.resolve(request, where);
      sameVersion = require(`${request}/package.json`).version === require(require.resolve(`${request}/package.json`, where)).version;
    } catch {
      continue; // one of them is not installed: nothing to share
    }
    if (own === bundled || !sameVersion || require.cache[bundled]) {
      continue;
    }
    const module = new Module(bundled, null);
    module.filename = bundled;
    module.loaded = true;
    Object.defineProperty(module, 'exports', { get: () => require(own) });
    require.cache[bundled] = module;
  }
}

module.exports = { shareBundledCopies };
