import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join, resolve } from 'path';
import { CliIo } from './cli-io';
import { CommandArgs, CommandOptions } from './command';
import { formatStackRuns } from './format-stack-runs';
import { displayPath } from './load-platform';
import { BinaryEngine } from '../operations/binary-engine';
import { ChangedStacks } from '../operations/changed-stacks';
import { plannedChanges } from '../operations/planned-changes';
import { RunStacksOptions, StackCommand, StackRun, runStacks } from '../operations/run-stacks';
import { CliError } from '../platform/cli-error';
import { OutputDirectory } from '../synth/output-directory';
import { quoteList } from '../util/quote-list';

/** The options `paved plan` and `paved apply` share. */
export const STACK_COMMAND_OPTIONS: CommandOptions = {
  'dist': { type: 'string', default: 'dist' },
  'env': { type: 'string', multiple: true },
  'stack': { type: 'string', multiple: true },
  'engine': { type: 'string' },
  'parallelism': { type: 'string', default: '4' },
  'provider-mirror': { type: 'string' },
  'logs': { type: 'string' },
  'json': { type: 'boolean', default: false },
};

/** The help lines of `STACK_COMMAND_OPTIONS`. */
export const STACK_COMMAND_HELP = `  --dist DIR              the synth output to work on (default: dist)
  --env ENV               only environment ENV and the ephemeral environments made from it (repeatable)
  --stack ID              only stack ID (repeatable); the bootstrap-<env> stacks run only when named
  --engine NAME|PATH      the engine binary (default: tofu when on PATH, else terraform)
  --parallelism N         most stacks at once (default: 4)
  --provider-mirror DIR   install providers from DIR only, with no downloads
  --logs DIR              where each stack's engine output goes (default: a new temporary directory)
  --json                  print the summary as JSON instead of a table`;

/**
 * The exit code of an apply in which nothing failed but some stacks wait for facts not recorded
 * when they were synthesized (day 0): not a failure, and not the success of those stacks.
 */
export const WAITING_EXIT_CODE = 3;

/** What `paved plan` and `paved apply` add to the options they share. */
export interface StackCommandExtras extends Pick<RunStacksOptions, 'offline' | 'savedPlan' | 'approveProduction' | 'onStackSettled' | 'skipUnchanged' | 'factsFile' | 'changes'> {
  /**
   * Where to write the planned resource actions classified by risk (a `PlannedChanges` JSON).
   * @default - nothing is written, and no plan is classified
   */
  readonly riskFile?: string;
}

/**
 * Runs `command` over the stacks of the synth output as `args` say, prints the summary (a table,
 * or JSON), the log tail of each failed stack, what each waiting stack waits for and what each
 * applied stack recorded; with `changes`, why each stack was selected, how many were left out as
 * unchanged, and the stacks removed since the base.
 * @returns 0 when every stack succeeded, 1 when any failed, else `WAITING_EXIT_CODE` when an
 * apply left out stacks that wait for facts
 */
export async function runStackCommand(
  command: StackCommand,
  { values }: CommandArgs,
  io: CliIo,
  { riskFile, ...extra }: StackCommandExtras = {},
): Promise<number> {
  const parallelism = Number(values.parallelism);
  if (!Number.isInteger(parallelism) || parallelism < 1) {
    throw new CliError(`--parallelism must be a whole number of at least 1 (got '${values.parallelism}').`);
  }
  const engine = new BinaryEngine({
    binary: values.engine as string | undefined,
    providerMirror: values['provider-mirror'] as string | undefined,
  });
  const risk = riskFile !== undefined ? writableFile(riskFile, '--risk') : undefined;
  const logs = values.logs as string | undefined;
  const logDir = logs !== undefined ? OutputDirectory.writable(logs, { option: '--logs', example: 'paved-logs' }) : mkdtempSync(join(tmpdir(), `paved-${command}-logs-`));
  const runs = await runStacks({
    dist: values.dist as string,
    command,
    engine,
    logDir,
    environments: values.env as string[] | undefined,
    stacks: values.stack as string[] | undefined,
    parallelism,
    classifyChanges: risk !== undefined,
    ...extra,
  });
  const againstBase = runs.filter((r) => r.plannedAgainst === 'base').map((r) => r.id);
  const againstStandIns = runs.some((r) => r.plannedAgainst !== undefined);
  if (risk !== undefined) {
    const planned = runs.filter((r) => r.plannedChanges !== undefined);
    const plannedIds = planned.map((r) => r.id);
    const plannedAgainstBase = againstStandIns ? againstBase.filter((id) => plannedIds.includes(id)) : undefined;
    const changes = plannedChanges(plannedIds, planned.flatMap((r) => r.plannedChanges!), plannedAgainstBase);
    writeFileSync(risk, `${JSON.stringify(changes, undefined, 2)}\n`);
  }
  const { changes } = extra;
  const ran = runs.filter((r) => r.result !== 'unchanged');
  const unchanged = runs.filter((r) => r.result === 'unchanged').map((r) => r.id);
  const failed = ran.some((r) => r.result === 'failed' || r.result === 'skipped');
  const ok = !failed && ran.every((r) => r.result !== 'waiting');
  if (values.json) {
    io.stdout(`${JSON.stringify({
      command,
      engine: engine.name,
      offline: extra.offline ?? false,
      ok,
      logs: logDir,
      ...(changes ? { changed: { base: changes.base, unchanged, removed: changes.removed } } : {}),
      ...(risk !== undefined ? { risk } : {}),
      stacks: ran.map((r) => ({
        id: r.id,
        environment: r.environment,
        service: r.service,
        ...(r.selectedBecause !== undefined ? { selectedBecause: r.selectedBecause } : {}),
        result: r.result,
        adds: r.counts?.adds ?? null,
        changes: r.counts?.changes ?? null,
        destroys: r.counts?.destroys ?? null,
        ...(r.applied !== undefined ? { applied: r.applied } : {}),
        seconds: r.seconds,
        log: r.log ?? null,
        error: r.error ?? null,
        ...(r.waitsFor ? { waitsFor: r.waitsFor, waiting: r.waiting } : {}),
        ...(r.facts ? { facts: r.facts } : {}),
        ...(r.plannedAgainst ? { plannedAgainst: r.plannedAgainst } : {}),
        ...(r.standInProblem ? { standInProblem: r.standInProblem } : {}),
      })),
    }, undefined, 2)}\n`);
  } else {
    for (const run of ran.filter((r) => r.result === 'failed')) {
      io.stderr(`${run.id}: ${run.error}\n${logTail(run.log!)}`);
    }
    const notes = [
      ...ran.flatMap(describeFacts),
      ...(changes ? describeChanges(changes, ran.length, unchanged.length) : []),
      ...(againstStandIns ? describePriorStates(ran) : []),
      ...(risk !== undefined ? [`risk of the planned changes in ${displayPath(risk)}`] : []),
    ].map((line) => `${line}\n`).join('');
    io.stdout(`${formatStackRuns(ran)}\n${notes}${describeTotals(command, ran)} (${engine.name}${extra.offline ? ', offline' : ''}); logs in ${values.logs ? displayPath(logDir) : logDir}\n`);
  }
  return failed ? 1 : ok ? 0 : WAITING_EXIT_CODE;
}

/** Which stacks `changes` selected against which base, and what it left out: one line each. */
function describeChanges(changes: ChangedStacks, selected: number, unchanged: number): string[] {
  return [
    `changed since ${displayPath(changes.base)}: ${selected} stacks selected, ${unchanged} unchanged left out`,
    ...(changes.removed.length > 0
      ? [`removed since ${displayPath(changes.base)}: ${quoteList(changes.removed)}: not planned, and what their state holds stays until it is destroyed`]
      : []),
  ];
}

/** Which stacks an offline plan of changes planned against the base's planned state, and which could not be: one line each. */
function describePriorStates(runs: readonly StackRun[]): string[] {
  const against = (state: StackRun['plannedAgainst']) => runs.filter((r) => r.plannedAgainst === state && r.standInProblem === undefined).map((r) => r.id);
  return [
    ...(against('base').length > 0 ? [`planned against the base's planned state (replacements and deletions show): ${quoteList(against('base'))}`] : []),
    ...(against('empty').length > 0 ? [`planned against an empty state (new since the base: every resource a create): ${quoteList(against('empty'))}`] : []),
    ...runs.filter((r) => r.standInProblem !== undefined).map((r) => `${r.id}: ${r.standInProblem}`),
  ];
}

/** What a stack recorded, or waits for: one line each. */
function describeFacts(run: StackRun): string[] {
  const lines: string[] = [];
  if (run.facts) {
    const outputs = run.facts.outputs.join(', ');
    lines.push(run.facts.file === undefined
      ? `${run.id}: its facts (${outputs}) were not recorded: the platform declares no facts file; add 'facts: RecordedFacts.fromFile(join(__dirname, 'paved-facts.json'))' to it, synth and apply again.`
      : run.facts.changed
        ? `${run.id}: recorded ${outputs} of environment '${run.environment}' in ${displayPath(run.facts.file)}; commit it and synth again.`
        : `${run.id}: ${outputs} of environment '${run.environment}' unchanged in ${displayPath(run.facts.file)}.`);
  }
  if (run.result === 'waiting') {
    lines.push(`${run.id}: ${run.error}`);
  } else if (run.waitsFor && run.result === 'ok') {
    lines.push(`${run.id}: planned with placeholders, not applied until its facts are recorded: ${run.waiting}`);
  }
  return lines;
}

/**
 * `file` resolved, with its directory made, when a file may be written there.
 * @throws CliError when it is a directory
 */
function writableFile(file: string, option: string): string {
  const path = resolve(file);
  if (existsSync(path) && statSync(path).isDirectory()) {
    throw new CliError(`${option} ${file} is a directory; pass the path of a file to write, e.g. ${option} risk.json. Nothing has run.`);
  }
  mkdirSync(dirname(path), { recursive: true });
  return path;
}

/** The last lines of a stack's log, indented, so that CI output shows why it failed. */
function logTail(log: string, lines = 15): string {
  const text = existsSync(log) ? readFileSync(log, 'utf8').trimEnd().split('\n').slice(-lines) : [];
  return text.map((line) => `  | ${line}\n`).join('');
}

function describeTotals(command: StackCommand, runs: readonly StackRun[]): string {
  const count = (result: StackRun['result']) => runs.filter((r) => r.result === result).length;
  const onlineOnly = count('online-only') > 0 ? `, ${count('online-only')} online-only (${runs.filter((r) => r.result === 'online-only').map((r) => r.id).join(', ')}: planned with credentials only)` : '';
  const waiting = count('waiting') > 0 ? `, ${count('waiting')} waiting` : '';
  return `${command}: ${runs.length} stacks, ${count('ok')} ok, ${count('failed')} failed, ${count('skipped')} skipped${onlineOnly}${waiting}`;
}
