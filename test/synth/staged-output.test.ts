import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import { existsSync, lstatSync, mkdirSync, readdirSync, renameSync, symlinkSync, writeFileSync } from 'fs';
import { dirname, join, resolve } from 'path';
import { StagedFile } from '../../src/synth/output-file';
import { StagedOutput } from '../../src/synth/staged-output';
import { loadedModules, moduleLoadSpy, readTree, tempDir, whenDeleted } from '../util';

const FILES: StagedFile[] = [
  { path: 'terraform/dev/app/cdk.tf.json', format: 'json', value: { resource: { b: 1, a: [true, null] } } },
  { path: 'gitops/dev/apps/app/configmap-app.yaml', format: 'yaml', value: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app' }, data: { on: 'yes' } } },
  { path: 'report/index.html', format: 'text', value: '<!doctype html>\n' },
];

const EXPECTED = new Map([
  ['gitops/dev/apps/app/configmap-app.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  "on": "yes"\n'],
  ['report/index.html', '<!doctype html>\n'],
  ['terraform/dev/app/cdk.tf.json', '{\n  "resource": {\n    "a": [\n      true,\n      null\n    ],\n    "b": 1\n  }\n}\n'],
]);

const MARKED_MANIFEST = '{"format": "paved-output/1", "files": []}\n';

/** An output directory that already holds a previous output (with paved's marker). */
function previousOutput(): { outdir: string; before: Map<string, string> } {
  const outdir = join(tempDir(), 'dist');
  mkdirSync(join(outdir, 'old'), { recursive: true });
  writeFileSync(join(outdir, 'old', 'file.txt'), 'previous\n');
  writeFileSync(join(outdir, 'manifest.json'), MARKED_MANIFEST);
  return { outdir, before: readTree(outdir) };
}

describe.each([false, true])('StagedOutput, background %s', (background) => {
  test('writes each file serialized, with its size and SHA-256, and replaces the previous output as a whole', async () => {
    const { outdir } = previousOutput();
    const output = new StagedOutput(outdir, { background });
    FILES.forEach((file) => output.put(file));
    const digests = output.digests();
    output.put({ path: 'manifest.json', format: 'text', value: `${digests.length}\n` });
    output.commit();

    expect(readTree(outdir)).toEqual(new Map([...EXPECTED, ['manifest.json', '3\n']]));
    expect(digests).toEqual([...EXPECTED].map(([path, content]) => ({
      path, bytes: Buffer.byteLength(content), sha256: createHash('sha256').update(content).digest('hex'),
    })));
    // The previous output is deleted by a detached process, after commit has returned.
    expect(await whenDeleted(dirname(outdir), /^\.dist\.paved-/)).toEqual(['dist']);
  });

  test('a file put again replaces the first', () => {
    const outdir = join(tempDir(), 'dist');
    const output = new StagedOutput(outdir, { background });
    output.put({ path: 'a.yaml', format: 'yaml', value: { first: 1 } });
    output.put({ path: 'a.yaml', format: 'yaml', value: { second: 2 } });
    expect(output.digests().map((d) => d.path)).toEqual(['a.yaml']);
    output.commit();
    expect(readTree(outdir)).toEqual(new Map([['a.yaml', 'second: 2\n']]));
  });

  test('a file that cannot be written fails, and discarding leaves the previous output and no staging directory', () => {
    const { outdir, before } = previousOutput();
    const output = new StagedOutput(outdir, { background });
    output.put({ path: 'conflict', format: 'text', value: 'a file\n' });
    output.put({ path: 'conflict/inside', format: 'text', value: 'needs conflict to be a directory\n' });
    expect(() => output.digests()).toThrow(/ENOTDIR|EEXIST/);
    output.discard();
    expect(readTree(outdir)).toEqual(before);
    expect(readdirSync(dirname(outdir))).toEqual(['dist']);
  });

  test('refuses a path outside the output directory', () => {
    const output = new StagedOutput(join(tempDir(), 'dist'), { background });
    expect(() => output.put({ path: '../escape', format: 'text', value: '' })).toThrow("Output file path '../escape' must stay inside the output directory.");
    output.discard();
  });
});

test('an output path that is a file is refused before anything is written', () => {
  const path = join(tempDir(), 'file');
  writeFileSync(path, 'not a directory\n');
  expect(() => new StagedOutput(path)).toThrow(`refusing to replace --out '${path}': it is a file, not a directory.`);
  expect(readdirSync(dirname(path))).toEqual(['file']);
});

test('a directory of files paved did not write is refused before anything is written', () => {
  const outdir = join(tempDir(), 'dist');
  mkdirSync(outdir);
  writeFileSync(join(outdir, 'notes.txt'), 'mine\n');
  expect(() => new StagedOutput(outdir)).toThrow(`refusing to replace --out '${outdir}': it holds files paved did not write ('notes.txt').`);
  expect(readdirSync(dirname(outdir))).toEqual(['dist']);
  expect(readTree(outdir)).toEqual(new Map([['notes.txt', 'mine\n']]));
});

test('an output path that is a symbolic link replaces the directory it points to, and the link stays', async () => {
  const { outdir } = previousOutput();
  const link = join(dirname(outdir), 'link');
  symlinkSync(outdir, link);
  const output = new StagedOutput(link);
  output.put({ path: 'manifest.json', format: 'text', value: MARKED_MANIFEST });
  output.commit();
  expect(lstatSync(link).isSymbolicLink()).toBe(true);
  expect(readTree(link)).toEqual(new Map([['manifest.json', MARKED_MANIFEST]]));
  expect(await whenDeleted(dirname(outdir), /^\.dist\.paved-/)).toEqual(['dist', 'link']);
});

describe('after a crash', () => {
  /** A staging output that `commit` left at the moment between its two renames. */
  function crashedBetweenRenames(): { outdir: string; before: Map<string, string> } {
    const { outdir, before } = previousOutput();
    renameSync(outdir, join(dirname(outdir), '.dist.paved-retired-abc123'));
    return { outdir, before };
  }

  test('between the two renames of a swap, the next output finds the previous one put back until it commits', () => {
    const { outdir, before } = crashedBetweenRenames();
    const output = new StagedOutput(outdir);
    expect(readTree(outdir)).toEqual(before);
    output.discard();
    expect(readTree(outdir)).toEqual(before);
    expect(readdirSync(dirname(outdir))).toEqual(['dist']);
  });

  test("the next commit deletes paved's leftovers and leaves a look-alike without the marker alone", async () => {
    const { outdir } = previousOutput();
    const parent = dirname(outdir);
    mkdirSync(join(parent, '.dist.paved-staging-aaaaaa', 'terraform'), { recursive: true });
    writeFileSync(join(parent, '.dist.paved-staging-aaaaaa', '.paved-staging'), 'paved-output/1 staging\n');
    mkdirSync(join(parent, '.dist.paved-deleting-bbbbbb'));
    writeFileSync(join(parent, '.dist.paved-deleting-bbbbbb', 'manifest.json'), MARKED_MANIFEST);
    mkdirSync(join(parent, '.dist.paved-retired-cccccc'));
    writeFileSync(join(parent, '.dist.paved-retired-cccccc', 'mine.txt'), 'not paved\n');
    const output = new StagedOutput(outdir);
    output.put({ path: 'manifest.json', format: 'text', value: MARKED_MANIFEST });
    output.commit();
    expect(await whenDeleted(parent, /^\.dist\.paved-(staging|deleting)-/)).toEqual(['.dist.paved-retired-cccccc', 'dist']);
    expect(readTree(join(parent, '.dist.paved-retired-cccccc'))).toEqual(new Map([['mine.txt', 'not paved\n']]));
    expect(readTree(outdir)).toEqual(new Map([['manifest.json', MARKED_MANIFEST]]));
  });

  test('while it was written, the output is the previous one and the staging directory carries the marker', () => {
    const { outdir, before } = previousOutput();
    const output = new StagedOutput(outdir);
    output.put({ path: 'a.txt', format: 'text', value: 'new\n' });
    output.digests();
    const staging = readdirSync(dirname(outdir)).filter((name) => name !== 'dist');
    expect(staging).toEqual([expect.stringMatching(/^\.dist\.paved-staging-[A-Za-z0-9]{6}$/)]);
    expect(existsSync(join(dirname(outdir), staging[0], '.paved-staging'))).toBe(true);
    expect(readTree(outdir)).toEqual(before);
    output.discard();
  });
});

test('the writer thread loads paved\'s TypeScript and writes YAML', () => {
  const root = resolve(__dirname, '../..');
  const log = join(tempDir(), 'loaded.log');
  const outdir = join(tempDir(), 'dist');
  const result = spawnSync(process.execPath, ['-r', moduleLoadSpy(log, 'workers'), '-e', `
    require(${JSON.stringify(join(root, 'bin/typescript-loader'))}).registerTypeScript(${JSON.stringify(root)});
    const { StagedOutput } = require(${JSON.stringify(join(root, 'src/synth/staged-output'))});
    const output = new StagedOutput(${JSON.stringify(outdir)}, { background: true });
    // A key that is not a plain name: written by cdk8s's Yaml.
    output.put({ path: 'a.yaml', format: 'yaml', value: { 'a key': 'yes' } });
    output.commit();`], { encoding: 'utf8' });
  expect([result.status, result.stderr]).toEqual([0, '']);
  expect(readTree(outdir)).toEqual(new Map([['a.yaml', 'a key: "yes"\n']]));
  const yamlFiles = loadedModules(log).filter((file) => file.includes('/yaml/dist/'));
  expect(yamlFiles.length).toBeGreaterThan(0);
});
