import { Environment } from './environment';
import type { Platform } from './platform';
import { PlatformChart } from './platform-chart';
import { PlatformStack } from './platform-stack';
import { Ownership } from './tagging';

/** Props of a `Placement`. */
export interface PlacementProps {
  /** The platform the component is declared in; it creates the stack and the chart. */
  readonly platform: Platform;
  /** The path of the stack and the chart: `<component>-<environment>`. */
  readonly path: string;
  /** The environment the stack and the chart deploy to. */
  readonly environment: Environment;
  /** Who owns what the stack and the chart create (their tags and labels). */
  readonly ownership: Ownership;
  /**
   * Namespace of the component's Kubernetes objects.
   * @default - none: objects name their own
   */
  readonly namespace?: string;
  /**
   * Called once when the stack is created (the platform links stack dependencies).
   * @default - nothing is called
   */
  readonly onStackCreated?: (stack: PlatformStack) => void;
}

/**
 * Where one component lives in one environment: a Terraform stack in the platform's cdktf app
 * and a chart in its cdk8s app, both at the same path (`checkout-dev`), so that what a golden
 * path puts in either tree is found under one address.
 *
 * The stack and the chart are created on first use; a component that needs no cloud resources
 * produces no stack.
 */
export class Placement {
  /** The path of the stack and the chart, `<component>-<environment>`, from `props.path`. */
  public readonly path: string;
  /** The environment the stack and the chart deploy to, from `props.environment`. */
  public readonly environment: Environment;
  /** Who owns what the stack and the chart create, from `props.ownership`. */
  public readonly ownership: Ownership;
  /** Namespace of the component's Kubernetes objects, from `props.namespace`; none when objects name their own. */
  public readonly namespace?: string;
  private readonly props: PlacementProps;
  private createdStack?: PlatformStack;
  private createdChart?: PlatformChart;

  constructor(props: PlacementProps) {
    this.props = props;
    this.path = props.path;
    this.environment = props.environment;
    this.ownership = props.ownership;
    this.namespace = props.namespace;
  }

  /** The Terraform stack, written to `terraform/<environment>/<path>/`. */
  public get stack(): PlatformStack {
    if (!this.createdStack) {
      this.createdStack = new PlatformStack(this.props.platform, this.path, {
        environment: this.environment,
        ownership: this.ownership,
      });
      this.props.onStackCreated?.(this.createdStack);
    }
    return this.createdStack;
  }

  /** The Kubernetes chart, written to `gitops/<environment>/apps/<component>/`. */
  public get chart(): PlatformChart {
    this.createdChart ??= new PlatformChart(this.props.platform, this.path, {
      environment: this.environment,
      outputDirectory: `gitops/${this.environment.name}/apps/${this.ownership.service}`,
      namespace: this.namespace,
      ownership: this.ownership,
    });
    return this.createdChart;
  }
}
