import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { Environment } from './environment';
import { StateBackend } from './state-backend';
import { Ownership, awsTags } from './tagging';

/** Props of a `PlatformStack`. */
export interface PlatformStackProps {
  /** The environment the stack deploys to. */
  readonly environment: Environment;
  /** Who owns what the stack creates. */
  readonly ownership: Ownership;
  /** Where the stack keeps its state. */
  readonly stateBackend: StateBackend;
  /** Tags on every taggable resource, besides the ownership tags. */
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * A Terraform stack for one component in one environment: the AWS provider pinned to the
 * environment's account and region, the ownership tags as provider default tags (so every
 * taggable resource carries them), and the platform's state backend.
 */
export class PlatformStack extends TerraformStack {
  /** Whether `x` is a `PlatformStack`. */
  public static isPlatformStack(x: unknown): x is PlatformStack {
    return x instanceof PlatformStack;
  }

  public readonly environment: Environment;
  public readonly ownership: Ownership;
  /** The AWS provider every resource of the stack uses. */
  public readonly awsProvider: AwsProvider;
  /** Where the stack is written, relative to the synth output directory. */
  public readonly outputDirectory: string;

  constructor(app: App, id: string, props: PlatformStackProps) {
    super(app, id);
    this.environment = props.environment;
    this.ownership = props.ownership;
    this.outputDirectory = `terraform/${props.environment.name}/${id}`;
    this.awsProvider = new AwsProvider(this, 'aws', {
      region: props.environment.region,
      allowedAccountIds: [props.environment.account],
      defaultTags: [{ tags: { ...props.tags, ...awsTags(props.ownership) } }],
    });
    props.stateBackend.bind(this, {
      platform: props.ownership.platform,
      environment: props.environment,
      stackId: id,
    });
  }
}
