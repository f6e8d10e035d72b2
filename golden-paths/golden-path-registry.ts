import type { GoldenPath } from './golden-path';
import { Toolchain } from './toolchain';
import { checkName } from '../src/platform/names';
import { PavedValidationError } from '../src/platform/paved-validation-error';
import { quoteList } from '../src/util/quote-list';

/**
 * The golden paths a platform offers, in the order the catalog and `paved new` list them. paved's
 * own are `GOLDEN_PATHS`; a platform team adds its own with `with(...)` and passes the result to
 * `PlatformBaseline` (`goldenPaths`), where the catalog's Templates, `paved new` and the services
 * read it.
 *
 * ```ts
 * new PlatformBaseline(platform, { goldenPaths: GOLDEN_PATHS.with(JAVA_WORKER_GOLDEN_PATH) });
 * ```
 */
export class GoldenPathRegistry {
  /** Whether `x` is a registry (also one from another copy of paved). */
  public static isGoldenPathRegistry(x: unknown): x is GoldenPathRegistry {
    return typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[REGISTRY] === true;
  }

  /** The golden paths, in registration order. */
  public readonly all: readonly GoldenPath[];

  constructor(goldenPaths: readonly GoldenPath[]) {
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const [index, goldenPath] of (goldenPaths ?? []).entries()) {
      const at = `goldenPaths[${index}]`;
      if (typeof goldenPath !== 'object' || goldenPath === null) {
        problems.push(`'${at}' must be a GoldenPath object (got ${JSON.stringify(goldenPath)} (${typeof goldenPath})).`);
        continue;
      }
      const nameProblem = checkName(`${at}.id`, goldenPath.id, 63);
      if (nameProblem) {
        problems.push(nameProblem);
      } else if (seen.has(goldenPath.id)) {
        problems.push(`'${at}.id' is '${goldenPath.id}', which is registered already; give the golden path another id, or leave one of the two out.`);
      }
      seen.add(goldenPath.id);
      for (const prop of ['title', 'className'] as const) {
        if (typeof goldenPath[prop] !== 'string' || goldenPath[prop].length === 0) {
          problems.push(`'${at}.${prop}' must be a non-empty string (got ${JSON.stringify(goldenPath[prop])} (${typeof goldenPath[prop]})).`);
        }
      }
      for (const prop of ['module', 'description', 'templateSkeletonUrl'] as const) {
        if (goldenPath[prop] !== undefined && typeof goldenPath[prop] !== 'string') {
          problems.push(`'${at}.${prop}' must be a string or left out (got ${JSON.stringify(goldenPath[prop])} (${typeof goldenPath[prop]})).`);
        }
      }
      if (!(goldenPath.toolchain instanceof Toolchain)) {
        problems.push(`'${at}.toolchain' must be a Toolchain (got ${typeof goldenPath.toolchain}); declare it with new Toolchain({ name, setup, install, test }).`);
      }
      if (typeof goldenPath.skeleton !== 'function') {
        problems.push(`'${at}.skeleton' must be a function from the service's name, team and title to its starter files (got ${typeof goldenPath.skeleton}).`);
      }
    }
    PavedValidationError.throwIfAny({ description: 'GoldenPathRegistry', path: 'GoldenPathRegistry' }, problems);
    this.all = [...goldenPaths ?? []];
    Object.defineProperty(this, REGISTRY, { value: true });
  }

  /** The ids of the golden paths, in order. */
  public get ids(): readonly string[] {
    return this.all.map((g) => g.id);
  }

  /** A new registry with these golden paths, then `goldenPaths` (this one is unchanged). */
  public with(...goldenPaths: readonly GoldenPath[]): GoldenPathRegistry {
    return new GoldenPathRegistry([...this.all, ...goldenPaths]);
  }

  /** The golden path `id`, or undefined when it is not registered. */
  public tryGet(id: string): GoldenPath | undefined {
    return this.all.find((g) => g.id === id);
  }

  /** The registered ids for a message: `'node-api', 'python-worker'`. */
  public describeIds(): string {
    return quoteList(this.ids);
  }
}

const REGISTRY = Symbol.for('paved.GoldenPathRegistry');
