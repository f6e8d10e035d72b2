import type { PlatformChart } from './platform-chart';
import type { PlatformStack } from './platform-stack';

/** A Kubernetes object (or Backstage entity) as plain JSON. */
export interface RenderedObject {
  /** The object's `apiVersion`, such as `apps/v1` or `backstage.io/v1alpha1`. */
  readonly apiVersion: string;
  /** The object's `kind`, such as `Deployment` or `Component`. */
  readonly kind: string;
  /** Mutable only for the pipeline, which records deviations as annotations before writing. */
  readonly metadata: { readonly name: string; readonly namespace?: string; annotations?: Record<string, string>; readonly [key: string]: any };
  readonly [key: string]: any;
}

/** A stack rendered to Terraform JSON, with the file it goes to. */
export interface RenderedStack {
  /** The stack that was rendered. */
  readonly stack: PlatformStack;
  /** `terraform/<env>/<stack>/cdk.tf.json`. */
  readonly path: string;
  /** The stack's Terraform JSON, as `cdk.tf.json` holds it. */
  readonly json: Record<string, any>;
}

/** An object rendered to JSON, with its chart and the file it goes to. */
export interface RenderedObjectFile {
  /** The chart the object was declared in (its environment and ownership). */
  readonly chart: PlatformChart;
  /** The file it goes to, relative to the output directory: `<directory>/<kind>-<name>.yaml`, the kind lowercased. */
  readonly path: string;
  /** The object as JSON. */
  readonly object: RenderedObject;
}

/** The objects of one output directory. */
export interface RenderedDirectory {
  /** The directory, relative to the output directory. */
  readonly directory: string;
  /** Whether the directory gets a `kustomization.yaml`. */
  readonly kustomization: boolean;
  /** Kustomize components its `kustomization.yaml` includes. */
  readonly components: readonly string[];
  /** The objects written into the directory, one file each, sorted by path. */
  readonly files: readonly RenderedObjectFile[];
}

/** Everything declared on a platform, rendered in memory, in a stable order. */
export interface RenderedPlatform {
  /** Every stack of every environment, in a stable order. */
  readonly stacks: readonly RenderedStack[];
  /** Every directory of Kubernetes objects and catalog entities, in a stable order. */
  readonly directories: readonly RenderedDirectory[];
}
