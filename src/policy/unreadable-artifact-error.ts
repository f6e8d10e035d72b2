/**
 * A rule or an artifact reader met a value it cannot read: a computed Terraform expression, a
 * policy that is not JSON, a patch paved cannot apply. The policy engine turns it into an error
 * finding of the rule ("the rule could not decide and fails closed: <message>"); it does not
 * reach the user as an exception. The message says what was found and, where there is one, how
 * to write it so that it can be read.
 */
export class UnreadableArtifactError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableArtifactError';
  }
}
