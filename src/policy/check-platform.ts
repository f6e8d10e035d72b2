import { checkDeviations } from './check-deviations';
import { collectArtifacts } from './collect-artifacts';
import { DEFAULT_PACKS } from './packs/default-packs';
import { PolicyResult, evaluatePolicy } from './policy-engine';
import { Rule } from './rule';
import { PavedValidationError } from '../platform/paved-validation-error';
import type { Platform } from '../platform/platform';
import { RenderedPlatform } from '../platform/rendered-platform';

/**
 * Runs the guardrails of `packs` over a rendered platform.
 *
 * @param asOf today, `YYYY-MM-DD`, for deviation expiry
 * @param packs the rule packs in force; a deviation must name one of their rules
 * @throws PavedValidationError when a pack is not a list of rules, two rules share an id, or a
 * declared deviation is invalid or expired
 */
export function checkPlatform(
  platform: Platform,
  rendered: RenderedPlatform,
  asOf: string,
  packs: readonly (readonly Rule[])[] = DEFAULT_PACKS,
): PolicyResult {
  const rules = rulesOf(platform, packs);
  const problems = checkDeviations(
    platform.deviations,
    new Set(rules.map((r) => r.id)),
    platform.environments.map((e) => e.name),
    asOf,
  );
  PavedValidationError.throwIfAny(platform, problems);
  return evaluatePolicy(collectArtifacts(platform, rendered), rules, platform.deviations);
}

/**
 * The rules of `packs`, in order.
 * @throws PavedValidationError when a pack is not a list of rules, or two rules share an id
 */
export function rulesOf(platform: Platform, packs: readonly (readonly Rule[])[]): Rule[] {
  if (!Array.isArray(packs)) {
    throw new PavedValidationError(platform, `'packs' must be a list of rule packs, each a list of rules, such as [...DEFAULT_PACKS, myPack] (got ${describe(packs)}).`);
  }
  const problems: string[] = [];
  const rules: Rule[] = [];
  packs.forEach((pack, index) => {
    if (!Array.isArray(pack)) {
      problems.push(`'packs[${index}]' must be a list of rules, such as AWS_PACK or [myRule] (got ${describe(pack)}).`);
      return;
    }
    pack.forEach((rule, at) => {
      if (typeof rule?.id !== 'string' || typeof rule?.check !== 'function' || !['terraform', 'kubernetes', 'platform'].includes(rule?.target)) {
        problems.push(`'packs[${index}][${at}]' must be a rule with an 'id', a 'target' ('terraform', 'kubernetes' or 'platform') and a 'check' function (got ${describe(rule)}).`);
        return;
      }
      rules.push(rule);
    });
  });
  const seen = new Set<string>();
  for (const rule of rules) {
    if (seen.has(rule.id)) {
      problems.push(`rule id '${rule.id}' is in the packs twice; a rule id names one check, so give the new rule its own id, or leave out the pack it replaces.`);
    }
    seen.add(rule.id);
  }
  PavedValidationError.throwIfAny(platform, problems);
  return rules;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) {
    return `a list of ${value.length}`;
  }
  if (typeof value === 'object' && value !== null) {
    return `an object with keys ${Object.keys(value).map((k) => `'${k}'`).join(', ') || '(none)'}`;
  }
  return `${JSON.stringify(value)} of type ${typeof value}`;
}
