import { StackRun } from '../operations/run-stacks';

/**
 * The summary of a plan or apply: one row per stack, then the totals. A stack whose plan changed
 * nothing and so was not applied (`paved bootstrap`) shows `unchanged`; a planned stack that waits
 * for facts (planned with placeholders) shows `ok (waiting)`.
 */
export function formatStackRuns(runs: readonly StackRun[]): string {
  const rows = [
    ['stack', 'environment', 'adds', 'changes', 'destroys', 'result', 'seconds'],
    ...runs.map((r) => [
      r.id,
      r.environment,
      String(r.counts?.adds ?? '-'),
      String(r.counts?.changes ?? '-'),
      String(r.counts?.destroys ?? '-'),
      r.applied === false ? 'unchanged' : r.result === 'ok' && r.waitsFor ? 'ok (waiting)' : r.result,
      r.seconds.toFixed(2),
    ]),
  ];
  const numeric = new Set([2, 3, 4, 6]);
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows
    .map((row) => row.map((cell, column) => (numeric.has(column) ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join('  ').trimEnd())
    .join('\n');
}
