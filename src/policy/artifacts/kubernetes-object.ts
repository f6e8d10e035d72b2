import { Environment } from '../../platform/environment';
import { Ownership } from '../../platform/tagging';
import { FindingSubject } from '../finding';
import type { ClusterObjects } from './cluster-objects';

/** A container as it appears in a pod spec. */
export type Container = Readonly<Record<string, any>>;

/** A pod spec as it appears in a workload. */
export type PodSpec = Readonly<Record<string, any>>;

const POD_TEMPLATE_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job'];

/** One synthesized Kubernetes object (or catalog entity), for the guardrails. */
export class KubernetesObject {
  /** The object's `kind`, such as `Deployment`. */
  public readonly kind: string;
  /** The object's `metadata.name`. */
  public readonly name: string;
  /** The namespace, `''` for cluster-scoped objects and entities without one. */
  public readonly namespace: string;
  /** The objects of the same environment, for relations (set when the cluster is assembled). */
  public cluster?: ClusterObjects;

  /**
   * @param json the object as JSON, as it is written
   * @param location the object's file, relative to the output directory
   * @param ownership who owns the object; absent for catalog entities
   * @param environment the environment the object is deployed to; absent for catalog entities
   */
  constructor(
    public readonly json: Readonly<Record<string, any>>,
    public readonly location: string,
    public readonly ownership: Ownership | undefined,
    public readonly environment: Environment | undefined,
  ) {
    this.kind = json.kind;
    this.name = json.metadata?.name;
    this.namespace = json.metadata?.namespace ?? '';
  }

  /** Who owns the object and where it is written. */
  public get subject(): FindingSubject {
    return {
      service: this.ownership?.service ?? 'platform',
      team: this.ownership?.team ?? 'platform',
      environment: this.environment?.name,
      location: this.location,
    };
  }

  /** The object's `metadata.labels`; empty when it has none. */
  public get labels(): Readonly<Record<string, string>> {
    return this.json.metadata?.labels ?? {};
  }

  /** The object's `metadata.annotations`; empty when it has none. */
  public get annotations(): Readonly<Record<string, string>> {
    return this.json.metadata?.annotations ?? {};
  }

  /** The pod spec of a Pod or of a workload's pod template. */
  public get podSpec(): PodSpec | undefined {
    if (this.kind === 'Pod') {
      return this.json.spec;
    }
    if (this.kind === 'CronJob') {
      return this.json.spec?.jobTemplate?.spec?.template?.spec;
    }
    return POD_TEMPLATE_KINDS.includes(this.kind) ? this.json.spec?.template?.spec : undefined;
  }

  /** The labels of the pods a workload creates. */
  public get podLabels(): Readonly<Record<string, string>> {
    if (this.kind === 'Pod') {
      return this.labels;
    }
    if (this.kind === 'CronJob') {
      return this.json.spec?.jobTemplate?.spec?.template?.metadata?.labels ?? {};
    }
    return this.json.spec?.template?.metadata?.labels ?? {};
  }

  /** Every container of the pod spec: init, regular and ephemeral. */
  public get containers(): readonly Container[] {
    const spec = this.podSpec;
    return spec ? [...spec.initContainers ?? [], ...spec.containers ?? [], ...spec.ephemeralContainers ?? []] : [];
  }

  /** Whether this object creates pods. */
  public get isWorkload(): boolean {
    return this.podSpec !== undefined;
  }
}
