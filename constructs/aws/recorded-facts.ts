import { TerraformOutput, Token } from 'cdktf';
import { Construct } from 'constructs';
import { ExistingInfrastructure } from '../../src/platform/existing-infrastructure';
import { PavedValidationError } from '../../src/platform/paved-validation-error';
import { PlatformStack } from '../../src/platform/platform-stack';

/** What an environment records facts about: its `network` or its `cluster`. */
export type RecordedKind = keyof ExistingInfrastructure;

/**
 * The Terraform output `kind` (`network`) of `scope`'s stack, whose value is the facts to record
 * in the environment's `existing.<kind>`: `terraform output -json network` prints them.
 * @throws PavedValidationError when the stack already has such an output
 */
export function factsOutput<K extends RecordedKind>(
  scope: Construct, kind: K, facts: Required<NonNullable<ExistingInfrastructure[K]>>,
): TerraformOutput {
  const stack = PlatformStack.of(scope);
  const taken = stack.node.findAll().some((c) => c instanceof TerraformOutput && c.friendlyUniqueId === kind);
  if (taken) {
    throw new PavedValidationError(scope, `stack '${stack.node.id}' already has the '${kind}' output of another ${scope.constructor.name}; a platform stack holds one, whose facts service stacks use.`);
  }
  // As a token, which resolves to the same JSON: cdktf walks a plain object value with Node's
  // deprecated util.isArray (DEP0044 on Node 22 and later; see BENCHMARKS.md).
  const output = new TerraformOutput(scope, 'Facts', { value: Token.asAny(facts), description: `Record in the environment's existing.${kind} for service stacks.` });
  output.overrideLogicalId(kind);
  return output;
}

/**
 * The facts `scope`'s environment records about its `kind`.
 * @param adopted what the platform would adopt instead, for the message: `the VPC`
 * @throws PavedValidationError when the environment records none, saying how to record them
 */
export function recordedFacts<K extends RecordedKind>(scope: Construct, kind: K, adopted: string): NonNullable<ExistingInfrastructure[K]> {
  const environment = PlatformStack.of(scope).environment;
  const facts = environment.existing[kind];
  if (!facts) {
    const env = environment.name;
    throw new PavedValidationError(scope, `needs the ${kind} of environment '${env}', but the environment records none ('existing.${kind}' is not set). Stacks reach the platform's ${kind} only through recorded facts: set 'existing.${kind}' on environment '${env}' to the output '${kind}' of stack 'platform-${env}' (terraform output -json ${kind}), or to the facts of ${adopted} the platform adopts.`);
  }
  return facts;
}
