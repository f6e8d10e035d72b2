import { KmsKey } from '../../../constructs';
import { errorOf, grantedStatements, onlyResource, refTo, renderStack, serviceStack, statementsOf, testRole } from '../../util';

const KEY = 'checkout-dev/Key/Resource';

describe('KmsKey defaults', () => {
  const stack = serviceStack();
  const key = new KmsKey(stack, 'Key');
  const json = renderStack(stack);
  const resource = onlyResource(json, 'aws_kms_key');

  test('rotates yearly and waits 30 days before deletion', () => {
    expect(resource).toMatchObject({ enable_key_rotation: true, rotation_period_in_days: 365, deletion_window_in_days: 30 });
    expect(key).toMatchObject({ rotationPeriodDays: 365, deletionWindowDays: 30, description: 'paved: checkout-dev/Key' });
    expect(resource.description).toBe('paved: checkout-dev/Key');
  });

  test('has an alias named by the platform', () => {
    expect(key.aliasName).toBe('alias/acme-dev-checkout-key');
    expect(onlyResource(json, 'aws_kms_alias')).toMatchObject({ name: 'alias/acme-dev-checkout-key', target_key_id: refTo(json, 'aws_kms_key', KEY, 'key_id') });
  });

  test('lets only the account\'s IAM policies grant use, never a wildcard principal', () => {
    expect(statementsOf(resource.policy)).toEqual({
      AccountIamPoliciesMayGrantUse: {
        Sid: 'AccountIamPoliciesMayGrantUse',
        Effect: 'Allow',
        Principal: { AWS: ['arn:aws:iam::111111111111:root'] },
        Action: ['kms:*'],
        Resource: ['*'],
      },
    });
    expect(resource.policy).not.toContain('"Principal":"*"');
  });
});

describe('KmsKey props', () => {
  test('sets the description, deletion window and rotation period', () => {
    const stack = serviceStack();
    new KmsKey(stack, 'Key', { description: 'orders', deletionWindowDays: 7, rotationPeriodDays: 90 });
    expect(onlyResource(renderStack(stack), 'aws_kms_key')).toMatchObject({ description: 'orders', deletion_window_in_days: 7, rotation_period_in_days: 90 });
  });

  test('fails when the deletion window and rotation period are out of range, naming both', () => {
    const stack = serviceStack();
    const message = errorOf(() => new KmsKey(stack, 'Key', { deletionWindowDays: 3, rotationPeriodDays: 30 }));
    expect(message).toContain("KmsKey 'Key': 2 problems");
    expect(message).toContain("'deletionWindowDays' must be a whole number of days from 7 to 30, the range KMS accepts (got 3).");
    expect(message).toContain("'rotationPeriodDays' must be a whole number of days from 90 to 2560, the range KMS accepts (got 30).");
  });
});

describe('KmsKey grants', () => {
  test('grantEncryptDecrypt allows encryption on this key only, optionally only through a service', () => {
    const stack = serviceStack();
    const key = new KmsKey(stack, 'Key');
    const role = testRole(stack);
    const made = key.grantEncryptDecrypt(role);
    key.grantEncryptDecrypt(role, { viaService: 's3' });
    const json = renderStack(stack);
    const statements = grantedStatements(json);
    expect(made.map((s) => s.sid)).toEqual(['KeyEncryptDecrypt']);
    expect(statements.KeyEncryptDecrypt).toEqual({
      Sid: 'KeyEncryptDecrypt',
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:ReEncryptFrom', 'kms:ReEncryptTo'],
      Resource: [refTo(json, 'aws_kms_key', KEY, 'arn')],
    });
    expect(statements.KeyEncryptDecryptViaS3.Condition).toEqual({ StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } });
  });

  test('grantDecrypt allows decryption only', () => {
    const stack = serviceStack();
    new KmsKey(stack, 'Key').grantDecrypt(testRole(stack), { viaService: 'sqs' });
    const json = renderStack(stack);
    expect(grantedStatements(json)).toEqual({
      KeyDecryptViaSqs: {
        Sid: 'KeyDecryptViaSqs',
        Effect: 'Allow',
        Action: ['kms:Decrypt'],
        Resource: [refTo(json, 'aws_kms_key', KEY, 'arn')],
        Condition: { StringEquals: { 'kms:ViaService': 'sqs.eu-west-1.amazonaws.com' } },
      },
    });
  });

  test('grantLogGroup lets CloudWatch Logs use the key for that log group only', () => {
    const stack = serviceStack();
    const key = new KmsKey(stack, 'Key');
    key.grantLogGroup(stack, 'arn:aws:logs:eu-west-1:111111111111:log-group:app');
    const statements = statementsOf(onlyResource(renderStack(stack), 'aws_kms_key').policy);
    expect(statements.LogGroup).toEqual({
      Sid: 'LogGroup',
      Effect: 'Allow',
      Principal: { Service: ['logs.eu-west-1.amazonaws.com'] },
      Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:ReEncryptFrom', 'kms:ReEncryptTo'],
      Resource: ['*'],
      Condition: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': 'arn:aws:logs:eu-west-1:111111111111:log-group:app' } },
    });
  });
});
