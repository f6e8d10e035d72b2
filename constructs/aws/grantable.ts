import { PolicyStatement } from './policy-statement';

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
