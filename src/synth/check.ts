import { renderPlatform } from './render-platform';
import type { Platform } from '../platform/platform';
import { checkPlatform } from '../policy/check-platform';
import { DEFAULT_PACKS } from '../policy/packs/default-packs';
import { PolicyResult } from '../policy/policy-engine';
import { Rule } from '../policy/rule';

/** Options of `check`. */
export interface CheckOptions {
  /**
   * The day deviations are judged against (expired, expiring soon), `YYYY-MM-DD`.
   * @default - the platform's `asOf`
   */
  readonly asOf?: string;
  /**
   * The rule packs the guardrails run, each a list of rules; a deviation must name a rule of one
   * of them. Add a pack with `[...DEFAULT_PACKS, myPack]`, replace one by leaving it out.
   * @default DEFAULT_PACKS - `AWS_PACK`, `KUBERNETES_PACK`, `PLATFORM_PACK` and `CLOSURE_PACK`
   */
  readonly packs?: readonly (readonly Rule[])[];
}

/**
 * Runs the guardrails over everything declared on `platform`, without writing anything.
 *
 * @throws PavedValidationError when a declared deviation is invalid or expired, or `asOf`
 * differs from the platform's while it has self-service requests
 */
export function check(platform: Platform, options: CheckOptions = {}): PolicyResult {
  const asOf = platform.judgementDay(options.asOf);
  return checkPlatform(platform, renderPlatform(platform), asOf, options.packs ?? DEFAULT_PACKS);
}
