import type { OutputDiff } from './output-diff';
import { deviationLine, diffHeadline, findingLine, plannedSummaryLine, serviceLine } from './output-diff-lines';
import { riskiestChanges, riskyChangeLine } from './riskiest-changes';

/** How many items each list of the PR comment shows before `and N more`. */
export const MARKDOWN_LIST_LIMIT = 20;

/**
 * A short pull-request comment of `diff`: a headline (files, services, teams, per layer), the
 * riskiest changes first (high-risk planned resource changes, then RBAC, Argo CD scoping and
 * network policy changes), a line per service, and the findings and deviations that appeared
 * or went away; each list capped at `MARKDOWN_LIST_LIMIT` items.
 */
export function outputDiffMarkdown(diff: OutputDiff): string {
  const lines = [`**paved diff**: ${diffHeadline(diff)}`];
  if (!diff.changed) {
    return `${lines[0]}\n`;
  }
  const risky = riskiestChanges(diff).map((c) => riskyChangeLine(c, (text) => `\`${text}\``));
  section(lines, 'Review first', risky);
  section(lines, 'Services', diff.services.map((s) => serviceLine(s).replace(/^(\S+)/, '`$1`')));
  const planned = plannedSummaryLine(diff);
  if (planned) {
    lines.push('', planned);
  }
  const { findings, deviations } = diff.guardrails;
  section(lines, 'Guardrails', [
    ...findings.appeared.map((f) => `appeared: ${findingLine(f)}`),
    ...findings.wentAway.map((f) => `went away: ${findingLine(f)}`),
    ...deviations.appeared.map((d) => `deviation added: ${deviationLine(d)}`),
    ...deviations.wentAway.map((d) => `deviation removed: ${deviationLine(d)}`),
  ]);
  return `${lines.join('\n')}\n`;
}

function section(lines: string[], title: string, items: readonly string[]): void {
  if (items.length === 0) {
    return;
  }
  lines.push('', `### ${title}`, ...items.slice(0, MARKDOWN_LIST_LIMIT).map((item) => `- ${item}`));
  if (items.length > MARKDOWN_LIST_LIMIT) {
    lines.push(`- and ${items.length - MARKDOWN_LIST_LIMIT} more`);
  }
}
