import { KmsKey, Secret } from '../../../constructs';
import { errorOf, grantedStatements, onlyResource, refTo, renderStack, resourcesOf, serviceStack, testRole } from '../../util';

const SECRET = 'checkout-dev/ApiKey/Resource';
const LAMBDA = 'arn:aws:lambda:eu-west-1:111111111111:function:rotate-api-key';

describe('Secret defaults', () => {
  const stack = serviceStack();
  const secret = new Secret(stack, 'ApiKey');
  const json = renderStack(stack);

  test('is named by the platform and encrypted with a key of its own', () => {
    expect(secret.secretName).toBe('acme-dev-checkout-api-key');
    expect(onlyResource(json, 'aws_secretsmanager_secret')).toEqual(expect.objectContaining({
      name: 'acme-dev-checkout-api-key',
      description: 'paved: checkout-dev/ApiKey',
      kms_key_id: refTo(json, 'aws_kms_key', 'checkout-dev/ApiKey/Key/Resource', 'arn'),
      recovery_window_in_days: 30,
    }));
    expect(secret.recoveryWindowDays).toBe(30);
  });

  test('writes no value and no rotation', () => {
    expect(resourcesOf(json, 'aws_secretsmanager_secret_version')).toEqual({});
    expect(resourcesOf(json, 'aws_secretsmanager_secret_rotation')).toEqual({});
    expect(secret.rotation).toBeUndefined();
    expect(secret.rotationAfterDays).toBeUndefined();
  });
});

describe('Secret props', () => {
  test('configures rotation every 30 days by the Lambda function given', () => {
    const stack = serviceStack();
    const secret = new Secret(stack, 'ApiKey', { rotation: { rotationLambdaArn: LAMBDA } });
    const json = renderStack(stack);
    expect(secret.rotationAfterDays).toBe(30);
    expect(onlyResource(json, 'aws_secretsmanager_secret_rotation')).toEqual(expect.objectContaining({
      secret_id: refTo(json, 'aws_secretsmanager_secret', SECRET, 'id'),
      rotation_lambda_arn: LAMBDA,
      rotation_rules: { automatically_after_days: 30 },
    }));
  });

  test('uses the key, description, recovery window and rotation period given', () => {
    const stack = serviceStack();
    new Secret(stack, 'ApiKey', {
      encryptionKey: new KmsKey(stack, 'Shared'),
      description: 'the payment provider API key',
      recoveryWindowDays: 7,
      rotation: { rotationLambdaArn: LAMBDA, afterDays: 90 },
    });
    const json = renderStack(stack);
    expect(onlyResource(json, 'aws_secretsmanager_secret')).toMatchObject({
      kms_key_id: refTo(json, 'aws_kms_key', 'checkout-dev/Shared/Resource', 'arn'),
      description: 'the payment provider API key',
      recovery_window_in_days: 7,
    });
    expect(onlyResource(json, 'aws_secretsmanager_secret_rotation').rotation_rules).toEqual({ automatically_after_days: 90 });
  });

  test('fails when the recovery window, rotation period and rotation function are wrong, naming each', () => {
    const message = errorOf(() => new Secret(serviceStack(), 'ApiKey', { recoveryWindowDays: 0, rotation: { rotationLambdaArn: 'rotate', afterDays: 1001 } }));
    expect(message).toContain("Secret 'ApiKey': 3 problems");
    expect(message).toContain("'recoveryWindowDays' must be a whole number of days from 7 to 30, the range Secrets Manager accepts (got 0).");
    expect(message).toContain("'rotation.afterDays' must be a whole number of days from 1 to 1000, the range Secrets Manager accepts (got 1001).");
    expect(message).toContain("'rotation.rotationLambdaArn' must be the ARN of a Lambda function, such as 'arn:aws:lambda:eu-west-1:111111111111:function:rotate' (got 'rotate').");
  });
});

describe('Secret grants', () => {
  test('grantRead allows reading this secret, and decrypting through Secrets Manager', () => {
    const stack = serviceStack();
    new Secret(stack, 'ApiKey').grantRead(testRole(stack));
    const json = renderStack(stack);
    expect(grantedStatements(json)).toEqual({
      ApiKeyRead: {
        Sid: 'ApiKeyRead',
        Effect: 'Allow',
        Action: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'],
        Resource: [refTo(json, 'aws_secretsmanager_secret', SECRET, 'arn')],
      },
      ApiKeyKeyDecryptViaSecretsmanager: {
        Sid: 'ApiKeyKeyDecryptViaSecretsmanager',
        Effect: 'Allow',
        Action: ['kms:Decrypt'],
        Resource: [refTo(json, 'aws_kms_key', 'checkout-dev/ApiKey/Key/Resource', 'arn')],
        Condition: { StringEquals: { 'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com' } },
      },
    });
  });
});
