import { Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { Environment } from './environment';
import { PavedValidationError } from './paved-validation-error';
import type { Platform } from './platform';
import { Ownership, kubernetesLabels } from './tagging';
import { sortedBy } from '../util/sorted-by';

/** Props of a `PlatformChart`. */
export interface PlatformChartProps {
  /**
   * The environment the objects deploy to.
   * @default - none: the chart is not tied to one environment (the catalog)
   */
  readonly environment?: Environment;
  /** Where the chart's objects are written, relative to the synth output directory. */
  readonly outputDirectory: string;
  /**
   * Namespace of every namespaced object that names none.
   * @default - none
   */
  readonly namespace?: string;
  /**
   * Who owns the chart's objects; every object gets the ownership labels.
   * @default - nobody: the objects are not Kubernetes objects (catalog entities) and get no labels
   */
  readonly ownership?: Ownership;
  /**
   * Whether the directory gets a `kustomization.yaml` (Kubernetes manifests do, catalog
   * entities do not).
   * @default true
   */
  readonly kustomization?: boolean;
}

/**
 * A set of Kubernetes objects (or Backstage entities) written to one directory, in the
 * platform's cdk8s app.
 */
export class PlatformChart extends Chart {
  /** Whether `x` is a `PlatformChart`. */
  public static isPlatformChart(x: unknown): x is PlatformChart {
    // Not `instanceof`: cdk8s's Chart answers it (Symbol.hasInstance) for every chart.
    return typeof x === 'object' && x !== null && PlatformChart.prototype.isPrototypeOf(x);
  }

  /** The `PlatformChart` that `scope` is in. */
  public static of(scope: IConstruct): PlatformChart {
    const chart = scope.node.scopes.reverse().find(PlatformChart.isPlatformChart);
    if (!chart) {
      throw new PavedValidationError(scope, `is not inside a PlatformChart (its path is '${scope.node.path}'): create it in platform.placement(component, environment).chart.`);
    }
    return chart;
  }

  /** The platform the chart belongs to: naming, GitOps repository, teams. */
  public readonly platform: Platform;
  /** The environment the objects deploy to, if the chart is tied to one. */
  public readonly environment?: Environment;
  /** Who owns the chart's objects. */
  public readonly ownership?: Ownership;
  /** Where the chart is written, relative to the synth output directory. */
  public readonly outputDirectory: string;
  /** Whether the directory gets a `kustomization.yaml`. */
  public readonly kustomization: boolean;
  private readonly components = new Set<string>();

  constructor(platform: Platform, id: string, props: PlatformChartProps) {
    super(platform.kubernetesApp, id, {
      namespace: props.namespace,
      labels: props.ownership ? kubernetesLabels(props.ownership) : {},
      disableResourceNameHashes: true,
    });
    this.platform = platform;
    this.environment = props.environment;
    this.ownership = props.ownership;
    this.outputDirectory = props.outputDirectory;
    this.kustomization = props.kustomization ?? true;
  }

  /** Kustomize components the directory's `kustomization.yaml` includes, sorted. */
  public get kustomizeComponents(): readonly string[] {
    return sortedBy(this.components, (c) => c);
  }

  /**
   * Includes a kustomize component (a directory path relative to this chart's directory), such
   * as the release pin CI writes: `../../releases/checkout`.
   */
  public addKustomizeComponent(path: string): void {
    this.components.add(path);
  }
}
