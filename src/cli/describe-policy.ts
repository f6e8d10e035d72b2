import { PolicyResult } from '../policy/policy-engine';

/** One line on the guardrails' verdict: counts, and the stale deviations by name. */
export function describePolicy(result: PolicyResult): string {
  const count = (predicate: (f: PolicyResult['findings'][number]) => boolean) => result.findings.filter(predicate).length;
  const stale = result.deviations.filter((d) => d.justified === 0).map((d) => `${d.deviation.ruleId} (${d.deviation.declaredBy})`);
  return `guardrails: ${result.unjustifiedErrors.length} errors, ${count((f) => f.level === 'warning' && !f.justification)} warnings, `
    + `${count((f) => f.justification !== undefined)} justified by deviations`
    + (stale.length > 0 ? `; stale deviations (suppress nothing, remove them): ${stale.join(', ')}` : '');
}
