import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join, relative, resolve } from 'path';
import { CliError } from '../platform/cli-error';

/** What `synthAtGitRef` synthesizes, and how. */
export interface SynthAtGitRefOptions {
  /** The git ref: a branch, tag or commit (`origin/main`, `HEAD~1`). */
  readonly ref: string;
  /** The platform app in the working tree; the file at the same path in the repository at `ref` is synthesized. */
  readonly app: string;
  /** The `paved` script to run when the tree at `ref` has no `bin/paved` of its own (this CLI's). */
  readonly cli: string;
  /**
   * The day the synth judges deviations against (`--as-of`).
   * @default - today, as `paved synth` judges it
   */
  readonly asOf?: string;
}

/**
 * Synthesizes the platform app as it is at a git ref, in a temporary directory: the tree of the
 * ref (`git archive`) with the working tree's `node_modules` linked in, synthesized with the
 * tree's own `bin/paved` when it has one (a clone of paved), with `cli` otherwise. Calls `use`
 * with the output directory, then deletes the temporary directory, whatever `use` does.
 * @throws CliError when the app is not in a git repository, the ref is unknown, or the synth fails
 */
export async function synthAtGitRef<T>(options: SynthAtGitRefOptions, use: (outdir: string) => T | Promise<T>): Promise<T> {
  const app = resolve(options.app);
  const toplevel = git(dirname(app), ['rev-parse', '--show-toplevel'], `'${options.app}' is not in a git repository, so --base-ref has nothing to read; use --base DIR with a previous synth output`).trim();
  const appInRepo = relative(toplevel, app);
  git(toplevel, ['rev-parse', '--verify', '--quiet', `${options.ref}^{commit}`], `unknown git ref '${options.ref}' for --base-ref; give a branch, tag or commit ('git log' lists them)`);
  const temp = mkdtempSync(join(tmpdir(), 'paved-diff-base-'));
  try {
    const tree = join(temp, 'tree');
    mkdirSync(tree);
    const archive = spawnSync('sh', ['-c', 'git archive --format=tar "$1" | tar -x -C "$2"', 'sh', options.ref, tree], { cwd: toplevel, encoding: 'utf8' });
    if (archive.status !== 0) {
      throw new CliError(`--base-ref '${options.ref}': 'git archive' failed: ${archive.stderr.trim()}`);
    }
    if (!existsSync(join(tree, appInRepo))) {
      throw new CliError(`--base-ref '${options.ref}' has no '${appInRepo}' (the app's path in the repository); give a ref where the app exists, or --base DIR.`);
    }
    if (existsSync(join(toplevel, 'node_modules')) && !existsSync(join(tree, 'node_modules'))) {
      symlinkSync(join(toplevel, 'node_modules'), join(tree, 'node_modules'), 'dir');
    }
    const ownCli = join(tree, 'bin', 'paved');
    const outdir = join(temp, 'dist');
    const args = [existsSync(ownCli) ? ownCli : options.cli, 'synth', appInRepo, '--out', outdir, ...options.asOf ? ['--as-of', options.asOf] : []];
    const run = spawnSync(process.execPath, args, { cwd: tree, encoding: 'utf8' });
    if (run.status !== 0) {
      throw new CliError(`--base-ref '${options.ref}': 'paved synth ${appInRepo}' of that ref failed:\n${(run.stderr || run.stdout).trim()}`);
    }
    return await use(outdir);
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

function git(cwd: string, args: readonly string[], failure: string): string {
  const run = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (run.error || run.status !== 0) {
    throw new CliError(`${failure}${run.stderr?.trim() ? ` (git: ${run.stderr.trim()})` : ''}.`);
  }
  return run.stdout;
}
