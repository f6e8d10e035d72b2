import { TerraformOutput, Token } from 'cdktf';
import { Construct } from 'constructs';
import { DEFAULT_NETWORK_CIDR, ExistingClusterAttributes, ExistingInfrastructure, ExistingNetworkAttributes } from '../../src/platform/existing-infrastructure';
import { PavedValidationError } from '../../src/platform/paved-validation-error';
import { PLATFORM_COMPONENT } from '../../src/platform/platform';
import { PlatformStack } from '../../src/platform/platform-stack';

/** What an environment records facts about: its `network` or its `cluster`. */
export type RecordedKind = keyof ExistingInfrastructure;

/**
 * The Terraform output `name` (`network`) of `scope`'s stack, marked as a fact: after applying
 * the stack, `paved apply` records its value (`terraform output -json`) in the platform's facts
 * file, from which other stacks read it at synth.
 * @throws PavedValidationError when the stack already has such an output
 */
export function factsOutput<K extends RecordedKind>(
  scope: Construct, name: K, facts: Required<NonNullable<ExistingInfrastructure[K]>>,
): TerraformOutput;
export function factsOutput(scope: Construct, name: string, facts: object): TerraformOutput;
export function factsOutput(scope: Construct, name: string, facts: object): TerraformOutput {
  const stack = PlatformStack.of(scope);
  const taken = stack.node.findAll().some((c) => c instanceof TerraformOutput && c.friendlyUniqueId === name);
  if (taken) {
    throw new PavedValidationError(scope, `stack '${stack.node.id}' already has the '${name}' output of another ${scope.constructor.name}; a platform stack holds one, whose facts service stacks use.`);
  }
  // As a token, which resolves to the same JSON: cdktf walks a plain object value with Node's
  // deprecated util.isArray (DEP0044 on Node 22 and later; see BENCHMARKS.md).
  const output = new TerraformOutput(scope, 'Facts', { value: Token.asAny(facts), description: "Recorded by 'paved apply' in the platform's facts file, for the environment's other stacks." });
  output.overrideLogicalId(name);
  stack.markFactOutput(name);
  return output;
}

/**
 * Hex digits of the placeholder ids a waiting stack reads: all zeros, clearly no real resource,
 * yet of the shape the id checks accept.
 */
const PLACEHOLDER_HEX = '0'.repeat(17);

/** What a stack reads about its environment's network before the network is recorded. */
export const PLACEHOLDER_NETWORK: Required<ExistingNetworkAttributes> = {
  vpcId: `vpc-${PLACEHOLDER_HEX}`,
  privateSubnetIds: [`subnet-${PLACEHOLDER_HEX}`, `subnet-${PLACEHOLDER_HEX.slice(1)}1`],
  cidr: DEFAULT_NETWORK_CIDR,
};

/** What a stack reads about `environment`'s cluster before the cluster is recorded: its real name, placeholder ids. */
export function placeholderCluster(environment: { readonly clusterName: string; readonly region: string }): ExistingClusterAttributes {
  return {
    clusterName: environment.clusterName,
    clusterSecurityGroupId: `sg-${PLACEHOLDER_HEX}`,
    oidcIssuerUrl: `https://oidc.eks.${environment.region}.amazonaws.com/id/${'0'.repeat(32)}`,
  };
}

/**
 * The facts `scope`'s environment records about its `kind`. Before they are recorded (day 0,
 * before the first apply of the environment's platform stack), placeholders that pass the id
 * checks, and `scope`'s stack is marked as waiting for the platform stack's output `kind`: it
 * is synthesized and planned, but `paved apply` does not apply it.
 */
export function recordedFacts<K extends RecordedKind>(scope: Construct, kind: K): NonNullable<ExistingInfrastructure[K]> {
  const stack = PlatformStack.of(scope);
  const environment = stack.environment;
  const facts = environment.facts[kind];
  if (facts) {
    return facts as NonNullable<ExistingInfrastructure[K]>;
  }
  const host = environment.ephemeral?.from ?? environment.name;
  stack.waitForFact({ stack: stack.platform.naming.stackId(PLATFORM_COMPONENT, host), output: kind });
  return (kind === 'network' ? PLACEHOLDER_NETWORK : placeholderCluster(environment)) as NonNullable<ExistingInfrastructure[K]>;
}
