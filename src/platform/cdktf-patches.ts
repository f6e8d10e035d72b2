import { IResolveContext, TerraformStack, ref } from 'cdktf';
import * as stackTrace from 'cdktf/lib/tokens/private/stack-trace';

/** What paved relies on in a cdktf `Reference` (the token of a resource attribute). */
interface Reference {
  readonly identifier: string;
  readonly originStack?: TerraformStack;
  resolve(context: IResolveContext): string;
}

let patched = false;

/** Per stack, the references to other stacks' resources met while resolving it. */
const crossStackReferences = new WeakMap<TerraformStack, Set<string>>();

/**
 * The two changes paved makes to cdktf 0.21.0 (pinned in DESIGN.md), once per process, so that
 * a synth of hundreds of stacks takes seconds. A cdktf upgrade must keep both hooks: the test of
 * this module checks them.
 *
 * 1. cdktf records where every token was created (`captureStackTrace` in
 *    `cdktf/lib/tokens/private/stack-trace`, called for each attribute reference, with an
 *    unlimited stack depth) and only ever shows it in the message of a token that fails to
 *    resolve. paved records nothing: such a message then lacks the creation stack.
 * 2. cdktf resolves every stack twice: a "preparing" pass that only wires references between
 *    stacks (outputs and remote state), then the real one. paved stacks never reference another
 *    stack (facts cross as recorded values), so the synth skips that pass; a reference to
 *    another stack's resource is recorded as it resolves (see `takeCrossStackReferences`), and
 *    the synth fails with a clear error instead of writing a reference to a resource the stack
 *    does not have.
 */
export function patchCdktf(): void {
  if (patched) {
    return;
  }
  const traces = stackTrace as { captureStackTrace: (below?: unknown) => string[] };
  const reference = Object.getPrototypeOf(ref('paved')) as Reference;
  if (typeof traces.captureStackTrace !== 'function' || typeof reference.resolve !== 'function') {
    throw new Error('cdktf no longer has captureStackTrace in cdktf/lib/tokens/private/stack-trace or a resolvable Reference: update src/platform/cdktf-patches.ts for this version.');
  }
  traces.captureStackTrace = () => [];
  const resolveReference = reference.resolve;
  reference.resolve = function resolveWithinStack(this: Reference, context: IResolveContext): string {
    const stack = TerraformStack.of(context.scope);
    if (!context.preparing && this.originStack && this.originStack !== stack) {
      const references = crossStackReferences.get(stack) ?? new Set();
      crossStackReferences.set(stack, references.add(`${this.identifier} of stack '${this.originStack.node.id}'`));
    }
    return resolveReference.call(this, context);
  };
  patched = true;
}

/** The references to other stacks' resources that resolving `stack` met, sorted; forgets them. */
export function takeCrossStackReferences(stack: TerraformStack): string[] {
  const references = [...crossStackReferences.get(stack) ?? []].sort();
  crossStackReferences.delete(stack);
  return references;
}
