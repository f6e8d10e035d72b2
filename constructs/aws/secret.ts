import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecretsmanagerSecretRotation } from '@cdktf/provider-aws/lib/secretsmanager-secret-rotation';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { problemsOf, rangeProblem } from './checks';
import { IGrantable, grantTo } from './grantable';
import { KmsKey } from './kms-key';
import { physicalName } from './physical-name';
import { PolicyStatement } from './policy-statement';
import { PavedValidationError } from '../../src/platform/paved-validation-error';

/** How a secret is rotated. */
export interface SecretRotation {
  /** The ARN of the Lambda function that rotates the secret. */
  readonly rotationLambdaArn: string;
  /**
   * Days between rotations (1-1000).
   * @default 30
   */
  readonly afterDays?: number;
}

/** Props of a `Secret`. */
export interface SecretProps {
  /**
   * What the secret is, shown in the console.
   * @default - `paved: <construct path>`
   */
  readonly description?: string;
  /**
   * The key that encrypts the secret's values.
   * @default - a new `KmsKey` for this secret
   */
  readonly encryptionKey?: KmsKey;
  /**
   * Rotation by a Lambda function.
   * @default - none: the value's owner sets and rotates it outside Terraform
   */
  readonly rotation?: SecretRotation;
  /**
   * Days Secrets Manager keeps a deleted secret recoverable (7-30).
   * @default 30
   */
  readonly recoveryWindowDays?: number;
}

/**
 * A Secrets Manager secret encrypted with a customer managed key. Terraform creates the secret,
 * never its value: no secret value appears in the output. Workloads read it through
 * `grantRead` (and External Secrets in the cluster, by `secretName`).
 */
export class Secret extends Construct {
  /** The secret. */
  public readonly resource: SecretsmanagerSecret;
  /** `<platform>-<environment>-<service>-<path>`, known at synth. */
  public readonly secretName: string;
  /** The secret's ARN (a Terraform reference; Secrets Manager appends a random suffix). */
  public readonly secretArn: string;
  /** What the secret is, shown in the console: `props.description`, or `paved: <construct path>`. */
  public readonly description: string;
  /** The key that encrypts the secret's values: `props.encryptionKey`, or a new `KmsKey` child `Key`. */
  public readonly encryptionKey: KmsKey;
  /** Days a deleted secret stays recoverable: `props.recoveryWindowDays`, or 30. */
  public readonly recoveryWindowDays: number;
  /** The rotation schedule, when `rotation` is given. */
  public readonly rotation?: SecretsmanagerSecretRotation;
  /** Days between rotations, when `rotation` is given. */
  public readonly rotationAfterDays?: number;

  constructor(scope: Construct, id: string, props: SecretProps = {}) {
    super(scope, id);
    this.description = props.description ?? `paved: ${this.node.path}`;
    this.recoveryWindowDays = props.recoveryWindowDays ?? 30;
    this.rotationAfterDays = props.rotation ? props.rotation.afterDays ?? 30 : undefined;
    const lambdaArn = props.rotation?.rotationLambdaArn;
    PavedValidationError.throwIfAny(this, problemsOf(
      rangeProblem('recoveryWindowDays', this.recoveryWindowDays, { min: 7, max: 30, unit: 'days', why: 'the range Secrets Manager accepts' }),
      this.rotationAfterDays === undefined ? undefined
        : rangeProblem('rotation.afterDays', this.rotationAfterDays, { min: 1, max: 1000, unit: 'days', why: 'the range Secrets Manager accepts' }),
      lambdaArn === undefined || Token.isUnresolved(lambdaArn) || /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:\S+$/.test(lambdaArn) ? undefined
        : `'rotation.rotationLambdaArn' must be the ARN of a Lambda function, such as 'arn:aws:lambda:eu-west-1:111111111111:function:rotate' (got '${lambdaArn}').`,
    ));
    this.encryptionKey = props.encryptionKey ?? new KmsKey(this, 'Key');
    this.secretName = physicalName(this, 'secret');
    this.resource = new SecretsmanagerSecret(this, 'Resource', {
      name: this.secretName,
      description: this.description,
      kmsKeyId: this.encryptionKey.keyArn,
      recoveryWindowInDays: this.recoveryWindowDays,
    });
    this.secretArn = this.resource.arn;
    if (props.rotation) {
      this.rotation = new SecretsmanagerSecretRotation(this, 'Rotation', {
        secretId: this.resource.id,
        rotationLambdaArn: props.rotation.rotationLambdaArn,
        rotationRules: { automaticallyAfterDays: this.rotationAfterDays },
      });
    }
  }

  /** Lets `grantee` read the secret's value. */
  public grantRead(grantee: IGrantable): PolicyStatement[] {
    return [
      ...grantTo(grantee, [new PolicyStatement({
        sid: PolicyStatement.sidFor(this, 'Read'),
        actions: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'],
        resources: [this.secretArn],
      })]),
      ...this.encryptionKey.grantDecrypt(grantee, { viaService: 'secretsmanager' }),
    ];
  }
}
