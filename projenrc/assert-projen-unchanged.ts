/**
 * Fails when running `projen` would change a file projen owns: someone edited a generated file
 * by hand, or changed `.projenrc.ts` without running `npx projen`.
 */
import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';

const root = join(__dirname, '..');

function ownedFiles(): string[] {
  const listed: string[] = JSON.parse(readFileSync(join(root, '.projen', 'files.json'), 'utf8')).files;
  return [...listed, 'package.json'];
}

function fingerprint(files: string[]): Map<string, string> {
  return new Map(files.map((file) => {
    const path = join(root, file);
    const digest = existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : 'missing';
    return [file, digest];
  }));
}

const before = fingerprint(ownedFiles());
const run = spawnSync(join(root, 'node_modules', '.bin', 'projen'), [], { cwd: root, stdio: 'inherit', env: { ...process.env, CI: 'true' } });
if (run.status !== 0) {
  process.exit(run.status ?? 1);
}
const after = fingerprint([...new Set([...before.keys(), ...ownedFiles()])]);
const changed = [...after.keys()].filter((file) => before.get(file) !== after.get(file));
if (changed.length > 0) {
  console.error(`projen changed files it owns: ${changed.join(', ')}.`);
  console.error('Edit .projenrc.ts (not the generated files), run `npx projen`, and commit both.');
  process.exit(1);
}
