import { configuredValue } from './configured-value';
import { EngineError, PlannedModule, PlannedResource, ProviderSchemas, ResourceChange, SchemaBlock, SchemaType, ShownPlan } from './engine';

/** What every placeholder of a value the base's plan did not know starts with. */
export const PLACEHOLDER_PREFIX = 'paved-offline:';

/** One resource of a Terraform state (format 4): its instances and their attributes. */
export interface StateResource {
  /** The address of its module (`module.x`); absent in the root module. */
  readonly module?: string;
  /** Always `managed`: data sources are read anew by every plan. */
  readonly mode: 'managed';
  /** The resource's type: `aws_sqs_queue`. */
  readonly type: string;
  /** The resource's name in its module. */
  readonly name: string;
  /** The provider's address in a state: `provider["registry.terraform.io/hashicorp/aws"]`. */
  readonly provider: string;
  /** Its instances, one per `count` index or `for_each` key (one without either). */
  readonly instances: readonly StateInstance[];
}

/** One instance of a resource of a Terraform state. */
export interface StateInstance {
  /** The instance's `count` index or `for_each` key; absent for a single instance. */
  readonly index_key?: string | number;
  /** The version of the resource type's schema the attributes follow. */
  readonly schema_version: number;
  /** The instance's attributes. */
  readonly attributes: Readonly<Record<string, unknown>>;
}

/** A Terraform state (format 4), as `terraform.tfstate` holds it. */
export interface TerraformState {
  /** `4`. */
  readonly version: 4;
  /** The engine version the state is written for. */
  readonly terraform_version: string;
  /** `1`: the state's first revision. */
  readonly serial: number;
  /** The state's lineage: one fixed value, so that the same base gives the same bytes. */
  readonly lineage: string;
  /** None: outputs are planned anew. */
  readonly outputs: Readonly<Record<string, never>>;
  /** The resources. */
  readonly resources: readonly StateResource[];
}

/** The lineage of every stand-in state. */
const STAND_IN_LINEAGE = '00000000-0000-4000-8000-00000000ba5e';

/** The managed resources of a plan's `planned_values`, root module first, then child modules, depth first. */
export function plannedResources(plan: ShownPlan): PlannedResource[] {
  const walk = (module: PlannedModule | undefined): PlannedResource[] => [
    ...(module?.resources ?? []).filter((r) => r.mode === 'managed'),
    ...(module?.child_modules ?? []).flatMap(walk),
  ];
  return walk(plan.planned_values?.root_module);
}

/** The managed resources of a stack's Terraform JSON (its `resource` object): type, then name, then attribute. */
export type ConfiguredResources = Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>;

/**
 * A stand-in of the state the base's stack would have after applying `plan` (its offline plan
 * from an empty state, `show -json`): each managed resource with the values the plan knows
 * (`planned_values`). A value known only after apply (`after_unknown`) is, where the stack's
 * `configuration` sets the attribute to templates that only read other resources' attributes
 * (`${aws_kms_key.Key.arn}`), what those templates give with the stand-in's values
 * (`configuredValue`), so that planning the same configuration again finds it unchanged; any
 * other gets a placeholder of its type from `schemas` (`paved-offline:<address>.<path>` in lower case, an
 * ARN-shaped one for `arn` and `*_arn`, `0`, `false`, an empty collection), so that the
 * expressions of other resources that read it still evaluate; `id` is always set, as the provider
 * needs one. Planned against it with `-refresh=false`, an unchanged resource is a no-op, a changed
 * immutable attribute a replacement and a resource no longer configured a deletion.
 *
 * @throws EngineError when `schemas` lacks a resource type of the plan, or the plan has no engine version
 */
export function baseStateStandIn(plan: ShownPlan, schemas: ProviderSchemas, configuration: ConfiguredResources = {}): TerraformState {
  if (plan.terraform_version === undefined) {
    throw new EngineError('the base\'s plan has no terraform_version, so no state can be written for it');
  }
  const unknowns = new Map((plan.resource_changes ?? []).map((r) => [r.address, r.change.after_unknown]));
  const resources = new Map<string, { resource: Omit<StateResource, 'instances'>; instances: StateInstance[] }>();
  const configured: ConfiguredAttributes = new Map();
  const moduleOf = (resource: PlannedResource) => resource.address.slice(0, Math.max(0, resource.address.lastIndexOf(`${resource.type}.${resource.name}`) - 1));
  for (const planned of plannedResources(plan)) {
    const schema = schemas[planned.provider_name]?.[planned.type];
    if (schema === undefined) {
      throw new EngineError(`the schema of provider ${planned.provider_name} has no resource type ${planned.type} (of ${planned.address})`);
    }
    const module = moduleOf(planned);
    const key = `${module} ${planned.type}.${planned.name}`;
    if (!resources.has(key)) {
      resources.set(key, {
        resource: { ...(module ? { module } : {}), mode: 'managed', type: planned.type, name: planned.name, provider: `provider["${planned.provider_name}"]` },
        instances: [],
      });
    }
    const unknown = unknowns.get(planned.address);
    const filled = fillBlock(planned.values, unknown, schema.block, planned.address);
    const attributes = { ...filled, id: filled.id ?? placeholder('string', planned.address, 'id') };
    resources.get(key)!.instances.push({
      ...(planned.index !== undefined ? { index_key: planned.index } : {}),
      schema_version: planned.schema_version,
      attributes,
    });
    const expressions = !module && planned.index === undefined ? configuration[planned.type]?.[planned.name] : undefined;
    if (expressions) {
      const settable = Object.keys(expressions).filter((name) => schema.block.attributes?.[name] && isRecord(unknown) && hasUnknown(unknown[name]));
      configured.set(`${planned.type}.${planned.name}`, { attributes, expressions, pending: new Set(settable) });
    }
  }
  resolveConfigured(configured);
  return {
    version: 4,
    terraform_version: plan.terraform_version,
    serial: 1,
    lineage: STAND_IN_LINEAGE,
    outputs: {},
    resources: [...resources.values()].map(({ resource, instances }) => ({ ...resource, instances })),
  };
}

/**
 * The root module's single-instance resources that the stack's configuration sets, by address:
 * their stand-in attributes, their expressions, and the unknown attributes still to evaluate.
 */
type ConfiguredAttributes = Map<string, {
  attributes: Record<string, unknown>;
  expressions: Readonly<Record<string, unknown>>;
  pending: Set<string>;
}>;

/**
 * Sets each pending attribute of `configured` to its configured value, where it can be
 * evaluated; an attribute it reads that is pending itself is evaluated first (one in a cycle is
 * not, and keeps its placeholder).
 */
function resolveConfigured(configured: ConfiguredAttributes): void {
  const evaluating = new Set<string>();
  const resolve = (address: string, name: string): void => {
    const resource = configured.get(address)!;
    resource.pending.delete(name);
    evaluating.add(`${address}.${name}`);
    const value = configuredValue(resource.expressions[name], ({ resource: target, path }) => {
      const referenced = configured.get(target);
      const attribute = String(path[0]);
      if (referenced?.pending.has(attribute)) {
        resolve(target, attribute);
      }
      return evaluating.has(`${target}.${attribute}`) ? undefined : valueAt(referenced?.attributes, path);
    });
    evaluating.delete(`${address}.${name}`);
    if (value !== undefined) {
      resource.attributes[name] = value;
    }
  };
  for (const [address, resource] of configured) {
    for (const name of [...resource.pending]) {
      if (resource.pending.has(name)) {
        resolve(address, name);
      }
    }
  }
}

/** The value at `path` in `attributes`; undefined when there is none. */
function valueAt(attributes: unknown, path: readonly (string | number)[]): unknown {
  return path.reduce<unknown>((value, step) => (typeof value === 'object' && value !== null ? (value as Record<string | number, unknown>)[step] : undefined), attributes);
}

/**
 * `plan` (of a stack against a stand-in from `baseStateStandIn`) with each update that changes no
 * value (`before` and `after` the same, none unknown) as a no-op: the provider keeps private data
 * and write-only attributes that a stand-in cannot hold, and plans an update where they are missing.
 */
export function withoutEmptyUpdates(plan: ShownPlan): ShownPlan {
  const empty = ({ change }: ResourceChange) => change.actions.length === 1 && change.actions[0] === 'update'
    && JSON.stringify(change.before) === JSON.stringify(change.after) && !hasUnknown(change.after_unknown);
  return { ...plan, resource_changes: plan.resource_changes?.map((r) => (empty(r) ? { ...r, change: { ...r.change, actions: ['no-op'] } } : r)) };
}

function hasUnknown(marks: unknown): boolean {
  return marks === true || (typeof marks === 'object' && marks !== null && Object.values(marks).some(hasUnknown));
}

/** The attributes of a block's `values`, with a placeholder for each value `unknown` marks. */
function fillBlock(values: unknown, unknown: unknown, block: SchemaBlock, at: string): Record<string, unknown> {
  const result: Record<string, unknown> = { ...(isRecord(values) ? values : {}) };
  if (!isRecord(unknown)) {
    return result;
  }
  for (const [key, marks] of Object.entries(unknown)) {
    const attribute = block.attributes?.[key];
    const nested = block.block_types?.[key];
    if (attribute) {
      result[key] = fillValue(result[key], marks, attribute.type, `${at}.${key}`, key);
    } else if (nested) {
      result[key] = fillNested(result[key], marks, nested, `${at}.${key}`);
    }
  }
  return result;
}

/** A nested block's value, with placeholders; an unknown nested block is empty. */
function fillNested(value: unknown, marks: unknown, nested: { readonly nesting_mode: string; readonly block: SchemaBlock }, at: string): unknown {
  const single = nested.nesting_mode === 'single' || nested.nesting_mode === 'group';
  if (marks === true) {
    return single ? null : nested.nesting_mode === 'map' ? {} : [];
  }
  if (single) {
    return isRecord(value) ? fillBlock(value, marks, nested.block, at) : value;
  }
  if (Array.isArray(value) && Array.isArray(marks)) {
    return value.map((item, i) => fillBlock(item, marks[i], nested.block, `${at}.${i}`));
  }
  if (isRecord(value) && isRecord(marks)) {
    return Object.fromEntries(Object.entries(value).map(([k, item]) => [k, fillBlock(item, marks[k], nested.block, `${at}.${k}`)]));
  }
  return value;
}

/** An attribute's value, with placeholders where `marks` says it is unknown. */
function fillValue(value: unknown, marks: unknown, type: SchemaType | undefined, at: string, name: string): unknown {
  if (marks === true) {
    return placeholder(type, at, name);
  }
  if (!Array.isArray(type)) {
    return value;
  }
  const [kind, element] = type as readonly [string, any];
  if (Array.isArray(value) && Array.isArray(marks)) {
    return value.map((item, i) => fillValue(item, marks[i], kind === 'tuple' ? element[i] : element, `${at}.${i}`, name));
  }
  if (isRecord(value) && isRecord(marks)) {
    return Object.fromEntries(Object.entries(value).map(([k, item]) => [k, fillValue(item, marks[k], kind === 'object' ? element[k] : element, `${at}.${k}`, k)]));
  }
  return value;
}

/** A known value of `type` for the unknown value at `at` (an attribute called `name`). */
function placeholder(type: SchemaType | undefined, at: string, name: string): unknown {
  if (type === 'number') {
    return 0;
  }
  if (type === 'bool') {
    return false;
  }
  if (Array.isArray(type)) {
    const [kind, element] = type as readonly [string, any];
    if (kind === 'map') {
      return {};
    }
    if (kind === 'object') {
      return Object.fromEntries(Object.entries<SchemaType>(element).map(([k, t]) => [k, placeholder(t, `${at}.${k}`, k)]));
    }
    return [];
  }
  // In lower case: the provider lower-cases some strings (an RDS maintenance window), which would make a placeholder a change.
  const where = at.toLowerCase();
  return name === 'arn' || name.endsWith('_arn') ? `arn:aws:paved-offline::000000000000:${where}` : `${PLACEHOLDER_PREFIX}${where}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
