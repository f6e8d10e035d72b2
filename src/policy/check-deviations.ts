import { Finding } from './finding';
import { DeclaredDeviation, MIN_DEVIATION_REASON_LENGTH } from '../platform/deviation';
import { isDay } from '../util/is-day';

/** Whether `deviation` covers `finding`. */
export function covers(deviation: DeclaredDeviation, finding: Finding): boolean {
  if (deviation.ruleId !== finding.ruleId) {
    return false;
  }
  if (deviation.environments && !(finding.environment && deviation.environments.includes(finding.environment))) {
    return false;
  }
  const services = deviation.declaredBy === 'platform' ? deviation.services : [deviation.declaredBy];
  return !services || services.includes(finding.service);
}

/**
 * What is wrong with the declared deviations: an unknown rule id, a missing or short reason, no
 * owner, a malformed or past expiry, an unknown environment.
 *
 * @param asOf today, `YYYY-MM-DD`: a deviation expiring before it has expired
 */
export function checkDeviations(
  deviations: readonly DeclaredDeviation[],
  knownRuleIds: ReadonlySet<string>,
  environments: readonly string[],
  asOf: string,
): string[] {
  const problems: string[] = [];
  for (const deviation of deviations) {
    const where = `deviation for '${deviation.ruleId}' declared by ${deviation.declaredBy === 'platform' ? 'the platform' : `service '${deviation.declaredBy}'`}`;
    if (!knownRuleIds.has(deviation.ruleId)) {
      problems.push(`${where}: unknown rule id '${deviation.ruleId}'; use an id from RULES.md (for example 'PAVED-K8S-POD-002') or of a rule in the packs given to synth or check.`);
    }
    if (typeof deviation.reason !== 'string' || deviation.reason.trim().length < MIN_DEVIATION_REASON_LENGTH) {
      problems.push(`${where}: 'reason' must say why in at least ${MIN_DEVIATION_REASON_LENGTH} characters (got ${JSON.stringify(deviation.reason)}).`);
    }
    if (typeof deviation.owner !== 'string' || deviation.owner.trim() === '') {
      problems.push(`${where}: 'owner' must name who answers for it (got ${JSON.stringify(deviation.owner)}).`);
    }
    if (!isDay(deviation.expires)) {
      problems.push(`${where}: 'expires' must be a date 'YYYY-MM-DD' (got ${JSON.stringify(deviation.expires)}).`);
    } else if (deviation.expires < asOf) {
      problems.push(`${where}: expired on ${deviation.expires}; fix what it excuses, or renew it with a new date and reason.`);
    }
    for (const environment of deviation.environments ?? []) {
      if (!environments.includes(environment)) {
        problems.push(`${where}: unknown environment '${environment}' in 'environments'; the environments are ${environments.map((e) => `'${e}'`).join(', ')}.`);
      }
    }
  }
  return problems;
}

