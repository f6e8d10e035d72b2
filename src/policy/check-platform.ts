import { collectArtifacts } from './collect-artifacts';
import { checkDeviations } from './deviation';
import { PavedValidationError } from '../platform/paved-validation-error';
import type { Platform } from '../platform/platform';
import { RenderedPlatform } from '../synth/rendered-platform';
import { ALL_RULES } from './packs/all-rules';
import { PolicyResult, evaluatePolicy } from './policy-engine';

/**
 * Runs the guardrails over a rendered platform.
 *
 * @param asOf today, `YYYY-MM-DD`, for deviation expiry
 * @throws PavedValidationError when a declared deviation is invalid or expired
 */
export function checkPlatform(platform: Platform, rendered: RenderedPlatform, asOf: string): PolicyResult {
  const problems = checkDeviations(
    platform.deviations,
    new Set(ALL_RULES.map((r) => r.id)),
    platform.environments.map((e) => e.name),
    asOf,
  );
  PavedValidationError.throwIfAny(platform, problems);
  return evaluatePolicy(collectArtifacts(platform, rendered), ALL_RULES, platform.deviations);
}
