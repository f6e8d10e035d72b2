import { writeFileSync } from 'fs';
import { join, relative, sep } from 'path';
import { TerraformState } from './base-state-stand-in';
import { PlannedModule, ShownPlan } from './engine';

/** The module of a base-and-head configuration that calls the base's stack. */
export const BASE_MODULE = 'module.base';

/** The module of a base-and-head configuration that calls the head's stack. */
export const HEAD_MODULE = 'module.head';

/** The Terraform JSON file of a base-and-head configuration. */
export const BASE_AND_HEAD_FILE = 'main.tf.json';

/**
 * Writes into `dir` a configuration that calls the base's stack in `baseDir` and the head's in
 * `headDir` as two modules (`BASE_MODULE`, `HEAD_MODULE`), with a local state: one plan of it plans
 * both, and loads the providers' schemas once instead of twice (most of a small plan's CPU). Each
 * stack keeps its provider blocks; its own backend block has no effect in a module (the engine
 * warns so).
 */
export function writeBaseAndHeadConfiguration(dir: string, baseDir: string, headDir: string): void {
  const source = (moduleDir: string) => {
    const path = relative(dir, moduleDir).split(sep).join('/');
    return path.startsWith('../') ? path : `./${path}`;
  };
  const configuration = {
    terraform: { backend: { local: { path: 'terraform.tfstate' } } },
    module: {
      [BASE_MODULE.slice('module.'.length)]: { source: source(baseDir) },
      [HEAD_MODULE.slice('module.'.length)]: { source: source(headDir) },
    },
  };
  writeFileSync(join(dir, BASE_AND_HEAD_FILE), `${JSON.stringify(configuration, undefined, 2)}\n`);
}

/**
 * The state of a base-and-head configuration whose base and head both start from `state` (a
 * stack's state): its resources, in `BASE_MODULE` and again in `HEAD_MODULE`.
 */
export function baseAndHeadState(state: TerraformState): TerraformState {
  const inModule = (module: string) => state.resources.map((resource) => ({
    ...resource,
    module: resource.module ? `${module}.${resource.module}` : module,
    // The stack's provider blocks are the module's own.
    provider: `${module}.${resource.provider}`,
  }));
  return { ...state, resources: [...inModule(BASE_MODULE), ...inModule(HEAD_MODULE)] };
}

/**
 * The part of `plan` (of a configuration that calls stacks as modules) that is `module`'s, with
 * every address relative to it, as a plan of that stack alone reads.
 */
export function modulePlan(plan: ShownPlan, module: string): ShownPlan {
  const prefix = `${module}.`;
  const within = (address: string) => address.slice(prefix.length);
  const rebase = (planned: PlannedModule): PlannedModule => ({
    ...planned.address !== undefined && planned.address !== module ? { address: within(planned.address) } : {},
    ...planned.resources ? { resources: planned.resources.map((r) => ({ ...r, address: within(r.address) })) } : {},
    ...planned.child_modules ? { child_modules: planned.child_modules.map(rebase) } : {},
  });
  const own = plan.planned_values?.root_module?.child_modules?.find((m) => m.address === module);
  const ownChanges = (plan.resource_changes ?? []).filter((r) => r.address.startsWith(prefix));
  const changes = ownChanges.map(({ module_address: moduleAddress, previous_address: previous, ...rest }) => ({
    ...rest,
    address: within(rest.address),
    ...moduleAddress?.startsWith(prefix) ? { module_address: within(moduleAddress) } : {},
    ...previous?.startsWith(prefix) ? { previous_address: within(previous) } : {},
  }));
  return {
    ...plan.terraform_version !== undefined ? { terraform_version: plan.terraform_version } : {},
    ...own ? { planned_values: { root_module: rebase(own) } } : {},
    resource_changes: changes,
  };
}
