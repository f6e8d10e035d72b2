/** How much a change can hurt: `high` loses data or takes a service down, `low` is routine. */
export type ChangeRisk = 'high' | 'medium' | 'low';

/**
 * One resource action of a Terraform plan, classified: what `paved plan --changed` finds in
 * `terraform show -json` of each changed stack, and what `paved diff` lists first in a pull
 * request's summary when it is high risk.
 */
export interface PlannedResourceChange {
  /** The stack's id: `checkout-dev`. */
  readonly stack: string;
  /** The stack's environment. */
  readonly environment: string;
  /** The stack's component: a service, or `platform`. */
  readonly service: string;
  /** The team that owns the component. */
  readonly team: string;
  /** The resource's address in the plan: `aws_db_instance.checkout`. */
  readonly address: string;
  /** The resource's type: `aws_db_instance`. */
  readonly resourceType: string;
  /** Terraform's actions for it, as `terraform show -json` gives them: `['delete', 'create']` is a replacement. */
  readonly actions: readonly string[];
  /** The attributes that force a replacement (`replace_paths`), dotted; empty when it is not replaced. */
  readonly replacedBecause: readonly string[];
  /** How much the action can hurt. */
  readonly risk: ChangeRisk;
  /** Why it has that risk, in a sentence: `replaces a database: its data is lost unless restored from a snapshot`. */
  readonly why: string;
}

/** What `paved plan --changed --risk FILE` writes and `paved diff --risk FILE` reads. */
export interface PlannedChanges {
  /** `paved-planned-changes/1`. */
  readonly format: 'paved-planned-changes/1';
  /** The stacks planned, by id, in plan order. */
  readonly planned: readonly string[];
  /**
   * The stacks of `planned` an offline plan planned against a stand-in of the base's planned
   * state (`paved plan --changed --offline`), so that their replacements and deletions show; the
   * others were planned against an empty state, every resource a create. Absent for plans against
   * the real state.
   */
  readonly plannedAgainstBase?: readonly string[];
  /** Every resource action that is not a no-op, the riskiest first, then by stack and address. */
  readonly changes: readonly PlannedResourceChange[];
}
