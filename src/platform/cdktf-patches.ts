import * as crypto from 'crypto';
import { IResolveContext, TerraformStack, Tokenization, ref } from 'cdktf';
import * as unique from 'cdktf/lib/private/unique';
import * as stackTrace from 'cdktf/lib/tokens/private/stack-trace';
import * as util from 'cdktf/lib/util';

/** What paved relies on in a cdktf `Reference` (the token of a resource attribute). */
interface Reference {
  readonly identifier: string;
  readonly originStack?: TerraformStack;
  resolve(context: IResolveContext): string;
}

let patched = false;

/** Per stack, the references to other stacks' resources met while resolving it. */
const crossStackReferences = new WeakMap<TerraformStack, Set<string>>();

/**
 * The four changes paved makes to cdktf 0.21.0 (pinned in DESIGN.md), once per process, so that
 * a synth of hundreds of stacks takes seconds. A cdktf upgrade must keep the hooks: the test of
 * this module checks them.
 *
 * 1. cdktf records where every token was created (`captureStackTrace` in
 *    `cdktf/lib/tokens/private/stack-trace`, called for each attribute reference, with an
 *    unlimited stack depth) and only ever shows it in the message of a token that fails to
 *    resolve. paved records nothing: such a message then lacks the creation stack.
 * 2. cdktf resolves every stack twice: a "preparing" pass that only wires references between
 *    stacks (outputs and remote state), then the real one. paved stacks never reference another
 *    stack (facts cross as recorded values), so the synth skips that pass; a reference to
 *    another stack's resource is recorded as it resolves (see `takeCrossStackReferences`), and
 *    the synth fails with a clear error instead of writing a reference to a resource the stack
 *    does not have.
 * 3. Every element's `toTerraform()` snake-cases the keys of its meta-arguments (`keysToSnakeCase`
 *    in `cdktf/lib/util`, which the element classes call through the module) with three regular
 *    expressions per key. paved converts the same keys the same way, each distinct key once.
 * 4. cdktf names every element (`makeUniqueId` in `cdktf/lib/private/unique`, which stacks call
 *    through the module) after its path and an MD5 of it, made through a new `Hash` object each
 *    time, and cleans every path component with a regular expression. paved makes the same
 *    names with a one-shot hash, cleaning each distinct component once.
 */
export function patchCdktf(): void {
  if (patched) {
    return;
  }
  const traces = stackTrace as { captureStackTrace: (below?: unknown) => string[] };
  const reference = Object.getPrototypeOf(ref('paved')) as Reference;
  const utilities = util as { keysToSnakeCase: (object: any) => any; snakeCase: (text: string) => string };
  const naming = unique as { makeUniqueId: (components: string[]) => string };
  if (typeof traces.captureStackTrace !== 'function' || typeof reference.resolve !== 'function'
    || typeof utilities.keysToSnakeCase !== 'function' || typeof utilities.snakeCase !== 'function'
    || typeof naming.makeUniqueId !== 'function') {
    throw new Error('cdktf no longer has captureStackTrace in cdktf/lib/tokens/private/stack-trace, a resolvable Reference, keysToSnakeCase and snakeCase in cdktf/lib/util, or makeUniqueId in cdktf/lib/private/unique: update src/platform/cdktf-patches.ts for this version.');
  }
  traces.captureStackTrace = () => [];
  const resolveReference = reference.resolve;
  reference.resolve = function resolveWithinStack(this: Reference, context: IResolveContext): string {
    const stack = TerraformStack.of(context.scope);
    if (!context.preparing && this.originStack && this.originStack !== stack) {
      const references = crossStackReferences.get(stack) ?? new Set();
      crossStackReferences.set(stack, references.add(`${this.identifier} of stack '${this.originStack.node.id}'`));
    }
    return resolveReference.call(this, context);
  };
  utilities.keysToSnakeCase = snakeCasedKeys(utilities.snakeCase);
  naming.makeUniqueId = uniqueIds(naming.makeUniqueId);
  patched = true;
}

/**
 * cdktf's `keysToSnakeCase`: a copy of `object` with its keys, and those of the maps and lists
 * in it, snake-cased by `snakeCase`, except under `tags` and `environment`; a token is kept as
 * it is. Each distinct key is converted once, and a list in a map once (cdktf converts it a
 * second time, which changes nothing: converting is idempotent).
 */
function snakeCasedKeys(snakeCase: (text: string) => string): (object: any) => any {
  const converted = new Map<string, string>();
  const snakeCased = (key: string) => {
    let result = converted.get(key);
    if (result === undefined) {
      result = snakeCase(key);
      converted.set(key, result);
    }
    return result;
  };
  const convert = (object: any): any => {
    if (Tokenization.isResolvable(object)) {
      return object;
    }
    if (Array.isArray(object)) {
      return object.map((item) => (typeof item === 'object' ? convert(item) : item));
    }
    const result: Record<string, unknown> = {};
    for (const key of Object.keys(object)) {
      if (key === 'tags' || key === 'environment') {
        result[key] = object[key];
        continue;
      }
      const value = object[key];
      result[snakeCased(key)] = typeof value === 'object' ? convert(value) : value;
    }
    return result;
  };
  return convert;
}

/** A path component cdktf leaves out of a name altogether. */
const HIDDEN_COMPONENT = 'Default';
/** A path component cdktf leaves out of the readable part of a name (it still counts in the hash). */
const UNREADABLE_COMPONENT = 'Resource';
/** Longest name cdktf gives a single component as it is; the readable part of a longer path. */
const MAX_NAME_LENGTH = 255;
const MAX_READABLE_LENGTH = 240;

/** The hex MD5 of `text`: one-shot where Node has it (20.12 and later). */
const md5 = typeof crypto.hash === 'function'
  ? (text: string) => crypto.hash('md5', text)
  : (text: string) => crypto.createHash('md5').update(text).digest('hex');

/**
 * cdktf's `makeUniqueId`: a single component, cleaned of all but letters, digits, `_` and `-`,
 * is the name; a longer path gives its readable components (without repeats of the one before),
 * cleaned and joined by `_`, then `_` and the first 8 hex digits of the path's MD5 in capitals.
 * Each distinct component is cleaned once; an empty path is left to cdktf, which throws.
 */
function uniqueIds(makeUniqueId: (components: string[]) => string): (components: string[]) => string {
  const cleaned = new Map<string, string>();
  const clean = (component: string) => {
    let result = cleaned.get(component);
    if (result === undefined) {
      result = component.replace(/[^A-Za-z0-9_-]/g, '');
      cleaned.set(component, result);
    }
    return result;
  };
  return (components) => {
    const path = components.filter((component) => component !== HIDDEN_COMPONENT);
    if (path.length === 0) {
      return makeUniqueId(path);
    }
    if (path.length === 1 && clean(path[0]).length <= MAX_NAME_LENGTH) {
      return clean(path[0]);
    }
    const readable: string[] = [];
    let previous: string | undefined;
    for (const component of path) {
      if (previous === undefined || !previous.endsWith(component)) {
        if (component !== UNREADABLE_COMPONENT) {
          readable.push(clean(component));
        }
        previous = component;
      }
    }
    const hash = md5(path.join('/')).slice(0, 8).toUpperCase();
    return `${readable.join('_').slice(0, MAX_READABLE_LENGTH)}_${hash}`;
  };
}

/** The references to other stacks' resources that resolving `stack` met, sorted; forgets them. */
export function takeCrossStackReferences(stack: TerraformStack): string[] {
  const references = [...crossStackReferences.get(stack) ?? []].sort();
  crossStackReferences.delete(stack);
  return references;
}
