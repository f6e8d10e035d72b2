import { DefaultTokenResolver, ITokenResolver, StringConcat, Token, Tokenization } from 'cdktf';
import { IConstruct } from 'constructs';

/** What every cdktf token marker in a string contains: `${TfToken[`, `#{TfToken[`, `&{TfToken[`. */
const TOKEN_MARKER = 'TfToken[';

/** What cdktf's scan for tokenized numbers inside strings can match (an `e` between number characters). */
const NUMBER_IN_STRING = /[-|\d.+]e[-|\d.eE+]/;

/** The strings cdktf gives a map token in scalar context; resolving them is an error it reports. */
const MAP_TOKEN_STRINGS = new Set([Token.STRING_MAP_TOKEN_VALUE, Token.ANY_MAP_TOKEN_VALUE]);

/** What cdktf's own `resolve` (in `cdktf/lib/_tokens`) resolves tokens with. */
const DEFAULT_RESOLVER = new DefaultTokenResolver(new StringConcat());

/** cdktf encodes token numbers as doubles near -1.8e289: any finite number below this is plain. */
const LARGEST_PLAIN_NUMBER = 1e200;

/**
 * `value` resolved in `scope` exactly as cdktf's `resolve` resolves it, without walking the
 * parts that cannot hold a token: plain maps and lists are copied (dropping undefined, as cdktf
 * does), and only strings with a token marker, token numbers and objects that are not plain
 * JSON (resolvables, class instances) go through cdktf. cdktf's walk creates two resolution
 * contexts and a path per key, which was most of the synth time of a large platform.
 * @param resolver what resolves each token (default: cdktf's)
 */
export function resolveTokens(scope: IConstruct, value: unknown, resolver: ITokenResolver = DEFAULT_RESOLVER): unknown {
  if (typeof value === 'string') {
    return isPlainString(value) ? value : resolveWith(scope, value, resolver);
  }
  if (typeof value === 'number') {
    return isPlainNumber(value) ? value : resolveWith(scope, value, resolver);
  }
  if (value === undefined || value === null || typeof value === 'boolean') {
    return value;
  }
  if (Array.isArray(value)) {
    // A list token element makes cdktf resolve the list as a whole.
    if (!value.every(isPlainScalar)) {
      return resolveWith(scope, value, resolver);
    }
    const resolved: unknown[] = [];
    for (const item of value) {
      const resolvedItem = resolveTokens(scope, item, resolver);
      if (resolvedItem !== undefined) {
        resolved.push(resolvedItem);
      }
    }
    return resolved;
  }
  if (!isPlainMap(value)) {
    return resolveWith(scope, value, resolver);
  }
  const keys = Object.keys(value);
  if (!keys.every(isPlainString)) {
    return resolveWith(scope, value, resolver);
  }
  const resolved: Record<string, unknown> = {};
  for (const key of keys) {
    const resolvedItem = resolveTokens(scope, value[key], resolver);
    if (resolvedItem !== undefined) {
      resolved[key] = resolvedItem;
    }
  }
  return resolved;
}

/** `value` resolved by cdktf in `scope`, each token by `resolver`. */
function resolveWith(scope: IConstruct, value: unknown, resolver: ITokenResolver): unknown {
  return Tokenization.resolve(value, { scope, preparing: false, resolver });
}

/** Whether cdktf's `resolve` returns `value` as it is: it holds no token of any kind. */
export function isPlainString(value: string): boolean {
  return !value.includes(TOKEN_MARKER) && !NUMBER_IN_STRING.test(value) && !MAP_TOKEN_STRINGS.has(value);
}

function isPlainNumber(value: number): boolean {
  return Number.isFinite(value) && Math.abs(value) < LARGEST_PLAIN_NUMBER && value !== Token.NUMBER_MAP_TOKEN_VALUE;
}

/** Whether `value`, if a string or number, holds no token (anything else counts as plain here). */
function isPlainScalar(value: unknown): boolean {
  return typeof value === 'string' ? isPlainString(value) : typeof value !== 'number' || isPlainNumber(value);
}

/** A map from JSON: its prototype is Object's, and it is not a token (which has `resolve`). */
function isPlainMap(value: object): value is Record<string, unknown> {
  return Object.getPrototypeOf(value) === Object.prototype && typeof (value as { resolve?: unknown }).resolve !== 'function';
}
