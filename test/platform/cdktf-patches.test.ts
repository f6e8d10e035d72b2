import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { Fn } from 'cdktf';
import * as stackTrace from 'cdktf/lib/tokens/private/stack-trace';
import { errorOf, renderStack, testPlatform } from '../util';

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
});
