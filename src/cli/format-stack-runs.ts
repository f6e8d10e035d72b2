import { StackRun } from '../operations/run-stacks';

/**
 * The summary of a plan or apply: one row per stack, then the totals. A stack whose plan changed
 * nothing and so was not applied (`paved bootstrap`) shows `unchanged`; a planned stack that waits
 * for facts (planned with placeholders) shows `ok (waiting)`. When the stacks were selected as
 * changed since a base output, a last column says why each was.
 */
export function formatStackRuns(runs: readonly StackRun[]): string {
  const selected = runs.some((r) => r.selectedBecause !== undefined);
  const rows = [
    ['stack', 'environment', 'adds', 'changes', 'destroys', 'result', 'seconds', ...(selected ? ['selected'] : [])],
    ...runs.map((r) => [
      r.id,
      r.environment,
      String(r.counts?.adds ?? '-'),
      String(r.counts?.changes ?? '-'),
      String(r.counts?.destroys ?? '-'),
      r.applied === false ? 'unchanged' : r.result === 'ok' && r.waitsFor ? 'ok (waiting)' : r.result,
      r.seconds.toFixed(2),
      ...(selected ? [r.selectedBecause ?? ''] : []),
    ]),
  ];
  const numeric = new Set([2, 3, 4, 6]);
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows
    .map((row) => row.map((cell, column) => (numeric.has(column) ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join('  ').trimEnd())
    .join('\n');
}
