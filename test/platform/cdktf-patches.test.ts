import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { Fn, Lazy } from 'cdktf';
import * as unique from 'cdktf/lib/private/unique';
import * as stackTrace from 'cdktf/lib/tokens/private/stack-trace';
import * as util from 'cdktf/lib/util';
import { errorOf, renderStack, testPlatform, thrownBy } from '../util';

/** A platform with the components `checkout` and `orders`, and an SSM parameter in `checkout-dev`. */
function twoStacks() {
  const platform = testPlatform();
  platform.declareComponent({ name: 'checkout', team: 'payments' });
  platform.declareComponent({ name: 'orders', team: 'payments' });
  const checkout = platform.placement('checkout', 'dev').stack;
  const orders = platform.placement('orders', 'dev').stack;
  const parameter = new SsmParameter(checkout, 'Endpoint', { name: '/checkout/endpoint', type: 'String', value: 'https://checkout' });
  return { checkout, orders, parameter };
}

describe('patchCdktf (applied by every Platform)', () => {
  test('cdktf records no creation stack for tokens', () => {
    twoStacks();
    expect(stackTrace.captureStackTrace()).toEqual([]);
  });

  test('a reference within a stack resolves as before', () => {
    const { checkout, parameter } = twoStacks();
    new SsmParameter(checkout, 'Copy', { name: '/checkout/copy', type: 'String', value: Fn.upper(parameter.value) });
    const copy = Object.values(renderStack(checkout).resource.aws_ssm_parameter).find((p: any) => p.name === '/checkout/copy') as any;
    expect(copy.value).toBe('${upper(aws_ssm_parameter.Endpoint.value)}');
  });

  test('fails when a stack refers to a resource of another stack', () => {
    const { orders, parameter } = twoStacks();
    new SsmParameter(orders, 'CheckoutEndpoint', { name: '/orders/checkout', type: 'String', value: parameter.value });
    expect(errorOf(() => renderStack(orders))).toBe("PlatformStack 'orders-dev': refers to aws_ssm_parameter.Endpoint.value of stack 'checkout-dev'; a stack never references another stack's resources. Record the value in the environment's 'existing' facts, or pass it as a literal.");
  });

  test("snake-cases meta-argument keys exactly as cdktf's keysToSnakeCase", () => {
    twoStacks();
    let byCdktf: (object: unknown) => unknown = () => undefined;
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      byCdktf = require('cdktf/lib/util').keysToSnakeCase;
    });
    expect(util.keysToSnakeCase.toString()).toContain('snakeCased(key)');
    const token = Lazy.anyValue({ produce: () => ['a'] });
    const values: unknown[] = [
      {
        dependsOn: ['aws_s3_bucket.logs'],
        count: 2,
        provider: undefined,
        forEach: token,
        lifecycle: { createBeforeDestroy: true, ignoreChanges: ['tags'], replaceTriggeredBy: [{ resourceRef: 'x' }] },
        connection: { 'type': 'ssh', 'bastionHost': 'jump', 'HTTPProxy': 'p', 'with-dash': 1, '_leading': 2, 'trailing_': 3, 'double__under': 4 },
        tags: { CamelCase: 'kept' },
        environment: { MY_VAR: 'kept' },
        nested: [[{ innerKey: [{ deepKey: true }] }], 'text', 3],
      },
      [{ someKey: 1 }, 'plain', token],
      token,
      {},
    ];
    for (const value of values) {
      const patched = util.keysToSnakeCase(value);
      expect(patched).toEqual(byCdktf(value));
      expect(JSON.stringify(patched)).toBe(JSON.stringify(byCdktf(value)));
    }
    expect(util.keysToSnakeCase(values[0])).toMatchObject({
      depends_on: ['aws_s3_bucket.logs'],
      for_each: token,
      lifecycle: { create_before_destroy: true, ignore_changes: ['tags'], replace_triggered_by: [{ resource_ref: 'x' }] },
      connection: { bastion_host: 'jump', httpproxy: 'p', with_dash: 1, leading: 2, trailing: 3, double_under: 4 },
      tags: { CamelCase: 'kept' },
      environment: { MY_VAR: 'kept' },
    });
    expect(() => util.keysToSnakeCase({ count: null })).toThrow(thrownBy(() => byCdktf({ count: null })).message);
  });

  test("names elements exactly as cdktf's makeUniqueId", () => {
    twoStacks();
    let byCdktf: (components: string[]) => string = () => '';
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      byCdktf = require('cdktf/lib/private/unique').makeUniqueId;
    });
    expect(unique.makeUniqueId).not.toBe(byCdktf);
    const long = 'x'.repeat(250);
    const paths: string[][] = [
      ['Bucket'], ['my-bucket.v2'], ['a b/c'], [long], [`${long}!!!!!!`], ['y'.repeat(256)],
      ['Default', 'Bucket'], ['Database', 'Resource'], ['Database', 'Default', 'Resource', 'Key'],
      ['AppDatabase', 'Database', 'Key'], ['Database', 'AppDatabase'], ['Resource', 'Resource', 'x'], ['Key', 'Key', 'Key'],
      ['api', 'Role', 'Policy.Attachment'], ['ünïcode', 'Löschen'], ['', 'x'], ['a', ''], [long, long, 'tail'],
      ['DefaultX', 'Default', 'x'], ['-', '_'], ['Service', 'orders', 'Queue', 'Resource'],
    ];
    const words = ['Resource', 'Default', 'Queue', 'ueue', 'orders', 'Key', 'a.b', 'x y', ''];
    for (let i = 0; i < 500; i++) {
      paths.push(Array.from({ length: 1 + (i % 5) }, (_, j) => words[(i * 7 + j * 3) % words.length]));
    }
    for (const path of paths.filter((p) => p.some((component) => component !== 'Default'))) {
      expect(unique.makeUniqueId([...path])).toBe(byCdktf([...path]));
    }
    expect(() => unique.makeUniqueId(['Default'])).toThrow(thrownBy(() => byCdktf(['Default'])).message);
  });
});
