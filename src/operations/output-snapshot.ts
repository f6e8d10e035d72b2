import { readFileSync } from 'fs';
import { join } from 'path';
import { CliError } from '../platform/cli-error';
import type { PlatformReport } from '../policy/platform-report';
import { REPORT_JSON_FILE } from '../synth/added-file-paths';
import { MANIFEST_FILE, OUTPUT_FORMAT } from '../synth/output-directory';
import { STACK_GRAPH_FILE, StackGraph, StackGraphEntry } from '../synth/stack-graph';

/** A synth output read back from disk: what `paved diff` compares. */
export interface OutputSnapshot {
  /** The output's root directory. */
  readonly dir: string;
  /** Every file of the output (from `manifest.json`), by path, with its SHA-256. */
  readonly files: ReadonlyMap<string, string>;
  /** The stacks of `terraform/stacks.json`; empty when the output has none. */
  readonly stacks: readonly StackGraphEntry[];
  /** `report/report.json`; `undefined` when the output has none. */
  readonly report?: PlatformReport;
  /** The text of one file of the output. */
  read(path: string): string;
}

/**
 * Reads the synth output in `dir` (its `manifest.json`, stack graph and report).
 * @param role what the directory is to the caller, for the message when it is not a paved output: `--base`
 */
export function readOutputSnapshot(dir: string, role: string): OutputSnapshot {
  let manifest: any;
  try {
    manifest = JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8'));
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? `it has no ${MANIFEST_FILE}` : `its ${MANIFEST_FILE} does not parse (${(error as Error).message})`;
    throw new CliError(`${role} '${dir}' is not a paved output: ${why}. Give a directory 'paved synth' wrote (its ${MANIFEST_FILE} has "format": "${OUTPUT_FORMAT}").`);
  }
  if (manifest?.format !== OUTPUT_FORMAT || !Array.isArray(manifest.files)) {
    throw new CliError(`${role} '${dir}' is not a paved output: its ${MANIFEST_FILE} has format ${JSON.stringify(manifest?.format)} (${typeof manifest?.format}), `
      + `not "${OUTPUT_FORMAT}" with a list of files. Give a directory 'paved synth' wrote, or synthesize it again with this paved.`);
  }
  const files = new Map<string, string>(manifest.files.map((f: { path: string; sha256: string }) => [f.path, f.sha256]));
  const read = (path: string) => readFileSync(join(dir, path), 'utf8');
  const stacks = files.has(STACK_GRAPH_FILE) ? (JSON.parse(read(STACK_GRAPH_FILE)) as StackGraph).stacks : [];
  const report: PlatformReport | undefined = files.has(REPORT_JSON_FILE) ? JSON.parse(read(REPORT_JSON_FILE)) : undefined;
  return { dir, files, stacks, report, read };
}
