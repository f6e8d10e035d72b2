/** What a plan would do, as Terraform counts it (a replacement is one add and one destroy). */
export interface PlanCounts {
  /** Resources the plan creates, replacements included. */
  readonly adds: number;
  /** Resources the plan updates in place. */
  readonly changes: number;
  /** Resources the plan destroys, replacements included. */
  readonly destroys: number;
}

/** How to plan. */
export interface PlanOptions {
  /** Whether to read the real state of existing resources first (offline plans cannot). */
  readonly refresh: boolean;
  /** Whether to lock the state (offline plans use a throwaway local state). */
  readonly lock: boolean;
}

/** One output of a stack's state, as `output -json` prints it. */
export interface EngineOutput {
  /** The output's value. */
  readonly value: unknown;
  /** Whether the output is sensitive: its value is never recorded. */
  readonly sensitive: boolean;
}

/**
 * An infrastructure engine (OpenTofu or Terraform): the steps plan and apply take in a stack
 * directory. Each step appends its output to `log`, and rejects with an `EngineError` on failure.
 */
export interface IEngine {
  /** What the summary calls the engine: `tofu` or `terraform` (the binary's file name). */
  readonly name: string;
  /** Installs providers and configures the backend. */
  init(dir: string, log: string): Promise<void>;
  /** Writes a plan to `planFile` (relative to `dir`). */
  plan(dir: string, planFile: string, log: string, options: PlanOptions): Promise<void>;
  /** The saved plan `planFile` as JSON (`show -json`): what it would do, resource by resource. */
  show(dir: string, planFile: string, log: string): Promise<ShownPlan>;
  /** Applies the saved plan `planFile`. */
  apply(dir: string, planFile: string, log: string): Promise<void>;
  /** The outputs of the stack's state, by name (after an apply); their values are not logged. */
  output(dir: string, log: string): Promise<Readonly<Record<string, EngineOutput>>>;
}

/** A step of the engine failed; the message names the step, the directory and the log. */
export class EngineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EngineError';
  }
}

/** One entry of a plan's `resource_changes` (`show -json`), as far as paved reads it. */
export interface ResourceChange {
  /** The resource's address: `aws_db_instance.checkout`, `module.x.aws_s3_bucket.y["a"]`. */
  readonly address: string;
  /** The resource's type: `aws_db_instance`. */
  readonly type: string;
  /** What the plan does to it. */
  readonly change: {
    /** `create`, `update`, `delete` (both for a replacement, in either order), `no-op`, `read`. */
    readonly actions: readonly string[];
    /** The attribute paths that force a replacement (`[['name']]`); absent when none does. */
    readonly replace_paths?: readonly (readonly (string | number)[])[];
  };
  /**
   * Why Terraform chose the action, when it says: `replace_because_cannot_update`,
   * `delete_because_no_resource_config`, ...; absent for ordinary creates and updates.
   */
  readonly action_reason?: string;
}

/** A plan as `show -json` prints it, as far as paved reads it. */
export interface ShownPlan {
  /** Every resource the plan touches or reads, no-ops included; absent in a plan of no resources. */
  readonly resource_changes?: readonly ResourceChange[];
}

/**
 * Counts the `resource_changes` of a plan shown as JSON (`show -json`), as Terraform's
 * "Plan: N to add, N to change, N to destroy" line does.
 */
export function countPlanChanges(plan: ShownPlan): PlanCounts {
  let adds = 0;
  let changes = 0;
  let destroys = 0;
  for (const { change } of plan.resource_changes ?? []) {
    adds += change.actions.includes('create') ? 1 : 0;
    changes += change.actions.includes('update') ? 1 : 0;
    destroys += change.actions.includes('delete') ? 1 : 0;
  }
  return { adds, changes, destroys };
}
