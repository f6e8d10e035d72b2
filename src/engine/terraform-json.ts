import { DefaultTokenResolver, IPostProcessor, IResolvable, IResolveContext, ITokenResolver, StringConcat, TerraformElement, TerraformOutput, TerraformStack, ref } from 'cdktf';
import { invokeAspects } from 'cdktf/lib/synthesize/synthesizer';
import { deepMerge } from 'cdktf/lib/util';
import { IConstruct } from 'constructs';
import { resolveTokens } from './resolve-tokens';
import { PavedValidationError } from '../platform/paved-validation-error';

const ERROR_ANNOTATION = '@cdktf/error';

/**
 * The Terraform JSON of one stack, doing what `cdktf synth` does for a stack (backend, aspects,
 * validations, error annotations) without its output layout, and without the "preparing" pass
 * that wires references between stacks (outputs and remote state): paved stacks never reference
 * another stack (facts cross as recorded values), so a reference to another stack's resource,
 * met as the stack resolves, fails the synth with a clear error instead of being written as a
 * reference to a resource the stack does not have.
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
  const resolver = new WithinStackResolver(stack);
  const json = stackToTerraform(stack, resolver);
  const crossing = [...resolver.crossStackReferences].sort();
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
 * overrides. The test of this module checks the two agree on every stack of the acme example
 * and on a stack with an S3 backend and outputs.
 * @param resolver what resolves each token (default: cdktf's)
 */
export function stackToTerraform(stack: TerraformStack, resolver?: ITokenResolver): Record<string, any> {
  const { cdktfVersion, rawOverrides } = stack as unknown as StackInternals;
  const elements = terraformElements(stack);
  const metadata: Record<string, any> = {
    version: cdktfVersion,
    stackName: stack.node.id,
    backend: 'local',
    ...(Object.keys(rawOverrides).length > 0 ? { overrides: { stack: Object.keys(rawOverrides) } } : {}),
  };
  for (const element of elements) {
    deepMerge(metadata, resolveTokens(stack, element.toMetadata(), resolver));
  }
  const outputs = {};
  for (const output of elements.filter(TerraformOutput.isTerraformOutput)) {
    deepMerge(outputs, output.node.path.split('/').reduceRight<Record<string, any>>(
      (inner, part) => ({ [part]: Object.keys(inner).length === 0 ? output.friendlyUniqueId : inner }), {}));
  }
  const tf: Record<string, any> = { '//': resolveTokens(stack, { metadata, outputs }, resolver) };
  for (const element of elements) {
    mergeResolved(tf, resolveTokens(stack, element.toTerraform(), resolver) as Record<string, unknown>);
  }
  deepMerge(tf, rawOverrides);
  for (const key of Object.keys(rawOverrides)) {
    tf[key] = resolveTokens(stack, tf[key], resolver);
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

/** What cdktf makes for each reference to a resource attribute (`ref()`; its class is not exported). */
const REFERENCE = Object.getPrototypeOf(ref('paved')) as object;

/**
 * cdktf's token resolver, which also records each reference to another stack's resource it
 * resolves (`aws_ssm_parameter.Endpoint.value of stack 'checkout-dev'`).
 */
class WithinStackResolver extends DefaultTokenResolver {
  /** The references to other stacks' resources met so far. */
  public readonly crossStackReferences = new Set<string>();

  public constructor(private readonly stack: TerraformStack) {
    super(new StringConcat());
  }

  public resolveToken(token: IResolvable, context: IResolveContext, postProcessor: IPostProcessor): any {
    if (REFERENCE.isPrototypeOf(token)) {
      const { identifier, originStack } = token as unknown as { readonly identifier: string; readonly originStack?: TerraformStack };
      if (originStack && originStack !== this.stack) {
        this.crossStackReferences.add(`${identifier} of stack '${originStack.node.id}'`);
      }
    }
    return super.resolveToken(token, context, postProcessor);
  }
}
