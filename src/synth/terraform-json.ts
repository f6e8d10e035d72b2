import { TerraformStack } from 'cdktf';
import { invokeAspects } from 'cdktf/lib/synthesize/synthesizer';
import { IConstruct } from 'constructs';
import { takeCrossStackReferences } from '../platform/cdktf-patches';
import { PavedValidationError } from '../platform/paved-validation-error';

const ERROR_ANNOTATION = '@cdktf/error';

/**
 * The Terraform JSON of one stack, doing what `cdktf synth` does for a stack (backend, aspects,
 * validations, error annotations) without its output layout, and without the pass that wires
 * references between stacks: paved stacks have none (see `patchCdktf`).
 */
export function synthesizeTerraformStack(stack: TerraformStack): Record<string, any> {
  stack.ensureBackendExists();
  invokeAspects(stack);
  stack.runAllValidations();
  const errors = stack.node.findAll().flatMap((node: IConstruct) => node.node.metadata
    .filter((entry) => entry.type === ERROR_ANNOTATION)
    .map((entry) => `[${node.node.path}] ${entry.data}`));
  if (errors.length > 0) {
    throw new PavedValidationError(stack, `errors in the stack:\n  ${errors.join('\n  ')}`);
  }
  const json = stack.toTerraform();
  const crossing = takeCrossStackReferences(stack);
  if (crossing.length > 0) {
    throw new PavedValidationError(stack, `refers to ${crossing.join(', ')}; a stack never references another stack's resources. Record the value in the environment's 'existing' facts, or pass it as a literal.`);
  }
  return json;
}

/** JSON with object keys sorted at every level and two-space indent, so equal content is equal bytes. */
export function canonicalJson(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), undefined, 2)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(sortKeys);
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]));
  }
  return value;
}
