import { ClusterObjects } from './cluster-objects';
import { KubernetesObject } from './kubernetes-object';
import { TerraformStackArtifact } from './terraform-stack-artifact';
import type { Platform } from '../../platform/platform';

/** Everything a synth produced, as the guardrails see it: after every override and aspect. */
export class PlatformArtifacts {
  /** Kubernetes objects per environment, with their relations. */
  public readonly clusters: ReadonlyMap<string, ClusterObjects>;

  /**
   * @param kubernetes every object under `gitops/`
   * @param catalog every entity under `catalog/`
   */
  constructor(
    public readonly platform: Platform,
    public readonly stacks: readonly TerraformStackArtifact[],
    public readonly kubernetes: readonly KubernetesObject[],
    public readonly catalog: readonly KubernetesObject[],
  ) {
    this.clusters = new Map(platform.environments.map((env) => [
      env.name,
      new ClusterObjects(env.name, kubernetes.filter((o) => o.environment?.name === env.name)),
    ]));
  }
}
