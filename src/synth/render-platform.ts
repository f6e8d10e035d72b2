import { Chart } from 'cdk8s';
import { TerraformStack } from 'cdktf';
import { checkAddedFilePaths } from './added-file-paths';
import { objectFiles, renderChartObjects } from '../engine/kubernetes-manifests';
import { synthesizeTerraformStack } from '../engine/terraform-json';
import { PavedValidationError } from '../platform/paved-validation-error';
import type { Platform } from '../platform/platform';
import { PlatformChart } from '../platform/platform-chart';
import { PlatformStack } from '../platform/platform-stack';
import { RenderedDirectory, RenderedObject, RenderedPlatform, RenderedStack } from '../platform/rendered-platform';
import { sortedBy } from '../util/sorted-by';

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
