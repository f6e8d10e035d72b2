import { Construct, IConstruct } from 'constructs';
import { PolicyStatement } from './policy-statement';
import { PlatformStack } from '../../src/platform/platform-stack';

/**
 * Something that can be given access: an IAM identity with a policy that grant methods
 * (`bucket.grantReadWrite(identity)`) add statements to.
 */
export interface IGrantable {
  /** Adds `statement` to the identity's policy; adding the same statement twice is a no-op. */
  addToPolicy(statement: PolicyStatement): void;
}

/** Adds each of `statements` to `grantee`'s policy and returns them: the body of a grant method. */
export function grantTo(grantee: IGrantable, statements: readonly PolicyStatement[]): PolicyStatement[] {
  statements.forEach((statement) => grantee.addToPolicy(statement));
  return [...statements];
}

/**
 * Whether `grantee` is a construct in another stack than `resource` (another service's): the
 * grant must then name the resource by literal ARNs, since stacks never reference each other.
 */
export function grantsAcrossStacks(resource: IConstruct, grantee: IGrantable): boolean {
  return Construct.isConstruct(grantee) && PlatformStack.of(grantee) !== PlatformStack.of(resource);
}

/**
 * The statement id of what `resource` grants `grantee`: `PolicyStatement.sidFor(resource, ...words)`,
 * prefixed with the resource's service across stacks (`Billing` + `InvoicesConsume`), so that it
 * cannot clash with the grantee's own resource of the same name.
 */
export function grantSid(resource: IConstruct, grantee: IGrantable, ...words: string[]): string {
  const sid = PolicyStatement.sidFor(resource, ...words);
  const stack = PlatformStack.of(resource);
  return grantsAcrossStacks(resource, grantee) ? PolicyStatement.sidFor(stack, stack.ownership.service, sid) : sid;
}
