import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { CliError } from '../platform/cli-error';
import { STACK_GRAPH_FILE, StackGraph } from '../synth/stack-graph';

/**
 * Reads `terraform/stacks.json` of the synth output `outdir` and checks that every dependency
 * names a stack listed before it and that no two stacks share a directory.
 * @throws CliError when the file is missing or inconsistent
 */
export function readStackGraph(outdir: string): StackGraph {
  const file = join(outdir, STACK_GRAPH_FILE);
  if (!existsSync(file)) {
    throw new CliError(`${file} does not exist; run 'paved synth' first (plan and apply work on its output), or pass --dist with the synth output directory.`);
  }
  const graph = JSON.parse(readFileSync(file, 'utf8')) as StackGraph;
  const seen = new Set<string>();
  const directories = new Map<string, string>();
  for (const stack of graph.stacks) {
    // Two stacks in one directory would run at once and overwrite each other's plan file.
    const sharing = directories.get(stack.directory);
    if (sharing !== undefined) {
      throw new CliError(`${file}: stacks '${sharing}' and '${stack.id}' have the same directory ${stack.directory}; each stack needs its own, synthesize again instead of editing the file.`);
    }
    directories.set(stack.directory, stack.id);
    const missing = stack.dependsOn.filter((id) => !seen.has(id));
    if (missing.length > 0) {
      throw new CliError(`${file}: stack '${stack.id}' depends on ${missing.map((id) => `'${id}'`).join(', ')}, which is not listed before it; the file is written by 'paved synth', synthesize again instead of editing it.`);
    }
    seen.add(stack.id);
  }
  return graph;
}
