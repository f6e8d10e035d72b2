import { App, Chart } from 'cdk8s';

/** Props of a `PlatformChart`. */
export interface PlatformChartProps {
  /** Where the chart's objects are written, relative to the synth output directory. */
  readonly outputDirectory: string;
  /**
   * Namespace of every namespaced object that names none.
   * @default - none
   */
  readonly namespace?: string;
  /** Labels on every object of the chart. */
  readonly labels: Readonly<Record<string, string>>;
  /**
   * Whether the directory gets a `kustomization.yaml` (Kubernetes manifests do, catalog
   * entities do not).
   * @default true
   */
  readonly kustomization?: boolean;
}

/**
 * A set of Kubernetes objects (or Backstage entities) written to one directory.
 */
export class PlatformChart extends Chart {
  /** Whether `x` is a `PlatformChart`. */
  public static isPlatformChart(x: unknown): x is PlatformChart {
    return x instanceof PlatformChart;
  }

  /** Where the chart is written, relative to the synth output directory. */
  public readonly outputDirectory: string;
  /** Whether the directory gets a `kustomization.yaml`. */
  public readonly kustomization: boolean;

  constructor(app: App, id: string, props: PlatformChartProps) {
    super(app, id, {
      namespace: props.namespace,
      labels: { ...props.labels },
      disableResourceNameHashes: true,
    });
    this.outputDirectory = props.outputDirectory;
    this.kustomization = props.kustomization ?? true;
  }
}
