import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { Fn, TerraformOutput, TerraformStack } from 'cdktf';
import acme from '../../examples/acme/platform';
import { StateBackend } from '../../src';
import { stackToTerraform } from '../../src/engine/terraform-json';
import { errorOf, renderStack, serviceStack, testPlatform } from '../util';

/** `stack` as cdktf's own `toTerraform` writes it. */
function cdktfToTerraform(stack: TerraformStack): unknown {
  stack.ensureBackendExists();
  return stack.toTerraform();
}

describe('stackToTerraform returns what cdktf TerraformStack.toTerraform returns', () => {
  test('for every stack of the acme example', () => {
    acme.prepare();
    const stacks = acme.terraformApp.node.children.filter(TerraformStack.isStack);
    expect(stacks.length).toBeGreaterThan(20);
    for (const stack of stacks) {
      expect(stackToTerraform(stack)).toEqual(cdktfToTerraform(stack));
    }
  });

  test('for a stack with an S3 backend (a stack override), outputs and references', () => {
    const stack = serviceStack('dev', testPlatform({ stateBackend: StateBackend.s3() }));
    const parameter = new SsmParameter(stack, 'Endpoint', { name: '/checkout/endpoint', type: 'String', value: 'https://checkout' });
    new TerraformOutput(stack, 'endpoint', { value: parameter.arn });
    const json = cdktfToTerraform(stack) as Record<string, any>;
    expect(json.terraform.backend.s3.use_lockfile).toBe(true);
    expect(json.output.endpoint.value).toBe('${aws_ssm_parameter.Endpoint.arn}');
    expect(stackToTerraform(stack)).toEqual(json);
  });
});

describe('synthesizeTerraformStack', () => {
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

  test('resolves a reference within a stack', () => {
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

  test('fails on a reference to another stack inside an expression, an output or an override', () => {
    const { checkout, orders, parameter } = twoStacks();
    const copy = new SsmParameter(orders, 'Copy', { name: '/orders/copy', type: 'String', value: Fn.upper(`${parameter.name}/x`) });
    new TerraformOutput(orders, 'checkout', { value: parameter.arn });
    copy.addOverride('description', parameter.id);
    expect(errorOf(() => renderStack(orders))).toBe("PlatformStack 'orders-dev': refers to aws_ssm_parameter.Endpoint.arn of stack 'checkout-dev', aws_ssm_parameter.Endpoint.id of stack 'checkout-dev', aws_ssm_parameter.Endpoint.name of stack 'checkout-dev'; a stack never references another stack's resources. Record the value in the environment's 'existing' facts, or pass it as a literal.");
    expect(() => renderStack(checkout)).not.toThrow();
  });
});
