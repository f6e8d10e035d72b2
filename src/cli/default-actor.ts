import { spawnSync } from 'child_process';

/** Who runs paved, for the operations log: `git config user.email`, else `$USER`, else `unknown`. */
export function defaultActor(): string {
  const git = spawnSync('git', ['config', 'user.email'], { encoding: 'utf8' });
  const email = git.status === 0 ? git.stdout.trim() : '';
  return email || process.env.USER || 'unknown';
}
