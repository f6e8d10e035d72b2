import { spawn } from 'child_process';
import { MANIFEST_FILE, STAGING_MARKER } from './output-directory';

/**
 * Runs in the detached process: deletes each directory it is given, the files that mark it as
 * paved's (`manifest.json`, the staging marker) last, so that a deletion cut short (a reboot, a
 * kill) leaves a directory the next run still recognizes as its own and deletes again. Errors are
 * left for that next run: nobody waits for this process, and nothing is lost by retrying.
 */
const DELETE_SCRIPT = `
const { readdirSync, rmSync } = require('fs');
const { join } = require('path');
const last = ${JSON.stringify([MANIFEST_FILE, STAGING_MARKER])};
for (const dir of process.argv.slice(1)) {
  try {
    for (const entry of readdirSync(dir)) {
      if (!last.includes(entry)) {
        rmSync(join(dir, entry), { recursive: true, force: true });
      }
    }
    rmSync(dir, { recursive: true, force: true });
  } catch {}
}
`;

/**
 * Deletes `dirs` (paved's own retired outputs and leftovers, never anything else) in a detached
 * child process that outlives this one, so that replacing an output of thousands of files does
 * not make the caller wait for the old tree's deletion, nor hold the exit status.
 */
export function deleteDetached(dirs: readonly string[]): void {
  if (dirs.length === 0) {
    return;
  }
  const child = spawn(process.execPath, ['-e', DELETE_SCRIPT, ...dirs], { detached: true, stdio: 'ignore', windowsHide: true });
  // A process that cannot start (out of process slots) leaves the directories for the next run,
  // which finds them by name and marker and deletes them then.
  child.on('error', () => undefined);
  child.unref();
}
