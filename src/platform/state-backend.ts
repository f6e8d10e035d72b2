import { LocalBackend, S3Backend, TerraformStack } from 'cdktf';
import { Environment } from './environment';
import { formatName } from './names';

/** What a backend needs to know about the stack whose state it keeps. */
export interface StateBackendBinding {
  /** The platform's name, part of the state bucket's and key's names. */
  readonly platform: string;
  /** The stack's environment: its account and region hold the state. */
  readonly environment: Environment;
  /** The stack's id, `<component>-<environment>`, which names its state key. */
  readonly stackId: string;
}

/** Options for state in S3. */
export interface S3StateBackendOptions {
  /**
   * The bucket that holds the state.
   * @default `<platform>-tfstate-<account>`, in each environment's own account
   */
  readonly bucket?: string;
  /**
   * The bucket's region.
   * @default - the environment's region
   */
  readonly region?: string;
}

/**
 * Where Terraform keeps the state of each stack.
 */
export abstract class StateBackend {
  /**
   * State in S3, encrypted, with Terraform's native lock file (no DynamoDB table), one key per
   * stack: `<platform>/<environment>/<stack>.tfstate`.
   */
  public static s3(options: S3StateBackendOptions = {}): StateBackend {
    return new S3StateBackend(options);
  }

  /**
   * State on local disk, for examples and tests: `.paved-state/<environment>/<stack>.tfstate`
   * beside the synth output directory, so that a new synth never deletes it.
   */
  public static local(): StateBackend {
    return new LocalStateBackend();
  }

  /** `s3` or `local`. */
  public abstract readonly kind: 's3' | 'local';

  /** Configures the backend of `stack`. */
  public abstract bind(stack: TerraformStack, binding: StateBackendBinding): void;

  /**
   * The bucket and region that hold the state of `environment` for `platform`; `undefined` when
   * the state is not in S3. The deploy role is granted exactly this bucket.
   */
  public abstract stateBucket(platform: string, environment: Environment): { readonly bucket: string; readonly region: string } | undefined;
}

class S3StateBackend extends StateBackend {
  public readonly kind = 's3';

  constructor(private readonly options: S3StateBackendOptions) {
    super();
  }

  public stateBucket(platform: string, environment: Environment) {
    return {
      bucket: this.options.bucket ?? formatName('s3-bucket', [platform, 'tfstate', environment.account]),
      region: this.options.region ?? environment.region,
    };
  }

  public bind(stack: TerraformStack, binding: StateBackendBinding): void {
    const { environment } = binding;
    const { bucket, region } = this.stateBucket(binding.platform, environment);
    new S3Backend(stack, {
      bucket,
      key: `${binding.platform}/${environment.name}/${binding.stackId}.tfstate`,
      region,
      encrypt: true,
    });
    // Terraform >= 1.10 locks with a lock file next to the state; cdktf 0.21 has no prop for it.
    stack.addOverride('terraform.backend.s3.use_lockfile', true);
  }
}

class LocalStateBackend extends StateBackend {
  public readonly kind = 'local';

  public stateBucket(): undefined {
    return undefined;
  }

  public bind(stack: TerraformStack, binding: StateBackendBinding): void {
    // Stack directories sit at <outdir>/terraform/<env>/<stack>: four levels up is beside <outdir>.
    new LocalBackend(stack, {
      path: `../../../../.paved-state/${binding.environment.name}/${binding.stackId}.tfstate`,
    });
  }
}
