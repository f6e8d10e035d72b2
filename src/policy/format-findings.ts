import { Finding } from './finding';
import { sortedBy } from '../util/sorted-by';

/** Findings as text for a terminal, grouped by service, each with its location and fix. */
export function formatFindings(findings: readonly Finding[]): string {
  const byService = new Map<string, Finding[]>();
  for (const finding of findings) {
    const key = `${finding.service} (team ${finding.team})`;
    byService.set(key, [...byService.get(key) ?? [], finding]);
  }
  return sortedBy(byService.entries(), ([service]) => service).map(([service, items]) => [
    service,
    ...items.map((f) => {
      const verdict = f.justification ? 'justified' : f.level;
      const lines = [`  ${verdict.padEnd(9)} ${f.ruleId}  ${f.location}`, `            ${f.message}`];
      if (f.justification) {
        lines.push(`            deviation until ${f.justification.expires} (${f.justification.owner}): ${f.justification.reason}`);
      } else {
        lines.push(`            fix: ${f.fix}`);
      }
      return lines.join('\n');
    }),
  ].join('\n')).join('\n\n');
}
