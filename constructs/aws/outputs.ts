import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { kebabCase } from './physical-name';

/**
 * A Terraform output of `attributes`, named after `scope`'s id in snake case (`network` for
 * `Network`), so `terraform output -json network` prints what to record in the environment.
 */
export function attributesOutput(scope: Construct, attributes: object, description: string): TerraformOutput {
  const output = new TerraformOutput(scope, 'Attributes', { value: attributes, description });
  output.overrideLogicalId(kebabCase(scope.node.id).replace(/-/g, '_'));
  return output;
}
