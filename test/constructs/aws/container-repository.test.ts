import { ContainerRepository, KmsKey } from '../../../constructs';
import { errorOf, grantedStatements, onlyResource, refTo, renderStack, serviceStack, testRole } from '../../util';

const REPOSITORY = 'checkout-dev/Images/Resource';

describe('ContainerRepository defaults', () => {
  const stack = serviceStack();
  const repository = new ContainerRepository(stack, 'Images');
  const json = renderStack(stack);
  const resource = onlyResource(json, 'aws_ecr_repository');

  test('is named by the platform, with an image URI known at synth', () => {
    expect(repository.repositoryName).toBe('acme-dev-checkout-images');
    expect(repository.repositoryUri).toBe('111111111111.dkr.ecr.eu-west-1.amazonaws.com/acme-dev-checkout-images');
    expect(resource.name).toBe('acme-dev-checkout-images');
  });

  test('has immutable tags, scans on push and encrypts with a key of its own', () => {
    expect(resource).toMatchObject({
      image_tag_mutability: 'IMMUTABLE',
      image_scanning_configuration: { scan_on_push: true },
      encryption_configuration: [{ encryption_type: 'KMS', kms_key: refTo(json, 'aws_kms_key', 'checkout-dev/Images/Key/Resource', 'arn') }],
    });
    expect(resource.force_delete).toBeUndefined();
  });

  test('expires untagged images after 14 days', () => {
    expect(repository.untaggedImageExpiryDays).toBe(14);
    const lifecycle = onlyResource(json, 'aws_ecr_lifecycle_policy');
    expect(lifecycle.repository).toBe(refTo(json, 'aws_ecr_repository', REPOSITORY, 'name'));
    expect(JSON.parse(lifecycle.policy)).toEqual({
      rules: [{
        rulePriority: 1,
        description: 'Expire untagged images after 14 days',
        selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 14 },
        action: { type: 'expire' },
      }],
    });
  });
});

describe('ContainerRepository props', () => {
  test('uses the key and expiry given', () => {
    const stack = serviceStack();
    new ContainerRepository(stack, 'Images', { encryptionKey: new KmsKey(stack, 'Shared'), untaggedImageExpiryDays: 3 });
    const json = renderStack(stack);
    expect(onlyResource(json, 'aws_ecr_repository').encryption_configuration[0].kms_key).toBe(refTo(json, 'aws_kms_key', 'checkout-dev/Shared/Resource', 'arn'));
    expect(JSON.parse(onlyResource(json, 'aws_ecr_lifecycle_policy').policy).rules[0].selection.countNumber).toBe(3);
  });

  test('fails when the expiry is not a positive number of days', () => {
    expect(errorOf(() => new ContainerRepository(serviceStack(), 'Images', { untaggedImageExpiryDays: 0.5 }))).toBe(
      "ContainerRepository 'Images': 'untaggedImageExpiryDays' must be a whole number of days of at least 1 (got 0.5).",
    );
  });
});

describe('ContainerRepository grants', () => {
  test('grantPull allows pulling from this repository, and registry login which has no resource-level permission', () => {
    const stack = serviceStack();
    new ContainerRepository(stack, 'Images').grantPull(testRole(stack));
    const json = renderStack(stack);
    expect(grantedStatements(json)).toEqual({
      EcrAuthorizationToken: { Sid: 'EcrAuthorizationToken', Effect: 'Allow', Action: ['ecr:GetAuthorizationToken'], Resource: ['*'] },
      ImagesPull: {
        Sid: 'ImagesPull',
        Effect: 'Allow',
        Action: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
        Resource: [refTo(json, 'aws_ecr_repository', REPOSITORY, 'arn')],
      },
    });
  });

  test('grantPush allows pushing to this repository only', () => {
    const stack = serviceStack();
    const repository = new ContainerRepository(stack, 'Images');
    const role = testRole(stack);
    repository.grantPull(role);
    repository.grantPush(role);
    const json = renderStack(stack);
    const statements = grantedStatements(json);
    expect(Object.keys(statements)).toEqual(['EcrAuthorizationToken', 'ImagesPull', 'ImagesPushPull']);
    expect(statements.ImagesPushPull).toEqual({
      Sid: 'ImagesPushPull',
      Effect: 'Allow',
      Action: [
        'ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:CompleteLayerUpload', 'ecr:GetDownloadUrlForLayer',
        'ecr:InitiateLayerUpload', 'ecr:PutImage', 'ecr:UploadLayerPart',
      ],
      Resource: [refTo(json, 'aws_ecr_repository', REPOSITORY, 'arn')],
    });
  });
});
