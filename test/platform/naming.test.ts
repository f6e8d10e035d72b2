import { PavedValidationError } from '../../src';
import { testPlatform } from '../util';

describe('Naming', () => {
  test('starts AWS names with the platform and the environment', () => {
    expect(testPlatform().naming.awsName('sqs-queue', 'dev', 'orders', 'events')).toBe('acme-dev-orders-events');
  });

  test('gives the same name to the same thing every time', () => {
    const naming = testPlatform().naming;
    expect(naming.awsName('s3-bucket', 'dev', 'orders', 'archive')).toBe(naming.awsName('s3-bucket', 'dev', 'orders', 'archive'));
  });

  test('fails when two different things would get one name', () => {
    const naming = testPlatform().naming;
    naming.awsName('s3-bucket', 'dev', 'orders', 'archive-v2');
    let error: unknown;
    try {
      naming.awsName('s3-bucket', 'dev', 'orders-archive', 'v2');
    } catch (e) {
      error = e;
    }
    expect(PavedValidationError.isPavedValidationError(error)).toBe(true);
    expect((error as Error).message).toBe(
      "Platform 'acme': the s3-bucket name 'acme-dev-orders-archive-v2' would be given to both 'acme/dev/orders/archive-v2' and 'acme/dev/orders-archive/v2'; rename one of the services or resources involved.",
    );
  });

  test('the same name may serve different targets', () => {
    const naming = testPlatform().naming;
    expect(naming.awsName('s3-bucket', 'dev', 'orders')).toBe(naming.awsName('sqs-queue', 'dev', 'orders'));
  });
});
