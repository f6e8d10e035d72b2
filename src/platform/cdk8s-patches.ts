import { ApiObject, App, ImplicitTokenResolver, JsonPatch, Lazy, LazyResolver, NumberStringUnionResolver } from 'cdk8s';
import { sanitizeValue } from 'cdk8s/lib/_util';
import * as resolveModule from 'cdk8s/lib/resolve';
import { PavedValidationError } from './paved-validation-error';
import { sortedKeys } from '../util/sorted-keys';

type Resolve = (key: string[], value: unknown, apiObject: unknown) => unknown;

/** What `ApiObject.toJson` reads of an object that cdk8s keeps private. */
interface ApiObjectInternals {
  readonly props: Record<string, unknown>;
  readonly patches: JsonPatch[];
}

let patched = false;

/**
 * The two changes paved makes to cdk8s 2 (`^2.70` in package.json), once per process, so that a
 * synth of thousands of objects does not walk to the App for every value nor copy every object
 * twice. A cdk8s upgrade must keep both hooks: the test of this module checks them.
 *
 * 1. cdk8s resolves an object value by value (`resolve` in `cdk8s/lib/resolve`, which
 *    `ApiObject` and its metadata call through the module), and for each value it looks up the
 *    App's resolvers and builds the value's key path. When the App has only the three built-in
 *    resolvers, which never use the key and never change a string, number or boolean, paved runs
 *    the same checks in the same order once per value without either.
 * 2. `ApiObject.toJson` resolves the object into a copy, then sanitizes that copy into another
 *    (keys sorted, null and undefined dropped), then applies its JSON patches. With the built-in
 *    resolvers, paved resolves and sanitizes in one walk, takes the metadata as the metadata's
 *    own `toJson()` returns it (resolved and sanitized already), and applies patches only to an
 *    object that has some. Subclasses (the generated `Kube*` classes) call it through
 *    `super.toJson()`.
 *
 * An App with its own resolvers, or a process with `CDK8S_DISABLE_SORT` set, is rendered by
 * cdk8s unchanged.
 */
export function patchCdk8s(): void {
  if (patched) {
    return;
  }
  const module = resolveModule as unknown as { resolve: Resolve };
  if (typeof module.resolve !== 'function' || typeof (App as unknown as { of?: unknown }).of !== 'function'
    || typeof sanitizeValue !== 'function' || typeof ApiObject.prototype.toJson !== 'function') {
    throw new Error('cdk8s no longer exports resolve from cdk8s/lib/resolve, sanitizeValue from cdk8s/lib/_util, App.of or ApiObject.toJson: update src/platform/cdk8s-patches.ts for this version.');
  }
  const resolveWithApp = module.resolve;
  module.resolve = function resolve(key, value, apiObject) {
    const resolvers = App.of(apiObject as App).resolvers;
    return hasOnlyBuiltInResolvers(resolvers) ? resolveBuiltIn(value, false) : resolveWithApp(key, value, apiObject);
  };
  const toJsonWithApp = ApiObject.prototype.toJson;
  ApiObject.prototype.toJson = function toJson(this: ApiObject) {
    if (!hasOnlyBuiltInResolvers(App.of(this).resolvers) || process.env.CDK8S_DISABLE_SORT) {
      return toJsonWithApp.call(this);
    }
    return renderBuiltIn(this);
  };
  patched = true;
}

/** cdk8s `ApiObject.toJson` for an App with the three built-in resolvers, keys sorted. */
function renderBuiltIn(object: ApiObject): Record<string, unknown> {
  const { props, patches } = object as unknown as ApiObjectInternals;
  try {
    // The metadata comes resolved and sanitized from cdk8s; walking it again would change nothing.
    const json = resolveBuiltIn({ ...props, metadata: undefined }, true) as Record<string, unknown>;
    const metadata = object.metadata.toJson();
    if (metadata !== undefined) {
      json.metadata = metadata;
    }
    const withPatches = patches.length > 0 ? JsonPatch.apply(json, ...patches) : json;
    const result: Record<string, unknown> = {};
    for (const key of ['apiVersion', 'kind', 'metadata', ...Object.keys(withPatches)]) {
      if (key in withPatches) {
        result[key] = withPatches[key];
      }
    }
    return result;
  } catch (error) {
    if (patches.length > 0) {
      throw new PavedValidationError(object, `its JSON patches cannot be applied to ${object.kind} '${object.name}' (${(error as Error).message ?? error}); a patch's path must exist in the rendered object (JsonPatch.add creates a missing last field).`);
    }
    throw new Error(`Failed serializing construct at path '${object.node.path}' with name '${object.name}': ${error}`);
  }
}

/** Whether `resolvers` are the ones every cdk8s App has, in their order, and nothing else. */
function hasOnlyBuiltInResolvers(resolvers: readonly unknown[]): boolean {
  return resolvers.length === 3
    && resolvers[0]?.constructor === LazyResolver
    && resolvers[1]?.constructor === ImplicitTokenResolver
    && resolvers[2]?.constructor === NumberStringUnionResolver;
}

/**
 * cdk8s `resolve(value)` with the three built-in resolvers; with `sanitize`, also cdk8s
 * `sanitizeValue` of the result (keys sorted, null and undefined dropped) in the same walk.
 */
function resolveBuiltIn(value: any, sanitize: boolean): unknown {
  if (value == null) {
    return sanitize ? undefined : value;
  }
  if (typeof value !== 'object' && typeof value !== 'function') {
    return value;
  }
  if (value instanceof Lazy) {
    return resolveBuiltIn(value.produce(), sanitize);
  }
  if (typeof value.resolve === 'function') {
    return resolveBuiltIn(value.resolve(), sanitize);
  }
  if (value.constructor !== Object && (typeof value.value === 'number' || typeof value.value === 'string')) {
    return resolveBuiltIn({ value: value.value }, sanitize);
  }
  if (Array.isArray(value)) {
    return value.map((item) => resolveBuiltIn(item, sanitize));
  }
  if (value.constructor == Object) {
    const result: Record<string, unknown> = {};
    const keys = sanitize ? sortedKeys(value) : Object.keys(value);
    for (const key of keys) {
      const item = resolveBuiltIn(value[key], sanitize);
      if (!sanitize || item != null) {
        result[key] = item;
      }
    }
    return result;
  }
  // What resolve leaves as it is; cdk8s sanitizes it (and rejects a class instance).
  return sanitize ? sanitizeValue(value) : value;
}
