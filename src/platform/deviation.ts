/** Shortest reason a deviation may give. */
export const MIN_DEVIATION_REASON_LENGTH = 20;

/** An exception to a guardrail, declared where it lives, with a reason and an expiry. */
export interface DeviationProps {
  /** The rule it lets through: `PAVED-K8S-POD-003`. */
  readonly ruleId: string;
  /** Why the exception is needed (at least 20 characters). */
  readonly reason: string;
  /** Who answers for it: a person or a team. */
  readonly owner: string;
  /** The last day it applies, `YYYY-MM-DD`. */
  readonly expires: string;
  /**
   * The environments it applies to.
   * @default - every environment
   */
  readonly environments?: readonly string[];
}

/** A deviation declared on the platform, for any service. */
export interface PlatformDeviationProps extends DeviationProps {
  /**
   * The services it applies to (`platform` for the platform's own output).
   * @default - every service and the platform itself
   */
  readonly services?: readonly string[];
}

/** A deviation together with where it was declared. */
export interface DeclaredDeviation extends PlatformDeviationProps {
  /** `platform`, or the name of the service that declared it (it then covers that service only). */
  readonly declaredBy: string;
}
