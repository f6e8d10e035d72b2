import { Chart } from 'cdk8s';
import { TerraformStack } from 'cdktf';
import { checkAddedFilePaths } from './added-file-paths';
import { RenderedObject, objectFiles, renderChartObjects } from './kubernetes-manifests';
import { synthesizeTerraformStack } from './terraform-json';
import { PavedValidationError } from '../platform/paved-validation-error';
import type { Platform } from '../platform/platform';
import { PlatformChart } from '../platform/platform-chart';
import { PlatformStack } from '../platform/platform-stack';
import { sortedBy } from '../util/sorted-by';

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

/** Called as parts of a platform are rendered, so that their files can be written meanwhile. */
export interface RenderObserver {
  /** A stack, once rendered. */
  stack?(stack: RenderedStack): void;
  /** An output directory of Kubernetes objects or catalog entities, once all of it is rendered. */
  directory?(directory: RenderedDirectory): void;
}

/**
 * Renders every chart and stack of `platform` once, telling `observer` of each part as it is
 * done. Nothing is written.
 *
 * @throws PavedValidationError when a file added with `addFile` takes the path of one the platform writes
 */
export function renderPlatform(platform: Platform, observer: RenderObserver = {}): RenderedPlatform {
  platform.prepare();
  type DirectoryGroup = { kustomization: boolean; components: Set<string>; entries: { chart: PlatformChart; object: RenderedObject }[] };
  const byDirectory = new Map<string, DirectoryGroup>();
  for (const chart of sortedBy(platform.kubernetesApp.node.children.filter(Chart.isChart), (c) => c.node.id)) {
    if (!PlatformChart.isPlatformChart(chart)) {
      throw new PavedValidationError(chart, 'this is a bare cdk8s Chart, which the platform cannot place (no environment, directory or ownership); declare objects in platform.placement(component, environment).chart instead.');
    }
    const group = byDirectory.get(chart.outputDirectory) ?? { kustomization: chart.kustomization, components: new Set<string>(), entries: [] };
    chart.kustomizeComponents.forEach((c) => group.components.add(c));
    group.entries.push(...renderChartObjects(chart).map((object) => ({ chart, object })));
    byDirectory.set(chart.outputDirectory, group);
  }
  const directories = sortedBy(byDirectory.entries(), ([directory]) => directory).map(([directory, group]) => {
    const rendered = {
      directory,
      kustomization: group.kustomization,
      components: sortedBy(group.components, (c) => c),
      files: objectFiles(platform, directory, group.entries),
    };
    observer.directory?.(rendered);
    return rendered;
  });

  const stacks = sortedBy(platform.terraformApp.node.children.filter(TerraformStack.isStack), (s) => s.node.id).map((stack) => {
    if (!PlatformStack.isPlatformStack(stack)) {
      throw new PavedValidationError(stack, 'this is a bare cdktf TerraformStack, which the platform cannot place (no environment, state backend or ownership tags); declare resources in platform.placement(component, environment).stack instead.');
    }
    const rendered = { stack, path: `${stack.outputDirectory}/cdk.tf.json`, json: synthesizeTerraformStack(stack) };
    observer.stack?.(rendered);
    return rendered;
  });
  checkAddedFilePaths(platform, stacks, directories);
  return { stacks, directories };
}
