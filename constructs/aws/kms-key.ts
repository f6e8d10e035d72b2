import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey as KmsKeyResource } from '@cdktf/provider-aws/lib/kms-key';
import { Construct } from 'constructs';
import { arnOf, serviceHost } from './arn';
import { problemsOf, rangeProblem } from './checks';
import { IGrantable, grantSid, grantTo, grantsAcrossStacks } from './grantable';
import { physicalName } from './physical-name';
import { PolicyDocument } from './policy-document';
import { PolicyStatement } from './policy-statement';
import { Environment } from '../../src/platform/environment';
import { PavedValidationError } from '../../src/platform/paved-validation-error';
import { PlatformStack } from '../../src/platform/platform-stack';
import { TAG_KEYS } from '../../src/platform/tagging';

/** Props of a `KmsKey`. */
export interface KmsKeyProps {
  /**
   * What the key protects, shown in the KMS console.
   * @default - `paved: <construct path>`
   */
  readonly description?: string;
  /**
   * Days between scheduling the key's deletion and its deletion (7-30).
   * @default 30
   */
  readonly deletionWindowDays?: number;
  /**
   * Days between automatic rotations of the key material (90-2560).
   * @default 365
   */
  readonly rotationPeriodDays?: number;
}

/** Options of the grant methods of a `KmsKey`. */
export interface KmsKeyGrantOptions {
  /**
   * Only through this AWS service (`s3`), in the environment's region: a `kms:ViaService` condition.
   * @default - any caller
   */
  readonly viaService?: string;
}

/**
 * A symmetric customer managed KMS key with an alias and automatic rotation.
 *
 * Its key policy lets the account's IAM policies grant use of the key (the AWS default key
 * policy: principal the account root, never a wildcard) and lets the services the platform
 * wires up (CloudWatch Logs for a log group) use it for exactly their resource. Everyone else
 * gets access through grants.
 */
export class KmsKey extends Construct {
  /** The KMS key. */
  public readonly resource: KmsKeyResource;
  /** The alias `aliasName`, pointing at the key. */
  public readonly alias: KmsAlias;
  /** `alias/<platform>-<environment>-<service>-<path>`. */
  public readonly aliasName: string;
  /** The key's ARN (a Terraform reference). */
  public readonly keyArn: string;
  /** What the key protects, shown in the KMS console: `props.description`, or `paved: <construct path>`. */
  public readonly description: string;
  /** Days between scheduling the key's deletion and its deletion: `props.deletionWindowDays`, or 30. */
  public readonly deletionWindowDays: number;
  /** Days between automatic rotations of the key material: `props.rotationPeriodDays`, or 365. */
  public readonly rotationPeriodDays: number;
  /** The key policy; statements added until synth are rendered into it. */
  public readonly policyDocument: PolicyDocument;
  private readonly environment: Environment;

  constructor(scope: Construct, id: string, props: KmsKeyProps = {}) {
    super(scope, id);
    this.environment = PlatformStack.of(this).environment;
    this.description = props.description ?? `paved: ${this.node.path}`;
    this.deletionWindowDays = props.deletionWindowDays ?? 30;
    this.rotationPeriodDays = props.rotationPeriodDays ?? 365;
    PavedValidationError.throwIfAny(this, problemsOf(
      rangeProblem('deletionWindowDays', this.deletionWindowDays, { min: 7, max: 30, unit: 'days', why: 'the range KMS accepts' }),
      rangeProblem('rotationPeriodDays', this.rotationPeriodDays, { min: 90, max: 2560, unit: 'days', why: 'the range KMS accepts' }),
    ));

    this.policyDocument = new PolicyDocument([new PolicyStatement({
      sid: 'AccountIamPoliciesMayGrantUse',
      principal: { AWS: [arnOf(this.environment, 'iam', 'root', 'account')] },
      actions: ['kms:*'],
      // In a key policy, '*' is the key itself.
      resources: ['*'],
    })]);
    this.resource = new KmsKeyResource(this, 'Resource', {
      description: this.description,
      enableKeyRotation: true,
      rotationPeriodInDays: this.rotationPeriodDays,
      deletionWindowInDays: this.deletionWindowDays,
      policy: this.policyDocument.toLazyJson(),
    });
    this.keyArn = this.resource.arn;
    this.aliasName = `alias/${physicalName(this, 'kms-alias')}`;
    this.alias = new KmsAlias(this, 'Alias', { name: this.aliasName, targetKeyId: this.resource.keyId });
  }

  /** Adds `statement` to the key policy. */
  public addToResourcePolicy(statement: PolicyStatement): void {
    this.policyDocument.addStatements(statement);
  }

  /**
   * Lets `grantee` run `actions` with this key, and only this key.
   *
   * A grantee in another stack (another service's identity) cannot know the key's ARN, which KMS
   * picks at creation: its statement allows the platform's keys (`key/*` with the platform tag)
   * that carry this key's alias (`kms:ResourceAliases`), which only this key does.
   * @param name what the grant is for, in Pascal case; part of the statement id
   */
  public grant(grantee: IGrantable, name: string, actions: readonly string[], options: KmsKeyGrantOptions = {}): PolicyStatement[] {
    const via = options.viaService;
    const viaCondition: Record<string, string> = via ? { 'kms:ViaService': serviceHost(this.environment, via) } : {};
    const sid = grantSid(this, grantee, name, ...(via ? ['Via', via] : []));
    if (grantsAcrossStacks(this, grantee)) {
      return grantTo(grantee, [new PolicyStatement({
        sid,
        actions,
        resources: [arnOf(this.environment, 'kms', 'key/*')],
        conditions: {
          'StringEquals': { [`aws:ResourceTag/${TAG_KEYS.platform}`]: PlatformStack.of(this).platform.name, ...viaCondition },
          'ForAnyValue:StringEquals': { 'kms:ResourceAliases': this.aliasName },
        },
      })]);
    }
    return grantTo(grantee, [new PolicyStatement({
      sid,
      actions,
      resources: [this.keyArn],
      conditions: via ? { StringEquals: viaCondition } : undefined,
    })]);
  }

  /** Lets `grantee` decrypt with this key. */
  public grantDecrypt(grantee: IGrantable, options: KmsKeyGrantOptions = {}): PolicyStatement[] {
    return this.grant(grantee, 'Decrypt', ['kms:Decrypt'], options);
  }

  /** Lets `grantee` encrypt, decrypt and generate data keys with this key. */
  public grantEncryptDecrypt(grantee: IGrantable, options: KmsKeyGrantOptions = {}): PolicyStatement[] {
    return this.grant(grantee, 'EncryptDecrypt', [
      'kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:ReEncryptFrom', 'kms:ReEncryptTo',
    ], options);
  }

  /**
   * Lets CloudWatch Logs in the environment's region encrypt the log group `logGroupArn` with
   * this key (a key-policy statement, conditioned on the log group's encryption context).
   * @param scope the log group's construct, which names the statement
   */
  public grantLogGroup(scope: Construct, logGroupArn: string): PolicyStatement {
    const statement = new PolicyStatement({
      sid: PolicyStatement.sidFor(scope, 'LogGroup'),
      principal: { Service: [serviceHost(this.environment, 'logs')] },
      actions: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:ReEncryptFrom', 'kms:ReEncryptTo'],
      resources: ['*'],
      conditions: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': logGroupArn } },
    });
    this.addToResourcePolicy(statement);
    return statement;
  }
}
