/**
 * The change-aware CI section of `npm run bench -- --ci`: the pull-request path of a platform
 * repository, end to end, each step a `paved` child process as CI runs it, on a platform of N
 * services in three environments whose pull request changes one prop of one service
 * (`bench/bench-platform.ts`):
 * - change-aware: synth the base, synth the head, check, `paved plan --changed` (offline, only the
 *   stacks whose JSON changed and their dependants), `paved diff --markdown` (the PR comment);
 * - plan everything, what the generated pipeline ran before (`src/operations/ci-pipeline.ts`):
 *   check, synth the head, `paved plan --offline` of every stack.
 * Both plan offline from the provider mirror, with Terraform's update check off: nothing is
 * downloaded.
 */
import { existsSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { BenchChange } from './bench-platform';
import { ROOT, measure } from './measure';

/** The provider mirror offline plans install from (see DESIGN.md). */
export const PROVIDER_MIRROR = '/opt/tf-plugins';

/** Stacks each `paved plan` runs at once (its default, given so that a sample's rounds are known). */
export const PLAN_PARALLELISM = 4;

/** A sample of the stacks an offline plan of everything plans. */
export interface PlanSample {
  /** Stacks planned. */
  readonly planned: number;
  /** Stacks an offline plan of everything plans (those with an `aws` provider only). */
  readonly of: number;
}

/** Options of `changeAwareCi`. */
export interface ChangeAwareCiOptions {
  /** Where the outputs, logs and the PR comment go; the caller deletes it. */
  readonly workdir: string;
  /**
   * Services of the platform, in three environments.
   * @default 100
   */
  readonly services?: number;
  /**
   * The pull request's one-prop change to the first service.
   * @default 'database-size' - its three Terraform stacks change
   */
  readonly change?: BenchChange;
  /**
   * Plan only this many stacks (spread evenly over `stacks.json`) on the plan-everything path
   * and extrapolate its time to every stack.
   * @default - every stack is planned
   */
  readonly planAllSample?: number;
}

/** One step of a CI path. */
export interface CiStep {
  /** What the step does, as the table names it. */
  readonly name: string;
  /** The arguments of `paved`. */
  readonly args: readonly string[];
}

/** A step that has run. */
export interface MeasuredStep extends CiStep {
  /** Its wall time, in milliseconds. */
  readonly wallMs: number;
  /** The last line it printed. */
  readonly lastLine?: string;
}

/** What `changeAwareCi` measured. */
export interface ChangeAwareCiFigures {
  /** Stacks of the head (every one in `stacks.json`). */
  readonly stacks: number;
  /** The change-aware path's steps, in order. */
  readonly changeAware: readonly MeasuredStep[];
  /** The plan-everything path's steps, in order. */
  readonly planAll: readonly MeasuredStep[];
  /** Stacks an offline plan of everything plans (those with an `aws` provider only). */
  readonly planAllStacks: number;
  /** When only a sample of the stacks was planned on the plan-everything path: how many of how many. */
  readonly planAllSampled?: PlanSample;
  /** The PR comment `paved diff --markdown` printed, when it ran. */
  readonly markdown?: string;
}

/**
 * `k` stack ids spread evenly over `ids` (the middle of each of `k` equal slices), in order:
 * the platform stacks, the Argo CD bootstrap and the services' stacks in their proportions.
 */
export function sampleStacks(ids: readonly string[], k: number): string[] {
  if (!Number.isInteger(k) || k < 1) {
    throw new Error(`--plan-all-sample must be a positive integer (got ${k})`);
  }
  if (k >= ids.length) {
    return [...ids];
  }
  return Array.from({ length: k }, (_, i) => ids[Math.floor(((i + 0.5) * ids.length) / k)]);
}

/** The steps of both paths, with their `paved` arguments, for outputs and logs under `work`. */
export function ciSteps(work: string, planAllStacks?: readonly string[]): { changeAware: CiStep[]; planAll: CiStep[] } {
  const app = join(ROOT, 'bench', 'platform.ts');
  const [base, head, risk] = [join(work, 'base'), join(work, 'head'), join(work, 'risk.json')];
  const offline = ['--offline', '--provider-mirror', PROVIDER_MIRROR, '--parallelism', String(PLAN_PARALLELISM)];
  const synthHead: CiStep = { name: 'synth head', args: ['synth', app, '--out', head] };
  const check: CiStep = { name: 'check', args: ['check', app] };
  return {
    changeAware: [
      { name: 'synth base', args: ['synth', app, '--out', base] },
      synthHead,
      check,
      { name: 'plan --changed', args: ['plan', '--changed', '--base', base, '--dist', head, ...offline, '--risk', risk, '--logs', join(work, 'logs-changed')] },
      { name: 'diff --markdown', args: ['diff', '--base', base, '--dist', head, '--risk', risk, '--markdown'] },
    ],
    planAll: [
      check,
      synthHead,
      { name: 'plan everything', args: ['plan', '--dist', head, ...offline, '--logs', join(work, 'logs-all'), ...(planAllStacks ?? []).flatMap((id) => ['--stack', id])] },
    ],
  };
}

/**
 * Runs both CI paths: the steps they share once (the base's and the head's synth, check), then
 * each path's plan, and the PR comment.
 */
export function changeAwareCi(options: ChangeAwareCiOptions): ChangeAwareCiFigures {
  if (!existsSync(PROVIDER_MIRROR)) {
    throw new Error(`the change-aware CI benchmark plans offline from the provider mirror ${PROVIDER_MIRROR}, which is missing (see DESIGN.md).`);
  }
  const work = options.workdir;
  const change = options.change ?? 'database-size';
  const env = {
    PAVED_BENCH_SERVICES: String(options.services ?? 100),
    // Terraform asks checkpoint-api.hashicorp.com for a newer version unless told not to.
    CHECKPOINT_DISABLE: '1',
  };
  // By name: the steps both paths share (the synth of the head, check) run once.
  const done = new Map<string, MeasuredStep>();
  const run = (step: CiStep): MeasuredStep => {
    if (!done.has(step.name)) {
      const result = measure([process.execPath, join(ROOT, 'bin', 'paved'), ...step.args], ROOT, {
        ...env,
        PAVED_BENCH_CHANGE: step.name === 'synth base' ? 'none' : change,
      });
      if (step.args[0] === 'diff') {
        writeFileSync(join(work, 'summary.md'), result.stdout);
      }
      done.set(step.name, { ...step, wallMs: result.wallMs, lastLine: result.stdout.trimEnd().split('\n').pop() });
    }
    return done.get(step.name)!;
  };

  const changeAware = ciSteps(work).changeAware.map(run);
  const head = join(work, 'head');
  const graph: { stacks: { id: string; directory: string; bootstrap?: boolean }[] } = JSON.parse(readFileSync(join(head, 'terraform', 'stacks.json'), 'utf8'));
  const planned = graph.stacks.filter((s) => !s.bootstrap && plansOffline(join(head, s.directory))).map((s) => s.id);
  const sample = options.planAllSample === undefined ? undefined : sampleStacks(planned, options.planAllSample);
  const planAll = ciSteps(work, sample).planAll.map(run);
  const markdownFile = join(work, 'summary.md');
  return {
    stacks: graph.stacks.length,
    planAllStacks: planned.length,
    changeAware,
    planAll,
    ...sample && sample.length < planned.length ? { planAllSampled: { planned: sample.length, of: planned.length } } : {},
    ...existsSync(markdownFile) ? { markdown: readFileSync(markdownFile, 'utf8') } : {},
  };
}

/**
 * Whether `paved plan --offline` plans the stack in `stackDir`: it leaves out a stack with a
 * provider other than `aws`, which needs a live system (`offlineStackCopy`'s `liveProviders`).
 */
function plansOffline(stackDir: string): boolean {
  const stack = JSON.parse(readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8'));
  return Object.keys(stack.provider ?? {}).every((name) => name === 'aws');
}

/**
 * The time of a path's steps, the plan-everything step extrapolated from its sample when
 * sampled: by rounds of `PLAN_PARALLELISM` stacks at once (a sample of 8 takes 2 rounds, 303
 * stacks take 76).
 */
export function endToEndMs(steps: readonly MeasuredStep[], sampled?: PlanSample): number {
  const rounds = (stacks: number) => Math.ceil(stacks / PLAN_PARALLELISM);
  const factor = (step: MeasuredStep) => (sampled && step.name === 'plan everything' ? rounds(sampled.of) / rounds(sampled.planned) : 1);
  return steps.reduce((sum, step) => sum + step.wallMs * factor(step), 0);
}

/**
 * The issue's measure of this machine's speed: "one stack takes about 2 s to plan offline here"
 * (planning all 306 stacks "costs minutes"). The plan-everything path, divided by the stacks it
 * plans, measures the same in the same minutes: the VM's speed drifts by half from hour to hour.
 */
export const ISSUE_SECONDS_A_STACK = 2;

/** The section's table and figures, as `npm run bench -- --ci` prints them. */
export function formatChangeAwareCi(figures: ChangeAwareCiFigures, services: number, change: BenchChange): string {
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const names = [...new Set([...figures.changeAware, ...figures.planAll].map((s) => s.name))];
  const cell = (steps: readonly MeasuredStep[], name: string) => {
    const step = steps.find((s) => s.name === name);
    if (!step) {
      return '';
    }
    const sampled = figures.planAllSampled && name === 'plan everything'
      ? ` (${figures.planAllSampled.planned} of ${figures.planAllSampled.of} stacks planned; extrapolated: ${seconds(endToEndMs([step], figures.planAllSampled))})`
      : '';
    return `${seconds(step.wallMs)}${sampled}`;
  };
  const changeAware = endToEndMs(figures.changeAware);
  const planAll = endToEndMs(figures.planAll, figures.planAllSampled);
  const planEverything = figures.planAll.find((s) => s.name === 'plan everything');
  const aStack = planEverything && endToEndMs([planEverything], figures.planAllSampled) / figures.planAllStacks / 1000;
  const lines = [
    `change-aware CI: ${services} services x 3 environments, ${figures.stacks} stacks; the pull request: '${change}' on service-0001 `
      + `(bench/bench-platform.ts); plans offline from ${PROVIDER_MIRROR}, ${PLAN_PARALLELISM} stacks at once; ${figures.planAllSampled
        ? `plan everything on a sample of ${figures.planAllSampled.planned} stacks, extrapolated by rounds to the ${figures.planAllSampled.of} it plans`
        : 'plan everything on every stack'}`,
    '',
    '| step | change-aware | plan everything |',
    '|---|---:|---:|',
    ...names.map((name) => `| ${name} | ${cell(figures.changeAware, name)} | ${cell(figures.planAll, name)} |`),
    `| end to end | ${seconds(changeAware)} | ${seconds(planAll)}${figures.planAllSampled ? ' (extrapolated)' : ''} |`,
    '',
    ...[...figures.changeAware, ...figures.planAll].filter((s) => s.args[0] === 'plan' && s.lastLine)
      .map((s) => `${s.name}: ${s.lastLine}`),
    ...figures.markdown === undefined ? [] : [`diff --markdown: ${figures.markdown.split('\n').length - 1} lines, ${Buffer.byteLength(figures.markdown)} bytes`],
    `plan everything / change-aware: ${(planAll / changeAware).toFixed(1)}x`,
    ...aStack === undefined ? [] : [`plan everything: ${aStack.toFixed(2)} s a stack (${figures.planAllStacks} stacks, ${PLAN_PARALLELISM} at once); `
      + `the issue's yardstick: about ${ISSUE_SECONDS_A_STACK} s a stack, so this machine ran at ${(ISSUE_SECONDS_A_STACK / aStack).toFixed(2)}x the issue's speed; `
      + `the change-aware path at the issue's speed (scaled by it): ${seconds((changeAware * ISSUE_SECONDS_A_STACK) / aStack)}`],
  ];
  return `${lines.join('\n')}\n`;
}
