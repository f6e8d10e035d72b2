import { spawnSync } from 'child_process';
import { realpathSync } from 'fs';
import { join, resolve, sep } from 'path';
import { loadedModules, moduleLoadSpy, tempDir } from '../util';

const ROOT = resolve(__dirname, '../..');

/**
 * Modules the example's synth has no use for, each of which a run once loaded: a provider's root
 * index (every resource of the provider), and the large CRD bindings of kinds the example does
 * not render.
 */
const NOT_LOADED = [
  'node_modules/@cdktf/provider-aws/lib/index.js',
  'node_modules/@cdktf/provider-helm/lib/index.js',
  'node_modules/@cdktf/provider-kubernetes/lib/index.js',
  'constructs/imports/applicationset-argoproj.io.ts',
  'constructs/imports/secretstore-external-secrets.io.ts',
];

test('paved synth of the example loads none of the modules it has no use for', () => {
  const log = join(tempDir(), 'loaded.log');
  const result = spawnSync(process.execPath, ['-r', moduleLoadSpy(log, 'main'), join(ROOT, 'bin/paved'), 'synth', join(ROOT, 'examples/acme/platform.ts'), '--out', join(tempDir(), 'dist')], { encoding: 'utf8' });
  expect([result.status, result.stderr]).toEqual([0, '']);
  // node_modules may be a link (a worktree's): name its files from the root either way.
  const nodeModules = realpathSync(join(ROOT, 'node_modules'));
  const loaded = loadedModules(log).map((file) => (file.startsWith(nodeModules + sep) ? `node_modules${file.slice(nodeModules.length)}` : file.slice(ROOT.length + 1)));
  expect(loaded).toContain('node_modules/@cdktf/provider-aws/lib/s3-bucket/index.js');
  expect(loaded).toContain('node_modules/@cdktf/provider-helm/lib/release/index.js');
  expect(loaded).toContain('constructs/imports/external-secrets.io.ts');
  expect(loaded.filter((file) => NOT_LOADED.some((unused) => file.startsWith(unused)))).toEqual([]);
});
