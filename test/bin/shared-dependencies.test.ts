import { spawnSync } from 'child_process';
import { readFileSync } from 'fs';
import { resolve } from 'path';

const ROOT = resolve(__dirname, '../..');
const SHARED_DEPENDENCIES = resolve(ROOT, 'bin/shared-dependencies');

/** Runs `script` in a new Node process (jest's module registry is not Node's), after `shareBundledCopies` when `shared`. */
function run(script: string, shared: boolean): any {
  const setup = shared ? `require(${JSON.stringify(SHARED_DEPENDENCIES)}).shareBundledCopies();\n` : '';
  const result = spawnSync(process.execPath, ['-e', `${setup}${script}`], { cwd: ROOT, encoding: 'utf8' });
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout);
}

/** The files of `yaml` that Node has compiled (the stand-in for the bundled copy has an `exports` getter instead). */
const YAML_FILES = 'const yamlFiles = () => Object.keys(require.cache).filter((f) => f.includes(\'/yaml/dist/\') && !Object.getOwnPropertyDescriptor(require.cache[f], \'exports\').get);';

/** Loads cdk8s, renders a document through its `Yaml`, and counts the `yaml` files loaded from each copy. */
const LOAD_CDK8S = `${YAML_FILES}
  const { Yaml } = require('cdk8s');
  console.log(JSON.stringify({
    bundled: yamlFiles().filter((f) => f.includes('/cdk8s/node_modules/yaml/')).length,
    own: yamlFiles().filter((f) => !f.includes('/cdk8s/node_modules/yaml/')).length,
    yaml: Yaml.stringify({ on: 'yes', when: '2026-11-28', list: [1, '0x1F'] }),
  }));`;

describe('the copy of yaml cdk8s bundles', () => {
  test('is the same version as paved\'s, so the test below means something', () => {
    const version = (from: string) => JSON.parse(readFileSync(require.resolve('yaml/package.json', { paths: [from] }), 'utf8')).version;
    expect(version(resolve(ROOT, 'node_modules/cdk8s'))).toBe(version(ROOT));
  });

  test('is not loaded: cdk8s gets paved\'s copy, and writes the same YAML with it', () => {
    const unshared = run(LOAD_CDK8S, false);
    const shared = run(LOAD_CDK8S, true);
    expect(unshared.bundled).toBeGreaterThan(0);
    expect(shared).toEqual({ ...unshared, bundled: 0, own: unshared.bundled });
  });

  test('nothing loads until a copy is required', () => {
    expect(run(`${YAML_FILES} console.log(JSON.stringify(yamlFiles().length));`, true)).toBe(0);
  });
});
