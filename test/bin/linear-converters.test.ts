import { spawnSync } from 'child_process';
import { resolve } from 'path';

const ROOT = resolve(__dirname, '../..');

/**
 * In a new Node process (jest's module registry is not Node's), with the linear converters when
 * `linear`: renders every Kubernetes object of the acme example, and reads a converter's source.
 */
function renderAcme(linear: boolean): { objects: string; converter: string } {
  const script = `
    ${linear ? `require(${JSON.stringify(resolve(ROOT, 'bin/linear-converters'))}).useLinearConverters();` : ''}
    require(${JSON.stringify(resolve(ROOT, 'bin/typescript-loader'))}).registerTypeScript(${JSON.stringify(ROOT)});
    const { renderPlatform } = require(${JSON.stringify(resolve(ROOT, 'src/synth/render-platform'))});
    const platform = require(${JSON.stringify(resolve(ROOT, 'examples/acme/platform'))}).default;
    const rendered = renderPlatform(platform);
    console.log(JSON.stringify({
      // undefined written out, so that a field kept as undefined shows
      objects: JSON.stringify(rendered.directories.map((d) => d.files.map((f) => [f.path, f.object])), (key, value) => (value === undefined ? 'UNDEFINED' : value)),
      converter: require('cdk8s-plus-28/lib/imports/k8s').toJson_ObjectMeta.toString(),
    }));`;
  const result = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout);
}

describe('cdk8s-plus converters loaded by bin/paved', () => {
  test('drop undefined fields with a loop, and render every acme object exactly as published', () => {
    const published = renderAcme(false);
    const linear = renderAcme(true);
    expect(published.converter).toContain('Object.entries(result).reduce(');
    expect(linear.converter).toContain('withoutUndefinedFields(result)');
    expect(linear.objects.length).toBeGreaterThan(100_000);
    expect(linear.objects).toBe(published.objects);
  });
});
