import type { Finding } from '../policy/finding';
import type { PlatformReport, ReportedDeviation } from '../policy/platform-report';
import { sortedBy } from '../util/sorted-by';

/** Items of one kind that are in the head output and not in the base, and the other way round. */
export interface AppearedAndGone<T> {
  /** In the head output, not in the base. */
  readonly appeared: readonly T[];
  /** In the base output, not in the head. */
  readonly wentAway: readonly T[];
}

/** How the guardrails' verdict changed between two synth outputs. */
export interface GuardrailChanges {
  /** Findings by rule, location, level, message and justification. */
  readonly findings: AppearedAndGone<Finding>;
  /** Declared deviations by rule, declarer, owner, reason and expiry. */
  readonly deviations: AppearedAndGone<ReportedDeviation>;
}

/**
 * The findings and deviations of `head`'s report that `base`'s has not, and those that went
 * away. A finding that lost (or gained) its justification counts as gone and appeared.
 * @param base the base output's report, `undefined` when it has none (everything in head appeared)
 * @param head the head output's report, `undefined` when it has none
 */
export function guardrailChanges(base: PlatformReport | undefined, head: PlatformReport | undefined): GuardrailChanges {
  return {
    findings: appearedAndGone(base?.findings ?? [], head?.findings ?? [], (f) =>
      [f.ruleId, f.location, f.level, f.message, f.justification ? `${f.justification.reason}|${f.justification.expires}` : ''].join('\u0000')),
    deviations: appearedAndGone(base?.deviations ?? [], head?.deviations ?? [], (d) =>
      [d.ruleId, d.declaredBy, d.owner, d.reason, d.expires].join('\u0000')),
  };
}

function appearedAndGone<T>(base: readonly T[], head: readonly T[], key: (item: T) => string): AppearedAndGone<T> {
  const baseKeys = new Set(base.map(key));
  const headKeys = new Set(head.map(key));
  return {
    appeared: sortedBy(head.filter((item) => !baseKeys.has(key(item))), key),
    wentAway: sortedBy(base.filter((item) => !headKeys.has(key(item))), key),
  };
}
