import { basename } from 'path';
import { FactWait } from '../platform/fact-wait';
import { PavedValidationError } from '../platform/paved-validation-error';
import type { Platform } from '../platform/platform';
import { PlatformStack } from '../platform/platform-stack';
import { sortedBy } from '../util/sorted-by';

/** Where the synth writes the stack graph, relative to the output directory. */
export const STACK_GRAPH_FILE = 'terraform/stacks.json';

/** An environment as the stack graph lists it. */
export interface StackGraphEnvironment {
  /** The environment's name: `dev`, `prod`, or an ephemeral environment's. */
  readonly name: string;
  /** The environment's tier: `development`, `staging` or `production`. */
  readonly tier: string;
  /** Whether applying to it needs an explicit confirmation or a saved plan. */
  readonly production: boolean;
  /** The environment an ephemeral environment came from; absent on permanent ones. */
  readonly from?: string;
  /**
   * The stack that creates the bucket this environment's state is kept in (`paved bootstrap`
   * applies it); absent when the state is not in a bucket paved creates.
   */
  readonly stateBootstrap?: string;
}

/** One Terraform stack of the synth output. */
export interface StackGraphEntry {
  /** The stack id, also its directory name: `checkout-dev`. */
  readonly id: string;
  /** The name of the environment the stack deploys to. */
  readonly environment: string;
  /** The component: a service, or `platform`. */
  readonly service: string;
  /** The team that owns the component (`platform` for the platform's own stacks). */
  readonly team: string;
  /** The stack's directory relative to the output directory: `terraform/dev/checkout-dev`. */
  readonly directory: string;
  /** Ids of the stacks that must be applied before this one. */
  readonly dependsOn: readonly string[];
  /**
   * `true` on a state bootstrap stack: it creates the state bucket with a local state, is applied
   * by `paved bootstrap`, and is left out of `paved plan` and `paved apply` unless named.
   */
  readonly bootstrap?: true;
  /**
   * The stack's Terraform outputs that are facts: `paved apply` records their values in the
   * platform's facts file after applying the stack. Absent when it has none.
   */
  readonly factOutputs?: readonly string[];
  /**
   * The facts the stack reads that are not recorded yet: it was synthesized with placeholders,
   * `paved plan` plans it, `paved apply` does not apply it. Absent when it waits for nothing.
   */
  readonly waitsFor?: readonly FactWait[];
}

/** `terraform/stacks.json`: what plan and apply need to know, read from the output alone. */
export interface StackGraph {
  /** Permanent environments in declaration order, then ephemeral ones by name. */
  readonly environments: readonly StackGraphEnvironment[];
  /** Every stack, each after the stacks it depends on; otherwise by environment, platform first, id. */
  readonly stacks: readonly StackGraphEntry[];
  /**
   * The name of the platform's facts file (`paved-facts.json`), in which `paved apply` records the
   * stacks' `factOutputs`: it writes only a file of that name (`--facts`, by default in the
   * working directory). Absent when the platform declares none. Only the name, so that the output
   * does not depend on where the platform repository is checked out.
   */
  readonly factsFile?: string;
}

/**
 * The stack graph of `stacks`, from cdktf's stack dependencies.
 * @throws PavedValidationError when a stack waits for an output no stack of the platform gives
 */
export function stackGraphOf(platform: Platform, stacks: readonly PlatformStack[]): StackGraph {
  checkWaits(stacks);
  const environmentIndex = new Map(platform.environments.map((e, i) => [e.name, String(i).padStart(6, '0')]));
  const order = (list: readonly PlatformStack[]) => sortedBy(list, (s) =>
    `${environmentIndex.get(s.environment.name)}\u0000${s.ownership.service === 'platform' ? 0 : 1}\u0000${s.node.id}`);
  const emitted = new Set<PlatformStack>();
  const entries: StackGraphEntry[] = [];
  // Depth first in that order: every stack after its dependencies, each visited once.
  const visit = (stack: PlatformStack) => {
    if (emitted.has(stack)) {
      return;
    }
    emitted.add(stack);
    const dependencies = order(stack.dependencies.filter(PlatformStack.isPlatformStack));
    dependencies.forEach(visit);
    entries.push({
      id: stack.node.id,
      environment: stack.environment.name,
      service: stack.ownership.service,
      team: stack.ownership.team,
      directory: stack.outputDirectory,
      dependsOn: dependencies.map((d) => d.node.id),
      ...(stack.bootstrapsStateOf.length > 0 ? { bootstrap: true as const } : {}),
      ...(stack.factOutputs.length > 0 ? { factOutputs: stack.factOutputs } : {}),
      ...(stack.waitsFor.length > 0 ? { waitsFor: stack.waitsFor } : {}),
    });
  };
  order(stacks).forEach(visit);
  const bootstrapOf = (environment: string) => {
    const bootstrap = stacks.find((s) => s.bootstrapsStateOf.includes(environment));
    return bootstrap ? { stateBootstrap: bootstrap.node.id } : {};
  };
  return {
    environments: platform.environments.map((e) => ({
      name: e.name,
      tier: e.tier,
      production: e.isProduction,
      ...(e.ephemeral ? { from: e.ephemeral.from } : {}),
      ...bootstrapOf(e.name),
    })),
    stacks: entries,
    ...(platform.facts.file !== undefined ? { factsFile: basename(platform.facts.file) } : {}),
  };
}

/** Refuses a stack that waits for an output that no stack gives: it would wait forever. */
function checkWaits(stacks: readonly PlatformStack[]): void {
  const outputs = new Map(stacks.map((s) => [s.node.id, s.factOutputs]));
  for (const stack of stacks) {
    const never = stack.waitsFor.filter((w) => !outputs.get(w.stack)?.includes(w.output));
    PavedValidationError.throwIfAny(stack, never.map((w) => `reads the ${w.output} of environment '${stack.environment.name}', which neither its 'existing.${w.output}' adopts nor stack '${w.stack}' creates (it has no '${w.output}' fact output); `
      + `create it in stack '${w.stack}' (a Network, an EksCluster, or another construct that calls factsOutput), or set 'existing.${w.output}' to the one the platform adopts.`));
  }
}
