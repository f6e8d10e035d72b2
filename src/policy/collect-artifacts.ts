import { posix } from 'path';
import type { Platform } from '../platform/platform';
import { RenderedPlatform } from '../platform/rendered-platform';
import { readAddedFiles } from './artifacts/added-files';
import { KubernetesObject } from './artifacts/kubernetes-object';
import { applyKustomizations } from './artifacts/kustomize-changes';
import { PlatformArtifacts } from './artifacts/platform-artifacts';
import { withExtraFiles } from './artifacts/stack-extra-files';
import { templateSkeletonDirectories } from './artifacts/template-skeletons';
import { TerraformStackArtifact } from './artifacts/terraform-stack-artifact';

/**
 * The rendered output as the guardrails see it: the stacks and objects paved renders, the objects
 * of the files added with `addFile`, and the objects as the added kustomize components change them.
 */
export function collectArtifacts(platform: Platform, rendered: RenderedPlatform): PlatformArtifacts {
  const stacks = rendered.stacks.map(({ stack, path, json }) =>
    new TerraformStackArtifact(stack.node.id, path, stack.environment, stack.ownership, withExtraFiles(platform, path, json)));
  const kubernetes: KubernetesObject[] = [];
  const catalog: KubernetesObject[] = [];
  const written = new Set<string>(rendered.stacks.map((s) => s.path));
  for (const directory of rendered.directories) {
    if (directory.kustomization) {
      written.add(`${directory.directory}/kustomization.yaml`);
    }
    for (const { chart, path, object } of directory.files) {
      const artifact = new KubernetesObject(object, path, chart.ownership, chart.environment);
      (directory.kustomization ? kubernetes : catalog).push(artifact);
      written.add(path);
    }
  }
  const stackDirectories = new Map(rendered.stacks.map((s) => [posix.dirname(s.path), s.stack.ownership]));
  const added = readAddedFiles(platform, stackDirectories, templateSkeletonDirectories(catalog));
  const kustomized = applyKustomizations(
    [...kubernetes, ...added.kubernetes],
    rendered.directories.filter((d) => d.kustomization),
    added,
    written,
  );
  return new PlatformArtifacts(
    platform,
    stacks,
    kustomized.objects.filter((o) => !kustomized.patchFiles.has(o.location)),
    [...catalog, ...added.catalog],
    [...added.uncheckable, ...kustomized.uncheckable],
  );
}
