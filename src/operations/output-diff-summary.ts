import type { OutputDiff } from './output-diff';
import { deviationLine, diffHeadline, findingLine, plannedSummaryLine, serviceLine } from './output-diff-lines';
import { riskiestChanges, riskyChangeLine } from './riskiest-changes';

/**
 * What `paved diff` prints by default: the headline, the riskiest changes, every service's
 * line, the planned resource changes counted, and the findings and deviations that appeared
 * (`+`) or went away (`-`). Nothing is capped.
 */
export function outputDiffSummary(diff: OutputDiff): string {
  const lines = [diffHeadline(diff)];
  const risky = riskiestChanges(diff).map((c) => riskyChangeLine(c, (t) => t));
  block(lines, 'Review first', risky);
  block(lines, 'Services', diff.services.map(serviceLine));
  const planned = plannedSummaryLine(diff);
  if (planned) {
    lines.push(planned);
  }
  const { findings, deviations } = diff.guardrails;
  block(lines, 'Guardrails', [
    ...findings.appeared.map((f) => `+ ${findingLine(f)}`),
    ...findings.wentAway.map((f) => `- ${findingLine(f)}`),
    ...deviations.appeared.map((d) => `+ deviation ${deviationLine(d)}`),
    ...deviations.wentAway.map((d) => `- deviation ${deviationLine(d)}`),
  ]);
  return `${lines.join('\n')}\n`;
}

function block(lines: string[], title: string, items: readonly string[]): void {
  if (items.length > 0) {
    lines.push(`${title}:`, ...items.map((item) => `  ${item}`));
  }
}
