import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { Environment } from './environment';
import { FactWait } from './fact-wait';
import { PavedValidationError } from './paved-validation-error';
import type { Platform } from './platform';
import { StateBackend } from './state-backend';
import { Ownership, awsTags } from './tagging';

/** Props of a `PlatformStack`. */
export interface PlatformStackProps {
  /** The environment the stack deploys to. */
  readonly environment: Environment;
  /** Who owns what the stack creates. */
  readonly ownership: Ownership;
  /**
   * Where the stack's own state is kept.
   * @default - the platform's `stateBackend`
   */
  readonly stateBackend?: StateBackend;
  /**
   * The environments whose state bucket this stack creates (a state bootstrap stack, applied once
   * with `paved bootstrap`, never by `paved plan` or `paved apply` unless named with `--stack`).
   * @default - none: the stack is an ordinary one
   */
  readonly bootstrapsStateOf?: readonly string[];
}

/**
 * A Terraform stack for one component in one environment, in the platform's cdktf app: the AWS
 * provider pinned to the environment's account and region, the platform's tags and the
 * ownership tags as provider default tags (so every taggable resource carries them), and the
 * platform's state backend.
 */
export class PlatformStack extends TerraformStack {
  /** Whether `x` is a `PlatformStack`. */
  public static isPlatformStack(x: unknown): x is PlatformStack {
    return x instanceof PlatformStack;
  }

  /** The `PlatformStack` that `scope` is in. */
  public static of(scope: IConstruct): PlatformStack {
    const stack = scope.node.scopes.reverse().find(PlatformStack.isPlatformStack);
    if (!stack) {
      throw new PavedValidationError(scope, `is not inside a PlatformStack (its path is '${scope.node.path}'): create it in platform.placement(component, environment).stack.`);
    }
    return stack;
  }

  /** The platform the stack belongs to: naming, GitOps repository, teams. */
  public readonly platform: Platform;
  /** The environment the stack deploys to, from `props.environment`. */
  public readonly environment: Environment;
  /** Who owns what the stack creates (its ownership tags), from `props.ownership`. */
  public readonly ownership: Ownership;
  /** The AWS provider every resource of the stack uses. */
  public readonly awsProvider: AwsProvider;
  /** Where the stack's own state is kept: `props.stateBackend`, or the platform's. */
  public readonly stateBackend: StateBackend;
  /** The environments whose state bucket this stack creates: `props.bootstrapsStateOf`, or none. */
  public readonly bootstrapsStateOf: readonly string[];
  /** Where the stack is written, relative to the synth output directory. */
  public readonly outputDirectory: string;

  private readonly factOutputNames = new Set<string>();
  private readonly waits = new Map<string, FactWait>();

  constructor(platform: Platform, id: string, props: PlatformStackProps) {
    super(platform.terraformApp, id);
    this.platform = platform;
    this.environment = props.environment;
    this.ownership = props.ownership;
    this.outputDirectory = `terraform/${props.environment.name}/${id}`;
    this.awsProvider = new AwsProvider(this, 'aws', {
      region: props.environment.region,
      allowedAccountIds: [props.environment.account],
      defaultTags: [{ tags: { ...platform.tags, ...awsTags(props.ownership) } }],
    });
    this.stateBackend = props.stateBackend ?? platform.stateBackend;
    this.bootstrapsStateOf = [...props.bootstrapsStateOf ?? []];
    this.stateBackend.bind(this, {
      platform: props.ownership.platform,
      environment: props.environment,
      stackId: id,
    });
  }

  /**
   * Adds a file of the stack's own to its directory, at `path` relative to it (such as a local
   * Helm chart that a `helm_release` of the stack installs from `${path.module}/<chart>`). It is
   * a file added with `platform.addFile` at `<outputDirectory>/<path>`: written by synth beside
   * `cdk.tf.json` and listed in `manifest.json`, copied with the stack for an offline plan, and
   * checked by the guardrails (a local Helm chart's templates as Kubernetes objects of the
   * stack's environment and owner), or failed closed on (`PAVED-PLT-FILE-001`).
   * @throws PavedValidationError as `platform.addFile` does
   */
  public addFile(path: string, content: string): void {
    this.platform.addFile(`${this.outputDirectory}/${path}`, content);
  }

  /**
   * The names of the stack's Terraform outputs whose values are facts other stacks read: `paved
   * apply` records them in the platform's facts file after applying the stack.
   */
  public get factOutputs(): readonly string[] {
    return [...this.factOutputNames].sort();
  }

  /** The facts the stack reads that are not recorded yet, by stack and output. */
  public get waitsFor(): readonly FactWait[] {
    return [...this.waits.keys()].sort().map((key) => this.waits.get(key)!);
  }

  /** Marks the output `name` of this stack as a fact to record (see `factOutputs`). */
  public markFactOutput(name: string): void {
    this.factOutputNames.add(name);
  }

  /** Marks the stack as waiting for `wait`: it reads a placeholder until the fact is recorded. */
  public waitForFact(wait: FactWait): void {
    this.waits.set(`${wait.stack}\u0000${wait.output}`, { stack: wait.stack, output: wait.output });
  }
}
