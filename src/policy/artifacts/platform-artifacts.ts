import type { UncheckableChange } from './added-files';
import { ClusterObjects } from './cluster-objects';
import { KubernetesObject } from './kubernetes-object';
import { TerraformStackArtifact } from './terraform-stack-artifact';
import type { Platform } from '../../platform/platform';

/** Everything a synth produced, as the guardrails see it: after every override and aspect. */
export class PlatformArtifacts {
  /**
   * Kubernetes objects per cluster (by cluster name), with their relations: an ephemeral
   * environment's objects share the cluster of the environment it came from.
   */
  public readonly clusters: ReadonlyMap<string, ClusterObjects>;

  /**
   * @param platform the platform whose output this is (its declarations: teams, services, deviations)
   * @param stacks every synthesized Terraform stack
   * @param kubernetes every object under `gitops/`
   * @param catalog every entity under `catalog/`
   * @param uncheckable what the output holds that the guardrails cannot check (added files, kustomizations)
   */
  constructor(
    public readonly platform: Platform,
    public readonly stacks: readonly TerraformStackArtifact[],
    public readonly kubernetes: readonly KubernetesObject[],
    public readonly catalog: readonly KubernetesObject[],
    public readonly uncheckable: readonly UncheckableChange[] = [],
  ) {
    const clusterNames = [...new Set(platform.environments.map((env) => env.clusterName))];
    this.clusters = new Map(clusterNames.map((cluster) => [
      cluster,
      new ClusterObjects(cluster, kubernetes.filter((o) => o.environment?.clusterName === cluster)),
    ]));
  }
}
