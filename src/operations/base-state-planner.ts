import { appendFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';
import { BASE_MODULE, HEAD_MODULE, baseAndHeadState, modulePlan, writeBaseAndHeadConfiguration } from './base-and-head-configuration';
import { ConfiguredResources, TerraformState, baseStateStandIn, plannedResources, withoutEmptyUpdates } from './base-state-stand-in';
import { EngineError, IEngine, ProviderSchemas, ShownPlan } from './engine';
import { STACK_FILE, offlineStackCopy } from './offline-stack-copy';

/** The state file of an offline copy of a stack (its local backend's path). */
export const STATE_FILE = 'terraform.tfstate';

/** The plan file of each plan of a base-and-head configuration. */
const PLAN_FILE = 'base-and-head.tfplan';

/** Where the base's offline copy goes in the directory of its base-and-head configuration. */
const BASE_COPY = 'base';

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
  /**
   * Where the base-and-head configurations go, `<root>/<environment>/<stack>`, each with the
   * offline copy of the base's stack in `base`.
   */
  readonly root: string;
}

/** A head stack to plan against the stand-in of its base's state. */
export interface HeadStack {
  /** The stack's environment. */
  readonly environment: string;
  /** The stack's id in both `stacks.json`. */
  readonly id: string;
  /** The base's stack directory, relative to the base output. */
  readonly directory: string;
  /**
   * The head's offline copy, which the configuration of both calls as a module; the stand-in is
   * written into it as `terraform.tfstate` only to plan the head alone.
   */
  readonly headDir: string;
  /** The log of the base's plan alone, and of the init of the configuration of both. */
  readonly log: string;
  /** The log of the head's plans: the plans of the base and the head together go there too. */
  readonly headLog: string;
}

/** The head's plan, and what it was planned against. */
export type HeadPlan =
  | { readonly shown: ShownPlan; readonly plannedAgainst: 'base' }
  | { readonly shown: ShownPlan; readonly plannedAgainst: 'empty'; readonly standInProblem: string };

/**
 * Plans a head stack against a stand-in of the state its base stack would have after an apply,
 * so that an offline plan of the head sees what it replaces and deletes. The base's stack is
 * copied offline, and called as a module next to the head's copy by one configuration
 * (`writeBaseAndHeadConfiguration`); the base alone is planned from an empty state, and its
 * stand-in made from that plan (`baseStateStandIn`); then the base and the head are planned
 * together against it, in one engine process. The head's plan is taken when every resource the
 * base still changes against its own stand-in (a value a placeholder could not settle) has the
 * same planned change in the head: the head does not touch it, and it is a no-op. Otherwise (at
 * most `MAX_SETTLING_PLANS` times) the stand-in is made anew from the base's last plan, which
 * knows more values. Provider schemas are read once per run, alongside the first base's first
 * plan (again only for a provider that read lacks).
 */
export class BaseStatePlanner {
  /** The base synth output. */
  public readonly base: string;
  private readonly engine: IEngine;
  private readonly root: string;
  /** The reads of provider schemas so far. */
  private readonly schemaReads: Promise<ProviderSchemas>[] = [];

  constructor(props: BaseStatePlannerProps) {
    this.engine = props.engine;
    this.base = props.base;
    this.root = props.root;
  }

  /**
   * Plans `stack` against the stand-in of its base's state; when the base cannot be planned or
   * its stand-in does not settle, with `planHead` (which plans and shows the head's offline copy
   * alone) against an empty state, saying why.
   * @throws the head's error when its plan fails
   */
  public async planAgainstBase(stack: HeadStack, planHead: () => Promise<ShownPlan>): Promise<HeadPlan> {
    try {
      return { shown: await this.settle(stack, planHead), plannedAgainst: 'base' };
    } catch (error) {
      if (error instanceof HeadPlanFailure) {
        throw error.error;
      }
      if (!(error instanceof EngineError)) {
        throw error;
      }
      rmSync(join(stack.headDir, STATE_FILE), { force: true });
      const standInProblem = `its base could not be planned, so it was planned against an empty state and its replacements and deletions are not seen: ${error.message}`;
      return { shown: await planHead(), plannedAgainst: 'empty', standInProblem };
    }
  }

  /**
   * The head's plan against a stand-in of its base's state that the base's own plan settles.
   * @throws EngineError when the base cannot be planned or its stand-in does not settle
   * @throws HeadPlanFailure when the head's plan fails
   */
  private async settle(stack: HeadStack, planHead: () => Promise<ShownPlan>): Promise<ShownPlan> {
    const dir = join(this.root, stack.environment, stack.id);
    const copy = offlineStackCopy(join(this.base, stack.directory), join(dir, BASE_COPY));
    writeBaseAndHeadConfiguration(dir, copy.dir, stack.headDir);
    const configuration: ConfiguredResources = JSON.parse(readFileSync(join(copy.dir, STACK_FILE), 'utf8')).resource ?? {};
    await this.engine.init(dir, stack.log);
    this.readSchemasOnce(dir, stack.log);
    let base = modulePlan(await this.plan(dir, stack.log, [BASE_MODULE]), BASE_MODULE);
    mkdirSync(dirname(stack.headLog), { recursive: true });
    appendFileSync(stack.headLog, `# planned with its base, against a stand-in of the base's planned state: ${HEAD_MODULE} is this stack, ${BASE_MODULE} its base (planned alone in ${stack.log})\n`);
    for (let plans = 1; ; plans++) {
      const state = baseStateStandIn(base, await this.schemasOf(base, dir, stack.log), configuration);
      writeStateFile(dir, baseAndHeadState(state));
      const both = await this.plan(dir, stack.headLog).catch(async (error: unknown) => {
        // The base's plan or the head's failed: the head's copy alone tells which.
        writeStateFile(stack.headDir, state);
        await planHead().catch((headError: unknown) => {
          throw new HeadPlanFailure(headError);
        });
        throw error;
      });
      const [again, head] = [modulePlan(both, BASE_MODULE), modulePlan(both, HEAD_MODULE)];
      const unsettled = changedResources(withoutEmptyUpdates(again));
      const headChanges = new Map((head.resource_changes ?? []).map((r) => [r.address, JSON.stringify(r.change)]));
      if ([...unsettled].every(([address, change]) => headChanges.get(address) === change)) {
        return withoutEmptyUpdates(asNoOps(head, new Set(unsettled.keys())));
      }
      if (plans >= MAX_SETTLING_PLANS) {
        throw new EngineError(`the stand-in of its base's state did not settle: planned against it ${MAX_SETTLING_PLANS} times, the base still changes resources that the head changes otherwise; see ${stack.headLog}`);
      }
      base = again;
    }
  }

  private async plan(dir: string, log: string, targets?: readonly string[]): Promise<ShownPlan> {
    await this.engine.plan(dir, PLAN_FILE, log, { refresh: false, lock: false, ...targets ? { targets } : {} });
    return this.engine.show(dir, PLAN_FILE, log);
  }

  /**
   * Starts reading the provider schemas in the initialized `dir` when no read has started, so
   * that the read runs alongside the first plans: a stand-in needs them once its base is planned.
   */
  private readSchemasOnce(dir: string, log: string): void {
    if (this.schemaReads.length === 0) {
      this.readSchemas(dir, log);
    }
  }

  /** The resource schemas of the providers `plan` uses, read again in `dir` when a read so far lacks one of them. */
  private async schemasOf(plan: ShownPlan, dir: string, log: string): Promise<ProviderSchemas> {
    const providers = [...new Set(plannedResources(plan).map((r) => r.provider_name))];
    const read = async () => Object.assign({}, ...await Promise.all(this.schemaReads)) as ProviderSchemas;
    let schemas = await read();
    if (providers.some((provider) => !(provider in schemas))) {
      this.readSchemas(dir, log);
      schemas = await read();
    }
    return Object.fromEntries(providers.map((provider) => [provider, schemas[provider] ?? {}]));
  }

  private readSchemas(dir: string, log: string): void {
    const read = this.engine.providerSchemas(dir, log);
    // Awaited by the stand-ins that need it; a read no stand-in awaits (its base failed to plan) is no unhandled rejection.
    read.catch(() => undefined);
    this.schemaReads.push(read);
  }
}

function writeStateFile(dir: string, state: TerraformState): void {
  writeFileSync(join(dir, STATE_FILE), `${JSON.stringify(state, undefined, 2)}\n`);
}

/** The resources `plan` changes, by address, each with its planned change as JSON. */
function changedResources(plan: ShownPlan): Map<string, string> {
  return new Map((plan.resource_changes ?? [])
    .filter((r) => !(r.change.actions.length === 1 && ['no-op', 'read'].includes(r.change.actions[0])))
    .map((r) => [r.address, JSON.stringify(r.change)]));
}

/** `plan` with the changes of the resources at `addresses` as no-ops. */
function asNoOps(plan: ShownPlan, addresses: ReadonlySet<string>): ShownPlan {
  return { ...plan, resource_changes: plan.resource_changes?.map((r) => (addresses.has(r.address) ? { ...r, change: { ...r.change, actions: ['no-op'] } } : r)) };
}

/** The head's plan failed, with `error`: not a problem of the base's stand-in. */
class HeadPlanFailure {
  constructor(public readonly error: unknown) {}
}
