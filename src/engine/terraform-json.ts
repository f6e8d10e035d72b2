import { TerraformElement, TerraformOutput, TerraformStack } from 'cdktf';
import { invokeAspects } from 'cdktf/lib/synthesize/synthesizer';
import { deepMerge } from 'cdktf/lib/util';
import { IConstruct } from 'constructs';
import { resolveTokens } from './resolve-tokens';
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
  const json = stackToTerraform(stack);
  const crossing = takeCrossStackReferences(stack);
  if (crossing.length > 0) {
    throw new PavedValidationError(stack, `refers to ${crossing.join(', ')}; a stack never references another stack's resources. Record the value in the environment's 'existing' facts, or pass it as a literal.`);
  }
  return json;
}

/** What `stackToTerraform` reads of a stack that cdktf keeps private. */
interface StackInternals {
  readonly cdktfVersion: string;
  readonly rawOverrides: Record<string, any>;
}

/**
 * What cdktf 0.21's `TerraformStack.toTerraform()` returns, with less resolving: cdktf
 * resolves every element's JSON, merges them, then resolves the whole merged document again;
 * this resolves each element once (see `resolveTokens`) and only re-resolves the stack's own
 * overrides. The test of
 * this module checks the two agree on every stack of the acme example and on a stack with an
 * S3 backend and outputs.
 */
export function stackToTerraform(stack: TerraformStack): Record<string, any> {
  const { cdktfVersion, rawOverrides } = stack as unknown as StackInternals;
  const elements = terraformElements(stack);
  const metadata: Record<string, any> = {
    version: cdktfVersion,
    stackName: stack.node.id,
    backend: 'local',
    ...(Object.keys(rawOverrides).length > 0 ? { overrides: { stack: Object.keys(rawOverrides) } } : {}),
  };
  for (const element of elements) {
    deepMerge(metadata, resolveTokens(stack, element.toMetadata()));
  }
  const outputs = {};
  for (const output of elements.filter(TerraformOutput.isTerraformOutput)) {
    deepMerge(outputs, output.node.path.split('/').reduceRight<Record<string, any>>(
      (inner, part) => ({ [part]: Object.keys(inner).length === 0 ? output.friendlyUniqueId : inner }), {}));
  }
  const tf: Record<string, any> = { '//': resolveTokens(stack, { metadata, outputs }) };
  for (const element of elements) {
    mergeResolved(tf, resolveTokens(stack, element.toTerraform()) as Record<string, unknown>);
  }
  deepMerge(tf, rawOverrides);
  for (const key of Object.keys(rawOverrides)) {
    tf[key] = resolveTokens(stack, tf[key]);
  }
  return tf;
}

/**
 * cdktf's `deepMerge(target, source)` for a `source` fresh from `resolveTokens`, which holds no
 * undefined and no token and is referenced nowhere else: a map the target lacks is taken as it
 * is instead of being copied key by key.
 */
function mergeResolved(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (isMap(value) && existing === undefined) {
      target[key] = value;
    } else if (isMap(value) && isMap(existing)) {
      mergeResolved(existing, value);
    } else {
      deepMerge(target, { [key]: value });
    }
  }
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The Terraform elements of `scope`, depth first, not descending into nested stacks (as cdktf). */
function terraformElements(scope: IConstruct, into: TerraformElement[] = []): TerraformElement[] {
  if (TerraformElement.isTerraformElement(scope)) {
    into.push(scope);
  }
  for (const child of scope.node.children) {
    if (!TerraformStack.isStack(child)) {
      terraformElements(child, into);
    }
  }
  return into;
}
