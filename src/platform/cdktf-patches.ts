import { IResolveContext, TerraformStack, ref } from 'cdktf';
import * as stackTrace from 'cdktf/lib/tokens/private/stack-trace';
import { PavedValidationError } from './paved-validation-error';

/** What paved relies on in a cdktf `Reference` (the token of a resource attribute). */
interface Reference {
  readonly identifier: string;
  readonly originStack?: TerraformStack;
  resolve(context: IResolveContext): string;
}

let patched = false;

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
 *    stack (facts cross as recorded values), so the synth skips that pass, and resolving a
 *    reference to another stack's resource fails with a clear error instead of writing a
 *    reference to a resource the stack does not have.
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
      throw new PavedValidationError(stack, `refers to ${this.identifier} of stack '${this.originStack.node.id}'; a stack never references another stack's resources. Record the value in the environment's 'existing' facts, or pass it as a literal.`);
    }
    return resolveReference.call(this, context);
  };
  patched = true;
}
