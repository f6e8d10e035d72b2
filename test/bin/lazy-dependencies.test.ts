import { spawnSync } from 'child_process';
import { resolve } from 'path';

const LAZY_DEPENDENCIES = resolve(__dirname, '../../bin/lazy-dependencies');

/** Runs `script` in a new Node process (jest's module registry is not Node's) after `deferUnusedDependencies`. */
function runDeferred(script: string): unknown {
  const result = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(LAZY_DEPENDENCIES)}).deferUnusedDependencies();\n${script}`], {
    cwd: resolve(__dirname, '../..'),
    encoding: 'utf8',
  });
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout);
}

/** Counts the modules of a package that Node has loaded (the deferred stubs excluded). */
const LOADED = 'const loaded = (name) => Object.values(require.cache).filter((m) => m.filename.includes(\'/node_modules/\' + name + \'/\') && m.children.length + Object.keys(m.exports).length > 0).length;';

describe('the dependencies bin/paved defers', () => {
  test('cdktf loads without archiver, semver and json-stable-stringify', () => {
    expect(runDeferred(`${LOADED}
      require('cdktf');
      console.log(JSON.stringify({ archiver: loaded('archiver'), semver: loaded('semver'), stringify: loaded('json-stable-stringify') }));`))
      .toEqual({ archiver: 0, semver: 0, stringify: 0 });
  });

  test('a deferred module works on first use: called, read, and through cdktf', () => {
    expect(runDeferred(`
      const archiver = require(require.resolve('archiver', { paths: [require('path').dirname(require.resolve('cdktf'))] }));
      const semver = require(require.resolve('semver', { paths: [require('path').dirname(require.resolve('cdktf'))] }));
      const { ValidateBinaryVersion } = require('cdktf/lib/validations/validate-binary-version');
      const validation = new ValidateBinaryVersion('terraform', '>=1.0', 'echo 1.11.0', 'install terraform');
      const { Testing, TerraformStack, TerraformOutput } = require('cdktf');
      const stack = new TerraformStack(Testing.app(), 'stack');
      new TerraformOutput(stack, 'answer', { value: 42 });
      console.log(JSON.stringify({
        synth: JSON.parse(Testing.synth(stack)).output,
        zip: typeof archiver('zip').pipe,
        registered: archiver.isRegisteredFormat('zip'),
        satisfies: semver.satisfies('1.11.0', '>=1.0'),
        validation: validation.validate(),
      }));`))
      .toEqual({ synth: { answer: { value: 42 } }, zip: 'function', registered: true, satisfies: true, validation: [] });
  });
});
