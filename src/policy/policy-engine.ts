import { groupBy } from '../util/group-by';
import { sortedBy } from '../util/sorted-by';
import { PlatformArtifacts } from './artifacts/platform-artifacts';
import { covers } from './check-deviations';
import { Finding, FindingSubject } from './finding';
import { Rule, RuleInfo, RuleResult } from './rule';
import { DeclaredDeviation } from '../platform/deviation';

/** How a declared deviation was used. */
export interface DeviationUsage {
  /** The deviation, as declared. */
  readonly deviation: DeclaredDeviation;
  /** How many findings it justified; 0 means it is stale. */
  readonly justified: number;
}

/** The guardrails' verdict on a synth. */
export interface PolicyResult {
  /** Every finding, justified or not, in a stable order. */
  readonly findings: readonly Finding[];
  /** Errors that no deviation justifies: any of them fails the synth. */
  readonly unjustifiedErrors: readonly Finding[];
  /** Every declared deviation with what it justified. */
  readonly deviations: readonly DeviationUsage[];
}

/**
 * Runs every rule once over the artifacts and matches each finding against the declared
 * deviations. A rule that throws produces an error finding (fail closed).
 */
export function evaluatePolicy(
  artifacts: PlatformArtifacts,
  rules: readonly Rule[],
  deviations: readonly DeclaredDeviation[],
): PolicyResult {
  const raw: Finding[] = [];
  const resources = artifacts.stacks.flatMap((stack) => stack.resources);
  const resourcesOfType = groupBy(resources, (resource) => resource.type);
  const objectsOfKind = groupBy([...artifacts.kubernetes, ...artifacts.catalog], (object) => object.kind);
  for (const rule of rules) {
    switch (rule.target) {
      case 'terraform':
        for (const resource of rule.resourceTypes.includes('*') ? resources : [...new Set(rule.resourceTypes)].flatMap((type) => resourcesOfType.get(type) ?? [])) {
          raw.push(...run(rule, resource, () => rule.check(resource)));
        }
        break;
      case 'kubernetes':
        for (const object of [...new Set(rule.kinds)].flatMap((kind) => objectsOfKind.get(kind) ?? [])) {
          raw.push(...run(rule, object, () => rule.check(object)));
        }
        break;
      case 'platform':
        try {
          for (const violation of rule.check(artifacts)) {
            raw.push(finding(rule, violation.subject, violation.message));
          }
        } catch (error) {
          raw.push(failedClosed(rule, { service: 'platform', team: 'platform', location: 'platform' }, error));
        }
        break;
    }
  }

  const justifiedCount = new Map<DeclaredDeviation, number>(deviations.map((d) => [d, 0]));
  const justifying = deviationIndex(deviations);
  const findings = sortedBy(raw, (f) => `${f.service}\u0000${f.environment ?? ''}\u0000${f.location}\u0000${f.ruleId}\u0000${f.message}`).map((f) => {
    const deviation = justifying(f);
    if (!deviation) {
      return f;
    }
    justifiedCount.set(deviation, justifiedCount.get(deviation)! + 1);
    const { ruleId, reason, owner, expires } = deviation;
    return { ...f, justification: { ruleId, reason, owner, expires } };
  });
  return {
    findings,
    unjustifiedErrors: findings.filter((f) => f.level === 'error' && !f.justification),
    deviations: deviations.map((deviation) => ({ deviation, justified: justifiedCount.get(deviation)! })),
  };
}

/**
 * The first of `deviations` that covers a finding. Only deviations of the finding's rule, declared
 * by the platform or by the finding's service, can cover it: those are looked up, not scanned.
 */
function deviationIndex(deviations: readonly DeclaredDeviation[]): (finding: Finding) => DeclaredDeviation | undefined {
  const scope = (ruleId: string, declaredBy: string) => `${ruleId}\u0000${declaredBy}`;
  const candidates = groupBy(deviations, (d) => scope(d.ruleId, d.declaredBy));
  const order = new Map(deviations.map((d, i) => [d, i]));
  return (f) => [...new Set([scope(f.ruleId, 'platform'), scope(f.ruleId, f.service)])]
    .flatMap((key) => candidates.get(key) ?? [])
    .sort((a, b) => order.get(a)! - order.get(b)!)
    .find((d) => covers(d, f));
}

/** Runs `check` on one artifact; its subject is only worked out for a finding. */
function run(rule: Rule, artifact: { readonly subject: FindingSubject }, check: () => RuleResult): Finding[] {
  try {
    const result = check();
    const messages = result === undefined ? [] : typeof result === 'string' ? [result] : result;
    return messages.map((message) => finding(rule, artifact.subject, message));
  } catch (error) {
    return [failedClosed(rule, artifact.subject, error)];
  }
}

function finding(rule: RuleInfo, subject: FindingSubject, message: string): Finding {
  return { ...subject, ruleId: rule.id, level: rule.level, message, fix: rule.fix };
}

function failedClosed(rule: RuleInfo, subject: FindingSubject, error: unknown): Finding {
  const reason = error instanceof Error ? error.message : String(error);
  return { ...subject, ruleId: rule.id, level: 'error', message: `the rule could not decide and fails closed: ${reason}`, fix: rule.fix };
}
