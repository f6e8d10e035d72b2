import type { Platform } from '../platform/platform';
import { RenderedPlatform } from '../synth/rendered-platform';
import { KubernetesObject } from './artifacts/kubernetes-object';
import { PlatformArtifacts } from './artifacts/platform-artifacts';
import { withExtraFiles } from './artifacts/stack-extra-files';
import { TerraformStackArtifact } from './artifacts/terraform-stack-artifact';

/** The rendered output as the guardrails see it. */
export function collectArtifacts(platform: Platform, rendered: RenderedPlatform): PlatformArtifacts {
  const stacks = rendered.stacks.map(({ stack, path, json }) =>
    new TerraformStackArtifact(stack.node.id, path, stack.environment, stack.ownership, withExtraFiles(platform, path, json)));
  const kubernetes: KubernetesObject[] = [];
  const catalog: KubernetesObject[] = [];
  for (const directory of rendered.directories) {
    for (const { chart, path, object } of directory.files) {
      const artifact = new KubernetesObject(object, path, chart.ownership, chart.environment);
      (directory.kustomization ? kubernetes : catalog).push(artifact);
    }
  }
  return new PlatformArtifacts(platform, stacks, kubernetes, catalog);
}
