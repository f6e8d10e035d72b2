import { EcrLifecyclePolicy } from '@cdktf/provider-aws/lib/ecr-lifecycle-policy';
import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository';
import { EcrRepositoryPolicy } from '@cdktf/provider-aws/lib/ecr-repository-policy';
import { Construct } from 'constructs';
import { partitionOf, serviceHost } from './arn';
import { problemsOf, rangeProblem } from './checks';
import { IGrantable, grantTo } from './grantable';
import { KmsKey } from './kms-key';
import { physicalName } from './physical-name';
import { PolicyDocument } from './policy-document';
import { PolicyStatement } from './policy-statement';
import { PavedValidationError } from '../../src/platform/paved-validation-error';
import { PlatformStack } from '../../src/platform/platform-stack';
import { sortedBy } from '../../src/util/sorted-by';

/** Props of a `ContainerRepository`. */
export interface ContainerRepositoryProps {
  /**
   * The key that encrypts images.
   * @default - a new `KmsKey` for this repository
   */
  readonly encryptionKey?: KmsKey;
  /**
   * Days after which an untagged image is deleted.
   * @default 14
   */
  readonly untaggedImageExpiryDays?: number;
}

/**
 * An ECR repository for a service's images: tags are immutable, every push is scanned, images
 * are encrypted with a customer managed key, and untagged images expire.
 */
export class ContainerRepository extends Construct {
  /** The repository. */
  public readonly resource: EcrRepository;
  /** `<platform>-<environment>-<service>-<path>`, known at synth. */
  public readonly repositoryName: string;
  /** `<account>.dkr.ecr.<region>.amazonaws.com/<name>`, known at synth: the image name without a tag. */
  public readonly repositoryUri: string;
  /** The repository's ARN (a Terraform reference). */
  public readonly repositoryArn: string;
  /** The key that encrypts images: `props.encryptionKey`, or a new `KmsKey` child `Key`. */
  public readonly encryptionKey: KmsKey;
  /** Days after which an untagged image is deleted: `props.untaggedImageExpiryDays`, or 14. */
  public readonly untaggedImageExpiryDays: number;
  /** The lifecycle policy that deletes untagged images after `untaggedImageExpiryDays`. */
  public readonly lifecyclePolicy: EcrLifecyclePolicy;

  constructor(scope: Construct, id: string, props: ContainerRepositoryProps = {}) {
    super(scope, id);
    this.untaggedImageExpiryDays = props.untaggedImageExpiryDays ?? 14;
    PavedValidationError.throwIfAny(this, problemsOf(
      rangeProblem('untaggedImageExpiryDays', this.untaggedImageExpiryDays, { min: 1, unit: 'days' }),
    ));
    const environment = PlatformStack.of(this).environment;
    this.encryptionKey = props.encryptionKey ?? new KmsKey(this, 'Key');
    this.repositoryName = physicalName(this, 'ecr-repository');
    this.repositoryUri = `${environment.account}.dkr.${serviceHost(environment, 'ecr')}/${this.repositoryName}`;
    this.resource = new EcrRepository(this, 'Resource', {
      name: this.repositoryName,
      imageTagMutability: 'IMMUTABLE',
      imageScanningConfiguration: { scanOnPush: true },
      encryptionConfiguration: [{ encryptionType: 'KMS', kmsKey: this.encryptionKey.keyArn }],
    });
    this.repositoryArn = this.resource.arn;
    this.lifecyclePolicy = new EcrLifecyclePolicy(this, 'LifecyclePolicy', {
      repository: this.resource.name,
      policy: JSON.stringify({
        rules: [{
          rulePriority: 1,
          description: `Expire untagged images after ${this.untaggedImageExpiryDays} days`,
          selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: this.untaggedImageExpiryDays },
          action: { type: 'expire' },
        }],
      }),
    });
  }

  /**
   * Lets `grantee` pull images. ECR decrypts them through its own grant on the key, so the
   * grantee needs no KMS permission.
   */
  public grantPull(grantee: IGrantable): PolicyStatement[] {
    return grantTo(grantee, [this.authorizationStatement(), new PolicyStatement({
      sid: PolicyStatement.sidFor(this, 'Pull'),
      actions: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
      resources: [this.repositoryArn],
    })]);
  }

  /** Lets `grantee` push and pull images. */
  public grantPush(grantee: IGrantable): PolicyStatement[] {
    return grantTo(grantee, [this.authorizationStatement(), new PolicyStatement({
      sid: PolicyStatement.sidFor(this, 'PushPull'),
      actions: [
        'ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:CompleteLayerUpload', 'ecr:GetDownloadUrlForLayer',
        'ecr:InitiateLayerUpload', 'ecr:PutImage', 'ecr:UploadLayerPart',
      ],
      resources: [this.repositoryArn],
    })]);
  }

  /**
   * Lets the nodes of other AWS accounts (the platform's other environments) pull images, with a
   * repository policy; the repository's own account needs none.
   * @returns the repository policy, or `undefined` when every account given is this one
   */
  public allowPullFrom(accountIds: readonly string[]): EcrRepositoryPolicy | undefined {
    const environment = PlatformStack.of(this).environment;
    const others = sortedBy(new Set(accountIds.filter((id) => id !== environment.account)), (id) => id);
    if (others.length === 0) {
      return undefined;
    }
    const document = new PolicyDocument([new PolicyStatement({
      sid: 'PullFromPlatformAccounts',
      principal: { AWS: others.map((id) => `arn:${partitionOf(environment.region)}:iam::${id}:root`) },
      actions: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
    })]);
    return new EcrRepositoryPolicy(this, 'Policy', { repository: this.resource.name, policy: document.toLazyJson() });
  }

  /** Registry login: `ecr:GetAuthorizationToken` has no resource-level permissions, so its resource is `*`. */
  private authorizationStatement(): PolicyStatement {
    return new PolicyStatement({ sid: 'EcrAuthorizationToken', actions: ['ecr:GetAuthorizationToken'], resources: ['*'] });
  }
}
