import { existsSync, readdirSync } from 'fs';
import { join } from 'path';
import { PavedValidationError } from '../src/platform/paved-validation-error';
import { Platform } from '../src/platform/platform';
import { sortedBy } from '../src/util/sorted-by';

/**
 * Declares every service in `directory` on `platform`: each `.ts` or `.js` file default-exports
 * a function that takes the platform (as `paved new` writes them). Files load in name order, so
 * the result does not depend on the file system. A directory that does not exist yet declares none.
 *
 * ```ts
 * declareServices(platform, join(__dirname, 'services'));
 * ```
 */
export function declareServices(platform: Platform, directory: string): void {
  if (!existsSync(directory)) {
    return;
  }
  const files = sortedBy(readdirSync(directory).filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts')), (f) => f);
  for (const file of files) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const declare = require(join(directory, file)).default;
    if (typeof declare !== 'function') {
      throw new PavedValidationError(platform, `${join(directory, file)} must default-export a function that declares a service on the platform (got ${declare === undefined ? 'no default export' : `a ${typeof declare}`}); write 'export default (platform: Platform) => { new NodeApi(platform, ...); };'.`);
    }
    declare(platform);
  }
}
