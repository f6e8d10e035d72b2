import { readFileSync } from 'fs';
import { join } from 'path';
import { errorOf, serviceStack, synthToTemp, testPlatformWithFacts } from '../util';

describe('PlatformStack.addFile', () => {
  test('writes a file of the stack into its directory, beside cdk.tf.json, and lists it in manifest.json', () => {
    const platform = testPlatformWithFacts();
    const stack = serviceStack('dev', platform);
    stack.addFile('notes/README.md', '# Notes\n');
    expect(platform.additionalFiles).toEqual([{ path: `${stack.outputDirectory}/notes/README.md`, content: '# Notes\n' }]);
    const outdir = synthToTemp(platform);
    expect(readFileSync(join(outdir, stack.outputDirectory, 'notes/README.md'), 'utf8')).toBe('# Notes\n');
    const listed = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')).files.map((f: { path: string }) => f.path);
    expect(listed).toContain(`${stack.outputDirectory}/notes/README.md`);
  });

  test.each(['../other/file.yaml', 'a/../../file.yaml', '/etc/passwd', ''])('fails when the path %j leaves the stack\'s directory or names none', (path) => {
    const stack = serviceStack();
    expect(errorOf(() => stack.addFile(path, ''))).toContain("addFile 'path' must be a normalized path relative to the output directory");
  });

  test('fails when a file takes the path of the stack\'s own cdk.tf.json', () => {
    const platform = testPlatformWithFacts();
    serviceStack('dev', platform).addFile('cdk.tf.json', '{}');
    expect(() => synthToTemp(platform)).toThrow(/addFile\('terraform\/dev\/[^']+\/cdk\.tf\.json'\) would replace/);
  });
});
