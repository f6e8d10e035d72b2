import type { PlatformChart } from './platform-chart';
import type { PlatformStack } from './platform-stack';

/** A Kubernetes object (or Backstage entity) as plain JSON. */
export interface RenderedObject {
  readonly apiVersion: string;
  readonly kind: string;
  /** Mutable only for the pipeline, which records deviations as annotations before writing. */
  readonly metadata: { readonly name: string; readonly namespace?: string; annotations?: Record<string, string>; readonly [key: string]: any };
  readonly [key: string]: any;
}

/** A stack rendered to Terraform JSON, with the file it goes to. */
export interface RenderedStack {
  readonly stack: PlatformStack;
  /** `terraform/<env>/<stack>/cdk.tf.json`. */
  readonly path: string;
  readonly json: Record<string, any>;
}

/** An object rendered to JSON, with its chart and the file it goes to. */
export interface RenderedObjectFile {
  readonly chart: PlatformChart;
  readonly path: string;
  readonly object: RenderedObject;
}

/** The objects of one output directory. */
export interface RenderedDirectory {
  readonly directory: string;
  /** Whether the directory gets a `kustomization.yaml`. */
  readonly kustomization: boolean;
  /** Kustomize components its `kustomization.yaml` includes. */
  readonly components: readonly string[];
  readonly files: readonly RenderedObjectFile[];
}

/** Everything declared on a platform, rendered in memory, in a stable order. */
export interface RenderedPlatform {
  readonly stacks: readonly RenderedStack[];
  readonly directories: readonly RenderedDirectory[];
}
