import { readFileSync } from 'fs';
import { join, resolve } from 'path';
import { readStackGraph } from './read-stack-graph';
import { CliError } from '../platform/cli-error';
import { MANIFEST_FILE, OUTPUT_FORMAT, OutputDirectory } from '../synth/output-directory';
import { FileDigest } from '../synth/output-file';
import { StackGraphEntry } from '../synth/stack-graph';
import { quoteList } from '../util/quote-list';

/** Which stacks of a synth output changed since a base output, and so need a plan. */
export interface ChangedStacks {
  /** The base output compared with. */
  readonly base: string;
  /**
   * The stacks to plan, by id, each with why: `changed` (its files differ from the base's),
   * `new` (the base has no such stack), or `depends on 'platform-dev'` (a stack it depends on,
   * directly or through others, is planned). In the order of `terraform/stacks.json`.
   */
  readonly reasons: ReadonlyMap<string, string>;
  /**
   * The stacks of the base that the output no longer has, by id: nothing plans them, and what
   * their state holds stays until it is destroyed.
   */
  readonly removed: readonly string[];
}

/**
 * Compares the synth output `head` with the output `base` (of the same platform at another
 * revision) stack by stack, by the SHA-256 of the files under each stack's directory as each
 * `manifest.json` lists them, and selects the stacks that changed or are new, with their
 * dependants in `terraform/stacks.json`.
 * @throws CliError when either is not a synth output of this paved
 */
export function changedStacks(base: string, head: string): ChangedStacks {
  const [baseFiles, headFiles] = [readManifest(base, '--base'), readManifest(head, '--dist')];
  const [baseGraph, headGraph] = [readStackGraph(base), readStackGraph(head)];
  const baseStacks = new Map(baseGraph.stacks.map((s) => [s.id, s]));
  const reasons = new Map<string, string>();
  // Each stack is listed after the stacks it depends on, so one pass sees every dependency's reason first.
  for (const stack of headGraph.stacks) {
    const before = baseStacks.get(stack.id);
    const planned = stack.dependsOn.filter((id) => reasons.has(id));
    const reason = before === undefined ? 'new'
      : !sameFiles(filesOf(before, baseFiles), filesOf(stack, headFiles)) ? 'changed'
        : planned.length > 0 ? `depends on ${quoteList(planned)}` : undefined;
    if (reason !== undefined) {
      reasons.set(stack.id, reason);
    }
  }
  const headIds = new Set(headGraph.stacks.map((s) => s.id));
  return {
    base: resolve(base),
    reasons,
    removed: baseGraph.stacks.filter((s) => !headIds.has(s.id)).map((s) => s.id),
  };
}

/**
 * The files `manifest.json` of the output `dir` lists.
 * @throws CliError when `dir` is not a synth output of this paved
 */
function readManifest(dir: string, option: string): readonly FileDigest[] {
  if (OutputDirectory.markerOf(dir) !== 'paved') {
    throw new CliError(`${option} ${dir} is not a synth output of this paved (its ${MANIFEST_FILE} is missing or has no "format": "${OUTPUT_FORMAT}"), so the stacks that changed cannot be told; `
      + "synthesize it with this paved ('paved synth --out DIR', for the base at the base revision) and pass that directory.");
  }
  return (JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8')) as { files: FileDigest[] }).files;
}

/** The files under the directory of `stack`, by their path inside it, as `path sha256` lines. */
function filesOf(stack: StackGraphEntry, files: readonly FileDigest[]): string[] {
  const prefix = `${stack.directory}/`;
  return files.filter((f) => f.path.startsWith(prefix)).map((f) => `${f.path.slice(prefix.length)} ${f.sha256}`).sort();
}

function sameFiles(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((line, i) => line === b[i]);
}

