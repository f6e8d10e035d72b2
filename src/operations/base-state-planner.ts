import { writeFileSync } from 'fs';
import { join } from 'path';
import { TerraformState, baseStateStandIn, plannedResources, withoutEmptyUpdates } from './base-state-stand-in';
import { EngineError, IEngine, ProviderSchemas, ResourceSchema, ShownPlan, countPlanChanges } from './engine';
import { offlineStackCopy } from './offline-stack-copy';

/** The state file of an offline copy of a stack (its local backend's path). */
export const STATE_FILE = 'terraform.tfstate';

/** The plan file of each plan of a base's copy. */
const BASE_PLAN_FILE = 'base.tfplan';

/**
 * Most plans of the base against its own stand-in, before the stand-in is given up on: each
 * plan makes known the values that were unknown because they read values of other resources.
 */
export const MAX_SETTLING_PLANS = 5;

/** Props of a `BaseStatePlanner`. */
export interface BaseStatePlannerProps {
  /** The engine that plans the base's stacks. */
  readonly engine: IEngine;
  /** The base synth output (`paved plan --changed --base DIR`). */
  readonly base: string;
  /** Where the offline copies of the base's stacks go: `<root>/<environment>/<stack>`. */
  readonly root: string;
}

/**
 * Writes, into the offline copy of a head stack, a stand-in of the state its base stack would
 * have after an apply, so that an offline plan of the head sees what it replaces and deletes.
 * The base's stack is copied offline and planned from an empty state; then, until the base
 * planned against its own stand-in changes nothing (at most `MAX_SETTLING_PLANS`
 * times), planned again against the stand-in made from that plan (`baseStateStandIn`), as each
 * plan makes known the values that read placeholders. Provider schemas are read once per
 * provider and run.
 */
export class BaseStatePlanner {
  /** The base synth output. */
  public readonly base: string;
  private readonly engine: IEngine;
  private readonly root: string;
  private readonly schemas = new Map<string, Promise<Readonly<Record<string, ResourceSchema>>>>();

  constructor(props: BaseStatePlannerProps) {
    this.engine = props.engine;
    this.base = props.base;
    this.root = props.root;
  }

  /**
   * Plans the base's stack in `directory` (relative to the base output) and writes the stand-in
   * of its state as `terraform.tfstate` into `headDir`.
   * @throws EngineError when a step of the base's plan fails, or its stand-in does not settle
   */
  public async writeStandIn(environment: string, id: string, directory: string, headDir: string, log: string): Promise<void> {
    const copy = offlineStackCopy(join(this.base, directory), join(this.root, environment, id));
    await this.engine.init(copy.dir, log);
    let shown = await this.plan(copy.dir, log);
    for (let plans = 0; ; plans++) {
      const state = baseStateStandIn(shown, await this.schemasOf(shown, copy.dir, log));
      writeStateFile(copy.dir, state);
      shown = await this.plan(copy.dir, log);
      if (!changesAnything(withoutEmptyUpdates(shown))) {
        writeStateFile(headDir, state);
        return;
      }
      if (plans + 1 >= MAX_SETTLING_PLANS) {
        throw new EngineError(`the stand-in of its base's state did not settle: planned against it ${MAX_SETTLING_PLANS} times, the base still changes resources; see ${log}`);
      }
    }
  }

  private async plan(dir: string, log: string): Promise<ShownPlan> {
    await this.engine.plan(dir, BASE_PLAN_FILE, log, { refresh: false, lock: false });
    return this.engine.show(dir, BASE_PLAN_FILE, log);
  }

  /** The resource schemas of the providers `plan` uses, read in `dir` the first time a provider is seen. */
  private async schemasOf(plan: ShownPlan, dir: string, log: string): Promise<ProviderSchemas> {
    const providers = [...new Set(plannedResources(plan).map((r) => r.provider_name))];
    const missing = providers.filter((p) => !this.schemas.has(p));
    if (missing.length > 0) {
      const read = this.engine.providerSchemas(dir, log);
      for (const provider of missing) {
        this.schemas.set(provider, read.then((all) => all[provider] ?? {}));
      }
    }
    return Object.fromEntries(await Promise.all(providers.map(async (p) => [p, await this.schemas.get(p)!] as const)));
  }
}

function writeStateFile(dir: string, state: TerraformState): void {
  writeFileSync(join(dir, STATE_FILE), `${JSON.stringify(state, undefined, 2)}\n`);
}

function changesAnything(plan: ShownPlan): boolean {
  const { adds, changes, destroys } = countPlanChanges(plan);
  return adds + changes + destroys > 0;
}
