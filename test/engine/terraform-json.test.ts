import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { TerraformOutput, TerraformStack } from 'cdktf';
import acme from '../../examples/acme/platform';
import { StateBackend } from '../../src';
import { stackToTerraform } from '../../src/engine/terraform-json';
import { serviceStack, testPlatform } from '../util';

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
