/** The longest an ephemeral environment may live when the platform does not say. */
export const DEFAULT_MAX_ENVIRONMENT_TTL_HOURS = 720;

/** The longest an access grant may last when the platform does not say. */
export const DEFAULT_MAX_ACCESS_GRANT_DAYS = 30;

/** How far self-service requests (`paved env create`, `paved access grant`) may reach. */
export interface SelfServiceLimits {
  /**
   * The longest `--ttl` of `paved env create`, in hours.
   * @default 720 (30 days)
   */
  readonly maxEnvironmentTtlHours?: number;
  /**
   * The most days from today to `--until` of `paved access grant` (a grant until today is 0 days).
   * @default 30
   */
  readonly maxAccessGrantDays?: number;
}
