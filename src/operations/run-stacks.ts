import { existsSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { basename, join, resolve as resolvePath } from 'path';
import { performance } from 'perf_hooks';
import { BaseStatePlanner, HeadPlan } from './base-state-planner';
import { ChangedStacks } from './changed-stacks';
import { classifyPlan } from './classify-plan';
import { EngineError, IEngine, PlanCounts, ShownPlan, countPlanChanges } from './engine';
import { offlineStackCopy } from './offline-stack-copy';
import { PlannedResourceChange } from './planned-resource-change';
import { readStackGraph } from './read-stack-graph';
import { recordFacts } from './record-facts';
import { CliError } from '../platform/cli-error';
import { FactWait, describeWaits } from '../platform/fact-wait';
import { MANIFEST_FILE, OUTPUT_FORMAT, OutputDirectory } from '../synth/output-directory';
import { StackGraph, StackGraphEntry } from '../synth/stack-graph';
import { quoteList } from '../util/quote-list';

/** The plan file `paved plan` saves in each stack directory, and `paved apply --saved-plan` applies. */
export const PLAN_FILE = 'paved.tfplan';

/** What is run in each stack. */
export type StackCommand = 'plan' | 'apply';

/** Options of `runStacks`. */
export interface RunStacksOptions {
  /** The synth output directory (the one that holds `terraform/stacks.json`). */
  readonly dist: string;
  /** `plan` (a saved plan per stack) or `apply` (of the saved plans). */
  readonly command: StackCommand;
  /** The engine that runs each step (`BinaryEngine` for `tofu` or `terraform`). */
  readonly engine: IEngine;
  /** Where each stack's engine output goes: `<logDir>/<environment>/<stack>.log`. */
  readonly logDir: string;
  /**
   * Only the stacks of these environments, and of the ephemeral environments made from them.
   * @default - every environment
   */
  readonly environments?: readonly string[];
  /**
   * Only these stacks (ids). A state bootstrap stack (`bootstrap` in `stacks.json`) runs only
   * when named here.
   * @default - every stack but the state bootstrap stacks
   */
  readonly stacks?: readonly string[];
  /**
   * Only the stacks that changed since a base output and their dependants (`changedStacks`),
   * within the stacks `environments` and `stacks` select; the others are `unchanged` and not run.
   * @default - every selected stack runs
   */
  readonly changes?: ChangedStacks;
  /**
   * Classify each planned resource action by risk (`classifyPlan`) into `plannedChanges`.
   * @default false
   */
  readonly classifyChanges?: boolean;
  /**
   * Most stacks run at once; a stack starts only when the stacks it depends on have succeeded.
   * @default 4
   */
  readonly parallelism?: number;
  /**
   * Plan a rewritten copy of each stack in a temporary directory, with dummy credentials and a
   * local state, so that no credentials or network are needed. `dist` is never written. With
   * `changes`, a stack the base has too is planned against a stand-in of the base's planned
   * state (`BaseStatePlanner`), so that its replacements and deletions show; other stacks are
   * planned from an empty state (every resource a create).
   * @default false
   */
  readonly offline?: boolean;
  /**
   * Apply the plans a previous `plan` saved in the stack directories instead of planning anew.
   * @default false
   */
  readonly savedPlan?: boolean;
  /**
   * Allow applying to production environments without saved plans.
   * @default false
   */
  readonly approveProduction?: boolean;
  /**
   * Apply only a plan that changes something: a plan of no adds, changes or destroys is not
   * applied (the run is `ok` with its zero counts and `applied: false`).
   * @default false
   */
  readonly skipUnchanged?: boolean;
  /**
   * The facts file an apply records fact outputs in; its name must be the one the platform
   * declares (`factsFile` in `terraform/stacks.json`).
   * @default - the declared name in the working directory (beside the default app `platform.ts`)
   */
  readonly factsFile?: string;
  /**
   * Called as each stack finishes, fails or is skipped.
   * @default - nothing is called
   */
  readonly onStackSettled?: (run: StackRun) => void;
}

/** The facts an applied stack produced, and whether they were recorded. */
export interface RecordedStackFacts {
  /** The stack's fact outputs. */
  readonly outputs: readonly string[];
  /**
   * The facts file they were recorded in; absent when the platform declares none, so nothing was
   * recorded.
   */
  readonly file?: string;
  /** Whether recording changed the file (false when it already held these values). */
  readonly changed: boolean;
}

/** How one stack went. */
export interface StackRun {
  /** The stack id, also its directory name: `checkout-dev`. */
  readonly id: string;
  /** The environment the stack deploys to. */
  readonly environment: string;
  /** The component the stack belongs to: a service, or `platform`. */
  readonly service: string;
  /**
   * `online-only`: an offline plan left the stack out because it talks to a live system (the
   * Argo CD bootstrap needs the cluster's API server); it is planned with credentials.
   * `waiting`: an apply left the stack out because it reads facts not recorded yet (see `waitsFor`).
   * `unchanged`: `changes` left the stack out: it is the same as in the base output and depends on
   * no stack that changed.
   */
  readonly result: 'ok' | 'failed' | 'skipped' | 'online-only' | 'waiting' | 'unchanged';
  /** Why `changes` selected the stack: `changed`, `new`, `depends on 'platform-dev'`; absent without `changes`. */
  readonly selectedBecause?: string;
  /** What the plan would do (or what was applied); absent when the stack got no plan. */
  readonly counts?: PlanCounts;
  /**
   * Whether the plan was applied: `false` when `skipUnchanged` left out a plan that changes
   * nothing; absent for a plan, or a stack that got no plan.
   */
  readonly applied?: boolean;
  /** Wall time, 0 for a skipped stack. */
  readonly seconds: number;
  /** The engine's output; absent for a skipped stack. */
  readonly log?: string;
  /** Why it failed, was skipped or waits. */
  readonly error?: string;
  /**
   * The facts the stack reads that were not recorded when it was synthesized: a plan of it is of
   * placeholders, and an apply leaves it out. Absent when it waits for nothing.
   */
  readonly waitsFor?: readonly FactWait[];
  /** What `waitsFor` says, and how to record those facts; absent when it waits for nothing. */
  readonly waiting?: string;
  /** The facts an apply of the stack recorded; absent when it has no fact outputs or was not applied. */
  readonly facts?: RecordedStackFacts;
  /** Its plan's resource actions, classified by risk; only with `classifyChanges`, when it got a plan. */
  readonly plannedChanges?: readonly PlannedResourceChange[];
  /**
   * What an offline plan with `changes` planned against: `base`, a stand-in of the base's planned
   * state (replacements and deletions show); `empty`, an empty state (every resource a create),
   * for a stack new since the base or one whose base could not be planned (see `standInProblem`).
   * Absent without `offline` and `changes`, and for a stack that got no plan.
   */
  readonly plannedAgainst?: 'base' | 'empty';
  /** Why a stack the base has was planned against an empty state; absent when it was not. */
  readonly standInProblem?: string;
}

/**
 * Plans or applies the stacks of a synth output in dependency order (a platform stack before the
 * service stacks of its environment), independent stacks in parallel. A stack whose dependency
 * failed is not attempted. Reads only the synth output, so it runs in CI from `dist/` alone.
 *
 * @returns one run per selected stack (with `changes`, those it leaves out too, as `unchanged`),
 * in the order of `terraform/stacks.json`
 * Plans and caches (`.terraform`) are written into the stack directories only when `dist` is
 * paved's own output (its manifest carries the marker); `offline` works on copies in a new
 * temporary directory and writes nothing into `dist`.
 *
 * @throws CliError when an environment or stack is unknown, production would be applied without
 * confirmation, or `dist` is not paved's output; nothing has run then
 */
export async function runStacks(options: RunStacksOptions): Promise<StackRun[]> {
  const graph = readStackGraph(options.dist);
  const { selected, unchanged } = selectStacks(graph, options);
  if (!options.offline && OutputDirectory.markerOf(options.dist) !== 'paved') {
    throw new CliError(`${options.dist} is not an output of this paved (its ${MANIFEST_FILE} has no "format": "${OUTPUT_FORMAT}"), and ${options.command} writes plans and provider caches into its stack directories; `
      + `nothing has run. Run 'paved synth' into a new or empty directory and ${options.command} that one (--dist DIR).`);
  }
  const parallelism = options.parallelism ?? 4;
  if (!Number.isInteger(parallelism) || parallelism < 1) {
    throw new CliError(`parallelism must be a whole number of at least 1 (got ${parallelism}).`);
  }
  if (options.command === 'apply' && options.savedPlan) {
    const missing = selected.filter((s) => !existsSync(join(options.dist, s.directory, PLAN_FILE))).map((s) => s.id);
    if (missing.length > 0) {
      throw new CliError(`no saved plan for ${quoteList(missing)}; run 'paved plan' (without --offline) first, or apply without --saved-plan.`);
    }
  }
  const facts: FactsRecording = { file: factsFileOf(graph, options), name: graph.factsFile, recordedBy: new Set() };
  const offlineRoot = options.offline ? mkdtempSync(join(tmpdir(), 'paved-offline-')) : undefined;
  try {
    const baseStacks = offlineRoot && options.changes ? baseStacksOf(options.changes, options.engine, offlineRoot) : undefined;
    const runs = await schedule(selected, parallelism, (entry) => runStack(entry, options, offlineRoot, facts, baseStacks), options.onStackSettled);
    const reasons = options.changes?.reasons;
    const selectedRuns = runs.map((run) => (reasons ? { ...run, selectedBecause: reasons.get(run.id) } : run));
    const byId = new Map([...selectedRuns, ...unchanged].map((run) => [run.id, run]));
    return graph.stacks.filter((s) => byId.has(s.id)).map((s) => byId.get(s.id)!);
  } finally {
    if (offlineRoot) {
      rmSync(offlineRoot, { recursive: true, force: true });
    }
  }
}

/** The stacks of the base output, by id, and the planner of stand-ins of their state. */
interface BaseStacks {
  readonly planner: BaseStatePlanner;
  readonly directories: ReadonlyMap<string, string>;
}

/** The base's stacks, whose offline copies go under `offlineRoot/.base` (no environment's name starts with a dot). */
function baseStacksOf(changes: ChangedStacks, engine: IEngine, offlineRoot: string): BaseStacks {
  return {
    planner: new BaseStatePlanner({ engine, base: changes.base, root: join(offlineRoot, '.base') }),
    directories: new Map(readStackGraph(changes.base).stacks.map((s) => [s.id, s.directory])),
  };
}

/**
 * The plan of `entry` (with `planHead`), against the stand-in of its base's state when the base
 * has the stack (`BaseStatePlanner`), against an empty state when not.
 * @throws EngineError when the plan fails
 */
async function planAgainstBase(entry: SelectedStack, dir: string, log: string, baseStacks: BaseStacks, planHead: () => Promise<ShownPlan>): Promise<HeadPlan | { shown: ShownPlan; plannedAgainst: 'empty' }> {
  const directory = baseStacks.directories.get(entry.id);
  if (directory === undefined) {
    return { shown: await planHead(), plannedAgainst: 'empty' };
  }
  return baseStacks.planner.planAgainstBase({ environment: entry.environment, id: entry.id, directory, headDir: dir, log: log.replace(/\.log$/, '.base.log'), headLog: log }, planHead);
}

/**
 * Where an apply records facts: `options.factsFile`, or the declared name in the working directory.
 * @throws CliError when `options.factsFile` is not a file of the declared name
 */
function factsFileOf(graph: StackGraph, options: RunStacksOptions): string | undefined {
  if (graph.factsFile === undefined || options.command !== 'apply') {
    return undefined;
  }
  const file = resolvePath(options.factsFile ?? graph.factsFile);
  if (basename(file) !== graph.factsFile) {
    throw new CliError(`--facts ${options.factsFile} is not the platform's facts file: the platform reads its facts from a file named ${graph.factsFile} (RecordedFacts.fromFile); pass --facts with the path of that file. Nothing has run.`);
  }
  return file;
}

interface SelectedStack extends StackGraphEntry {
  readonly production: boolean;
}

/** Where a run records facts, and which of its stacks recorded theirs. */
interface FactsRecording {
  /** The facts file an apply writes, or undefined when the platform declares none or the run plans. */
  readonly file: string | undefined;
  /** The name of the platform's facts file, or undefined when it declares none. */
  readonly name: string | undefined;
  /** The stacks that recorded their fact outputs in this run. */
  readonly recordedBy: Set<string>;
}

/** The stacks to run, and the runs of those `options.changes` leaves out as unchanged. */
function selectStacks(graph: StackGraph, options: RunStacksOptions): { selected: SelectedStack[]; unchanged: StackRun[] } {
  const known = graph.environments.map((e) => e.name);
  const unknownEnvironments = (options.environments ?? []).filter((e) => !known.includes(e));
  if (unknownEnvironments.length > 0) {
    throw new CliError(`unknown environment ${quoteList(unknownEnvironments)}; the synth output has ${quoteList(known)}.`);
  }
  const unknownStacks = (options.stacks ?? []).filter((id) => !graph.stacks.some((s) => s.id === id));
  if (unknownStacks.length > 0) {
    throw new CliError(`unknown stack ${quoteList(unknownStacks)}; the synth output has ${quoteList(graph.stacks.map((s) => s.id))}.`);
  }
  const environments = options.environments && new Set(graph.environments
    .filter((e) => options.environments!.includes(e.name) || (e.from !== undefined && options.environments!.includes(e.from)))
    .map((e) => e.name));
  const production = new Set(graph.environments.filter((e) => e.production).map((e) => e.name));
  const inScope = graph.stacks
    .filter((s) => (!environments || environments.has(s.environment)) && (options.stacks ? options.stacks.includes(s.id) : !s.bootstrap));
  const reasons = options.changes?.reasons;
  const selected = inScope
    .filter((s) => !reasons || reasons.has(s.id))
    .map((s) => ({ ...s, production: production.has(s.environment) }));
  const unchanged = inScope
    .filter((s) => reasons && !reasons.has(s.id))
    .map((s): StackRun => ({ id: s.id, environment: s.environment, service: s.service, result: 'unchanged', seconds: 0 }));
  const unconfirmed = [...new Set(selected.filter((s) => s.production).map((s) => s.environment))];
  if (options.command === 'apply' && unconfirmed.length > 0 && !options.savedPlan && !options.approveProduction) {
    throw new CliError(`applying to production environment ${quoteList(unconfirmed)} needs a confirmation: apply the plans a reviewer saw with --saved-plan (after 'paved plan'), or pass --approve-production. Nothing was applied.`);
  }
  return { selected, unchanged };
}

async function runStack(
  entry: SelectedStack,
  options: RunStacksOptions,
  offlineRoot: string | undefined,
  facts: FactsRecording,
  baseStacks: BaseStacks | undefined,
): Promise<StackRun> {
  const waits = entry.waitsFor ?? [];
  const waitsFor = waits.length > 0 ? { waitsFor: waits, waiting: `it waits for ${describeWaits(waits, facts.name)}` } : {};
  if (options.command === 'apply' && waits.length > 0) {
    const recorded = waits.every((w) => facts.recordedBy.has(w.stack));
    return {
      id: entry.id,
      environment: entry.environment,
      service: entry.service,
      result: 'waiting',
      seconds: 0,
      ...waitsFor,
      error: recorded ? 'not applied: facts recorded: synth again to apply' : `not applied: ${waitsFor.waiting}`,
    };
  }
  const started = performance.now();
  const log = join(options.logDir, entry.environment, `${entry.id}.log`);
  const seconds = () => Math.round((performance.now() - started) / 10) / 100;
  const copy = offlineRoot ? offlineStackCopy(join(options.dist, entry.directory), join(offlineRoot, entry.environment, entry.id)) : undefined;
  if (copy && copy.liveProviders.length > 0) {
    const providers = copy.liveProviders.join(', ');
    return { id: entry.id, environment: entry.environment, service: entry.service, result: 'online-only', seconds: 0, error: `left out of the offline plan: its ${providers} provider needs the live system; plan it with credentials` };
  }
  const dir = copy?.dir ?? join(options.dist, entry.directory);
  const { engine } = options;
  let prior: Pick<StackRun, 'plannedAgainst' | 'standInProblem'> = {};
  try {
    // Planned against its base, the head's copy is planned alone only when that fails: initialized then, once.
    let initialized: Promise<void> | undefined;
    const planHead = async () => {
      await (initialized ??= engine.init(dir, log));
      if (!(options.command === 'apply' && options.savedPlan)) {
        await engine.plan(dir, PLAN_FILE, log, { refresh: !offlineRoot, lock: !offlineRoot });
      }
      return engine.show(dir, PLAN_FILE, log);
    };
    const { shown, ...against } = baseStacks ? await planAgainstBase(entry, dir, log, baseStacks, planHead) : { shown: await planHead() };
    prior = against;
    const counts = countPlanChanges(shown);
    const unchanged = counts.adds === 0 && counts.changes === 0 && counts.destroys === 0;
    const apply = options.command === 'apply' && !(options.skipUnchanged && unchanged);
    if (apply) {
      await engine.apply(dir, PLAN_FILE, log);
    }
    const applied = options.command === 'apply' ? { applied: apply } : {};
    const recorded = options.command === 'apply' && entry.factOutputs && entry.factOutputs.length > 0
      ? { facts: await recordStackFacts(entry, dir, log, options.engine, facts) }
      : {};
    const classified = options.classifyChanges ? { plannedChanges: classifyPlan(shown, entry) } : {};
    return { id: entry.id, environment: entry.environment, service: entry.service, result: 'ok', counts, ...applied, seconds: seconds(), log, ...waitsFor, ...recorded, ...classified, ...prior };
  } catch (error) {
    if (error instanceof CliError) {
      return { id: entry.id, environment: entry.environment, service: entry.service, result: 'failed', seconds: seconds(), log, error: `applied, but ${error.message}` };
    }
    if (!(error instanceof EngineError)) {
      throw error;
    }
    const offlineHint = copy && copy.dataSources.length > 0
      ? `; the stack reads data sources (${copy.dataSources.join(', ')}), which need AWS credentials that an offline plan does not have: plan this stack with credentials instead`
      : '';
    return { id: entry.id, environment: entry.environment, service: entry.service, result: 'failed', seconds: seconds(), log, error: `${error.message}${offlineHint}`, ...prior };
  }
}

/**
 * Reads the fact outputs of an applied stack and records them in the facts file, if the platform
 * declares one.
 * @throws CliError when they cannot be recorded
 */
async function recordStackFacts(entry: SelectedStack, dir: string, log: string, engine: IEngine, facts: FactsRecording): Promise<RecordedStackFacts> {
  const outputs = entry.factOutputs ?? [];
  if (facts.file === undefined) {
    return { outputs, changed: false };
  }
  const changed = recordFacts(facts.file, entry.environment, outputs, await engine.output(dir, log));
  facts.recordedBy.add(entry.id);
  return { outputs, file: facts.file, changed };
}

/** How a dependant's skip message names a dependency that did not succeed. */
const DEPENDENCY_OUTCOMES: Readonly<Record<StackRun['result'], string>> = {
  'ok': 'succeeded',
  'failed': 'failed',
  'skipped': 'was skipped',
  'online-only': 'was skipped',
  'waiting': 'waits for facts',
  'unchanged': 'was not run',
};

/**
 * Runs `run` for each stack once all its selected dependencies succeeded, at most `parallelism`
 * at once, earlier stacks first; the dependants of a stack that did not succeed are skipped.
 */
function schedule(
  stacks: readonly SelectedStack[],
  parallelism: number,
  run: (stack: SelectedStack) => Promise<StackRun>,
  onSettled: ((run: StackRun) => void) | undefined,
): Promise<StackRun[]> {
  const index = new Map(stacks.map((s, i) => [s.id, i]));
  const waitingOn = stacks.map((s) => s.dependsOn.filter((id) => index.has(id)).length);
  const dependants: number[][] = stacks.map(() => []);
  stacks.forEach((s, i) => s.dependsOn.filter((id) => index.has(id)).forEach((id) => dependants[index.get(id)!].push(i)));
  const results: StackRun[] = [];
  const ready = stacks.map((_, i) => i).filter((i) => waitingOn[i] === 0);
  let running = 0;
  let settledCount = 0;

  return new Promise((resolve, reject) => {
    const settle = (i: number, result: StackRun) => {
      results[i] = result;
      settledCount++;
      onSettled?.(result);
      for (const dependant of dependants[i]) {
        if (result.result !== 'ok' && !results[dependant]) {
          const { id, environment, service } = stacks[dependant];
          settle(dependant, { id, environment, service, result: 'skipped', seconds: 0, error: `not attempted: it depends on '${stacks[i].id}', which ${DEPENDENCY_OUTCOMES[result.result]}` });
        } else if (result.result === 'ok' && --waitingOn[dependant] === 0) {
          ready.push(dependant);
          ready.sort((a, b) => a - b);
        }
      }
    };
    const pump = () => {
      while (running < parallelism && ready.length > 0) {
        const i = ready.shift()!;
        if (results[i]) {
          continue;
        }
        running++;
        run(stacks[i]).then((result) => {
          running--;
          settle(i, result);
          pump();
        }, reject);
      }
      if (settledCount === stacks.length) {
        resolve(results);
      }
    };
    pump();
  });
}
