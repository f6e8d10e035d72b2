import { App, ImplicitTokenResolver, Lazy, LazyResolver, NumberStringUnionResolver } from 'cdk8s';
import * as resolveModule from 'cdk8s/lib/resolve';

type Resolve = (key: string[], value: unknown, apiObject: unknown) => unknown;

let patched = false;

/**
 * The one change paved makes to cdk8s 2 (`^2.70` in package.json), once per process, so that a
 * synth of thousands of objects does not walk to the App for every value. A cdk8s upgrade must
 * keep the hook: the test of this module checks it.
 *
 * cdk8s resolves an object value by value (`resolve` in `cdk8s/lib/resolve`, which `ApiObject`
 * and its metadata call through the module), and for each value it looks up the App's resolvers
 * and builds the value's key path. When the App has only the three built-in resolvers, which
 * never use the key and never change a string, number or boolean, paved runs the same checks in
 * the same order once per value without either. An App with its own resolvers is resolved by
 * cdk8s unchanged.
 */
export function patchCdk8s(): void {
  if (patched) {
    return;
  }
  const module = resolveModule as unknown as { resolve: Resolve };
  if (typeof module.resolve !== 'function' || typeof (App as unknown as { of?: unknown }).of !== 'function') {
    throw new Error('cdk8s no longer exports resolve from cdk8s/lib/resolve or App.of: update src/platform/cdk8s-patches.ts for this version.');
  }
  const resolveWithApp = module.resolve;
  module.resolve = function resolve(key, value, apiObject) {
    const resolvers = App.of(apiObject as App).resolvers;
    return hasOnlyBuiltInResolvers(resolvers) ? resolveBuiltIn(value) : resolveWithApp(key, value, apiObject);
  };
  patched = true;
}

/** Whether `resolvers` are the ones every cdk8s App has, in their order, and nothing else. */
function hasOnlyBuiltInResolvers(resolvers: readonly unknown[]): boolean {
  return resolvers.length === 3
    && resolvers[0]?.constructor === LazyResolver
    && resolvers[1]?.constructor === ImplicitTokenResolver
    && resolvers[2]?.constructor === NumberStringUnionResolver;
}

/** cdk8s `resolve` with the three built-in resolvers. */
function resolveBuiltIn(value: any): unknown {
  if (value == null || (typeof value !== 'object' && typeof value !== 'function')) {
    return value;
  }
  if (value instanceof Lazy) {
    return resolveBuiltIn(value.produce());
  }
  if (typeof value.resolve === 'function') {
    return resolveBuiltIn(value.resolve());
  }
  if (value.constructor !== Object && (typeof value.value === 'number' || typeof value.value === 'string')) {
    return resolveBuiltIn({ value: value.value });
  }
  if (Array.isArray(value)) {
    return value.map(resolveBuiltIn);
  }
  if (value.constructor == Object) {
    const result: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      result[k] = resolveBuiltIn(v);
    }
    return result;
  }
  return value;
}
