import { relative } from 'path';

/** `path` relative to the working directory, for messages. */
export function displayPath(path: string): string {
  const shown = relative(process.cwd(), path);
  return shown === '' ? '.' : shown;
}
