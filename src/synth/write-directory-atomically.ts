import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from 'fs';
import { basename, dirname, isAbsolute, join, normalize, resolve } from 'path';
import { OutputFile } from './output-file';

/**
 * Replaces `outdir` with exactly `files`.
 *
 * The files are written to a staging directory beside `outdir` first; only when every file is
 * written is the old directory moved aside and the staging directory renamed into place. On any
 * error the previous output stays as it was.
 */
export function writeDirectoryAtomically(outdir: string, files: readonly OutputFile[]): void {
  const target = resolve(outdir);
  if (existsSync(target) && !statSync(target).isDirectory()) {
    throw new Error(`Output path ${target} exists and is not a directory; choose another --out.`);
  }
  for (const file of files) {
    if (isAbsolute(file.path) || normalize(file.path).startsWith('..')) {
      throw new Error(`Output file path '${file.path}' must stay inside the output directory.`);
    }
  }
  mkdirSync(dirname(target), { recursive: true });
  const staging = mkdtempSync(join(dirname(target), `.${basename(target)}.staging-`));
  try {
    for (const directory of new Set(files.map((file) => dirname(join(staging, file.path))))) {
      mkdirSync(directory, { recursive: true });
    }
    for (const file of files) {
      writeFileSync(join(staging, file.path), file.content);
    }
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }

  const retired = existsSync(target) ? `${staging}.previous` : undefined;
  if (retired) {
    renameSync(target, retired);
  }
  try {
    renameSync(staging, target);
  } catch (error) {
    if (retired) {
      renameSync(retired, target);
    }
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  if (retired) {
    rmSync(retired, { recursive: true, force: true });
  }
}
