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
  /**
   * Plan only these resources or modules and what they depend on (`-target`).
   * @default - every resource of the configuration
   */
  readonly targets?: readonly string[];
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
  /**
   * The schemas of the providers the initialized stack in `dir` uses (`providers schema -json`),
   * by provider address (`registry.terraform.io/hashicorp/aws`); not logged, as they are large.
   */
  providerSchemas(dir: string, log: string): Promise<ProviderSchemas>;
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
  /** The address of its module: `module.x`; absent in the root module. */
  readonly module_address?: string;
  /** Its address before a `moved` block moved it; absent when it did not move. */
  readonly previous_address?: string;
  /** The resource's type: `aws_db_instance`. */
  readonly type: string;
  /** What the plan does to it. */
  readonly change: {
    /** `create`, `update`, `delete` (both for a replacement, in either order), `no-op`, `read`. */
    readonly actions: readonly string[];
    /** The attribute paths that force a replacement (`[['name']]`); absent when none does. */
    readonly replace_paths?: readonly (readonly (string | number)[])[];
    /** The resource's attribute values before the change; null for a create. */
    readonly before?: unknown;
    /** Its attribute values after the change, as far as they are known; null for a delete. */
    readonly after?: unknown;
    /**
     * Which attributes of the planned values are unknown until apply, shaped as the values:
     * `true` where a value is unknown (`{ arn: true, tags: { a: true } }`); absent when none is.
     */
    readonly after_unknown?: unknown;
  };
  /**
   * Why Terraform chose the action, when it says: `replace_because_cannot_update`,
   * `delete_because_no_resource_config`, ...; absent for ordinary creates and updates.
   */
  readonly action_reason?: string;
}

/** A resource of a plan's `planned_values`: its values after the apply, as far as they are known. */
export interface PlannedResource {
  /** The resource's address: `aws_sqs_queue.orders`, `module.x.aws_s3_bucket.y["a"]`. */
  readonly address: string;
  /** `managed` for a resource, `data` for a data source. */
  readonly mode: string;
  /** The resource's type: `aws_sqs_queue`. */
  readonly type: string;
  /** The resource's name in its module: `orders`. */
  readonly name: string;
  /** The instance's `count` index or `for_each` key; absent for a single instance. */
  readonly index?: string | number;
  /** The provider's address: `registry.terraform.io/hashicorp/aws`. */
  readonly provider_name: string;
  /** The version of the resource type's schema the values follow. */
  readonly schema_version: number;
  /** The attribute values known at plan time (unknown ones are absent); absent when none is known. */
  readonly values?: Readonly<Record<string, unknown>>;
}

/** A module of a plan's `planned_values`, with its resources and child modules. */
export interface PlannedModule {
  /** The module's address (`module.x`); absent for the root module. */
  readonly address?: string;
  /** The module's own resources; absent when it has none. */
  readonly resources?: readonly PlannedResource[];
  /** The modules it calls; absent when it calls none. */
  readonly child_modules?: readonly PlannedModule[];
}

/** A plan as `show -json` prints it, as far as paved reads it. */
export interface ShownPlan {
  /** The version of the engine that made the plan: `1.11.4`. */
  readonly terraform_version?: string;
  /** What every resource would hold after the apply; absent in a plan of no resources. */
  readonly planned_values?: {
    /** The root module. */
    readonly root_module?: PlannedModule;
  };
  /** Every resource the plan touches or reads, no-ops included; absent in a plan of no resources. */
  readonly resource_changes?: readonly ResourceChange[];
}

/**
 * A value type of a provider schema, as `providers schema -json` prints it: `string`, `number`,
 * `bool`, `dynamic`, or a collection such as `['list', 'string']` or `['object', { a: 'string' }]`.
 */
export type SchemaType = string | readonly [string, unknown];

/** A block of a provider schema: its attributes and nested blocks. */
export interface SchemaBlock {
  /** The block's attributes, by name; absent when it has none. */
  readonly attributes?: Readonly<Record<string, { readonly type?: SchemaType }>>;
  /** Its nested blocks, by name, with how they nest (`list`, `set`, `single`, ...); absent when it has none. */
  readonly block_types?: Readonly<Record<string, { readonly nesting_mode: string; readonly block: SchemaBlock }>>;
}

/** The schema of one resource type. */
export interface ResourceSchema {
  /** The schema's version, which a state records with each instance. */
  readonly version: number;
  /** The resource's top-level block. */
  readonly block: SchemaBlock;
}

/** The resource schemas of providers, by provider address and resource type. */
export type ProviderSchemas = Readonly<Record<string, Readonly<Record<string, ResourceSchema>>>>;

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
