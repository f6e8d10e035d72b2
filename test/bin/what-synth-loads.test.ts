import { spawnSync } from 'child_process';
import { join, resolve } from 'path';
import { loadedModules, moduleLoadSpy, tempDir } from '../util';

const ROOT = resolve(__dirname, '../..');

/**
 * Modules the example's synth has no use for, each of which a run once loaded: a provider's root
 * index (every resource of the provider); the large CRD bindings of kinds the example does not
 * render; the dependencies of cdktf that `bin/lazy-dependencies.js` defers; and the code of
 * cdk8s's bundled copy of `yaml`, which `bin/shared-dependencies.js` replaces with paved's.
 */
const NOT_LOADED = [
  'node_modules/@cdktf/provider-aws/lib/index.js',
  'node_modules/@cdktf/provider-kubernetes/lib/index.js',
  'constructs/imports/applicationset-argoproj.io.ts',
  'constructs/imports/secretstore-external-secrets.io.ts',
  'node_modules/cdktf/node_modules/archiver/',
  'node_modules/cdktf/node_modules/semver/',
  'node_modules/cdktf/node_modules/json-stable-stringify/',
  'node_modules/cdk8s/node_modules/yaml/dist/',
];

test('paved synth of the example loads none of the modules it has no use for', () => {
  const log = join(tempDir(), 'loaded.log');
  const result = spawnSync(process.execPath, ['-r', moduleLoadSpy(log, 'main'), join(ROOT, 'bin/paved'), 'synth', join(ROOT, 'examples/acme/platform.ts'), '--out', join(tempDir(), 'dist')], { encoding: 'utf8' });
  expect([result.status, result.stderr]).toEqual([0, '']);
  const loaded = loadedModules(log).map((file) => file.slice(ROOT.length + 1));
  expect(loaded).toContain('node_modules/@cdktf/provider-aws/lib/s3-bucket/index.js');
  expect(loaded).toContain('constructs/imports/external-secrets.io.ts');
  expect(loaded.filter((file) => NOT_LOADED.some((unused) => file.startsWith(unused)))).toEqual([]);
});
