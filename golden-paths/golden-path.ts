import type { SkeletonContext } from './skeleton-context';
import type { Toolchain } from './toolchain';

/** The starter files of a golden path, by path relative to the skeleton directory. */
export type Skeleton = (context: SkeletonContext) => Readonly<Record<string, string>>;

/**
 * A golden path as the platform offers it, registered in a `GoldenPathRegistry`: what the
 * catalog's Templates, `paved new` (and its help) and reports know about it. Its class (a
 * `Service`) builds the services; this is everything else.
 *
 * ```ts
 * export const JAVA_WORKER_GOLDEN_PATH: GoldenPath = {
 *   id: 'java-worker', title: 'Java queue worker', className: 'JavaWorker',
 *   module: '@acme/golden-paths', toolchain: JAVA_TOOLCHAIN, skeleton: javaWorkerSkeleton,
 * };
 * ```
 */
export interface GoldenPath {
  /** Its id: tag and label value, Template name, `paved new` argument: `node-api`. */
  readonly id: string;
  /** Its name for people: `Node.js HTTP API`. */
  readonly title: string;
  /** The class a declaration instantiates: `NodeApi`. */
  readonly className: string;
  /**
   * The module that exports the class, as a declaration written by `paved new` imports it.
   * @default - paved's own `golden-paths` entry point (`<import-from>/golden-paths`)
   */
  readonly module?: string;
  /** How CI sets up, tests and builds its services (a service may choose another where its class allows). */
  readonly toolchain: Toolchain;
  /** The starter app `paved new --skeleton` writes for a service's own repository. */
  readonly skeleton: Skeleton;
  /**
   * What the catalog's Template says the golden path gives a service.
   * @default `A <title> on the <platform> platform: secure workload, infrastructure, GitOps, catalog and CI in one declaration.`
   */
  readonly description?: string;
  /**
   * Where the catalog's Template fetches the skeleton it renders into the platform repository's
   * `services/` directory, relative to the Template's location or a URL.
   * @default - the golden path's service declaration (`templateDeclarationSkeleton`), written beside the Template
   */
  readonly templateSkeletonUrl?: string;
}
