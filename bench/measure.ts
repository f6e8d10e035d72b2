/** How the benchmarks time a command: end to end, in a child process, under GNU time. */
import { spawnSync } from 'child_process';
import { resolve } from 'path';
import { performance } from 'perf_hooks';

/** The clone's root directory. */
export const ROOT = resolve(__dirname, '..');
/** GNU time, which reports the peak RSS of the largest process of the command it runs. */
export const GNU_TIME = '/usr/bin/time';
const MiB = 1024 * 1024;

/** One run of a command, measured from outside. */
export interface Run {
  /** Wall time from start to exit, in milliseconds. */
  readonly wallMs: number;
  /** Peak resident memory of its largest process, in MiB. */
  readonly peakRssMiB: number;
  /** What it printed on stdout. */
  readonly stdout: string;
}

/**
 * Runs `command` in `cwd` under GNU time, which reports the peak RSS of its largest process, and
 * fails unless it exits 0. Dirty pages of earlier runs are flushed first, so that a run does not
 * wait on their writeback.
 * @param env variables added to this process's environment (default: none)
 */
export function measure(command: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Run {
  spawnSync('sync');
  const started = performance.now();
  const result = spawnSync(GNU_TIME, ['-f', 'peak-rss-kib %M', ...command], {
    cwd,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 64 * MiB,
  });
  const wallMs = performance.now() - started;
  if (result.status !== 0) {
    throw new Error(`${command.join(' ')} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  const rss = /peak-rss-kib (\d+)\s*$/.exec(result.stderr);
  if (!rss) {
    throw new Error(`no peak RSS from ${GNU_TIME}:\n${result.stderr}`);
  }
  return { wallMs, peakRssMiB: Number(rss[1]) / 1024, stdout: result.stdout };
}
