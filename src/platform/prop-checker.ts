/**
 * Checks props at run time, as the types do at compile time: apps may be plain `.js`, and
 * `paved synth` does not type-check. A `PropShape` says, for each key of a props interface, what
 * kind of value it takes; `propProblems` lists every unknown key (with a "did you mean" for a
 * typo), every value of the wrong type (with the value received and its type) and every value
 * outside its enum (with the allowed values), each with its path (`environments.prod.minReplicas`).
 */

/** What one prop accepts. */
export interface PropKind {
  /** What is expected, for messages: `a whole number of at least 1`. */
  readonly expected: string;
  /** Whether the prop must be given. */
  readonly required?: boolean;
  /** Problems of `value` (never undefined here) at `path`; empty when it fits. */
  problems(value: unknown, path: string): string[];
}

/** The keys of a props interface, each with the kind of value it takes. */
export type PropShape = Readonly<Record<string, PropKind>>;

/** Builders of `PropKind`s. */
export const Prop = {
  /** A string; `nonEmpty` refuses `''`. */
  string(options: { readonly nonEmpty?: boolean } = {}): PropKind {
    return simple(options.nonEmpty ? 'a non-empty string' : 'a string', (v) => typeof v === 'string' && (!options.nonEmpty || v.length > 0));
  },

  /** A number, optionally whole and within `min`..`max`. */
  number(options: { readonly integer?: boolean; readonly min?: number; readonly max?: number } = {}): PropKind {
    const { integer, min, max } = options;
    const range = min !== undefined && max !== undefined ? ` from ${min} to ${max}` : min !== undefined ? ` of at least ${min}` : max !== undefined ? ` of at most ${max}` : '';
    const expected = `${integer ? 'a whole number' : 'a number'}${range}`;
    return {
      expected,
      problems(value, path) {
        const fits = typeof value === 'number' && Number.isFinite(value) && (!integer || Number.isInteger(value))
          && (min === undefined || value >= min) && (max === undefined || value <= max);
        if (fits) {
          return [];
        }
        const numeric = typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value));
        return [mismatch(path, expected, value, numeric ? `write it as a number, without quotes: ${Number(value)}` : undefined)];
      },
    };
  },

  /** `true` or `false`. */
  boolean(): PropKind {
    return simple('true or false', (v) => typeof v === 'boolean', (v) => (v === 'true' || v === 'false' ? `write ${v} without quotes` : undefined));
  },

  /** One of `values` (a string-literal enum). */
  oneOf(values: readonly string[]): PropKind {
    const expected = listOf(values.map((v) => `'${v}'`), 'or');
    return {
      expected,
      problems(value, path) {
        if (typeof value === 'string' && values.includes(value)) {
          return [];
        }
        const near = typeof value === 'string' ? closest(value, values) : undefined;
        return [mismatch(path, expected, value, near ? `did you mean '${near}'?` : undefined)];
      },
    };
  },

  /**
   * A list whose every item is `item`. With `named`, an item with a string `name` is called by it
   * in messages (`environments.prod.minReplicas` rather than `environments[2].minReplicas`).
   */
  list(item: PropKind, options: { readonly nonEmpty?: boolean; readonly named?: boolean } = {}): PropKind {
    const expected = `a list of ${item.expected.replace(/^an? /, '')}${/s$/.test(item.expected) ? '' : 's'}`;
    return {
      expected,
      problems(value, path) {
        if (!Array.isArray(value)) {
          const fix = typeof value === 'string' && item.problems(value, path).length === 0 ? `write [${JSON.stringify(value).replace(/"/g, "'")}]` : undefined;
          return [mismatch(path, expected, value, fix)];
        }
        if (options.nonEmpty && value.length === 0) {
          return [`'${path}' must not be empty (got []).`];
        }
        const itemPath = (v: unknown, i: number) => {
          const name = options.named && isPlainObject(v) ? v.name : undefined;
          return typeof name === 'string' && /^[a-z0-9][a-z0-9-]*$/.test(name) ? `${path}.${name}` : `${path}[${i}]`;
        };
        return value.flatMap((v, i) => (v === undefined ? [mismatch(itemPath(v, i), item.expected, v)] : item.problems(v, itemPath(v, i))));
      },
    };
  },

  /** A list of strings. */
  stringList(): PropKind {
    return Prop.list(Prop.string());
  },

  /** An object with the keys of `shape` and no others. */
  object(shape: PropShape, options: { readonly expected?: string } = {}): PropKind {
    const expected = options.expected ?? `an object with ${listOf(Object.keys(shape).map((k) => `'${k}'`), 'or')}`;
    return {
      expected,
      problems(value, path) {
        if (!isPlainObject(value)) {
          return [mismatch(path, expected, value)];
        }
        return propProblems(value, shape, path);
      },
    };
  },

  /** An object whose keys are free and whose every value is `value`. */
  record(value: PropKind): PropKind {
    const expected = `an object whose values are ${value.expected.replace(/^an? /, '')}s`;
    return {
      expected,
      problems(v, path) {
        if (!isPlainObject(v)) {
          return [mismatch(path, expected, v)];
        }
        return Object.entries(v).flatMap(([key, item]) => (item === undefined ? [] : value.problems(item, `${path}.${key}`)));
      },
    };
  },

  /** Any of `kinds`: the first whose type fits decides. */
  union(kinds: readonly PropKind[], expected?: string): PropKind {
    const description = expected ?? listOf(kinds.map((k) => k.expected), 'or');
    return {
      expected: description,
      problems(value, path) {
        const results = kinds.map((k) => k.problems(value, path));
        if (results.some((r) => r.length === 0)) {
          return [];
        }
        // An object that fits an object kind's type but not its keys: those keys' problems.
        const objectKind = kinds.findIndex((k) => k.expected.startsWith('an object'));
        if (objectKind >= 0 && isPlainObject(value)) {
          return results[objectKind];
        }
        return [mismatch(path, description, value)];
      },
    };
  },

  /** A value that `test` accepts (a class instance such as a `Duration`), described as `expected`. */
  instance(expected: string, test: (value: unknown) => boolean): PropKind {
    return simple(expected, test);
  },

  /** Anything: checked elsewhere. */
  any(): PropKind {
    return { expected: 'anything', problems: () => [] };
  },

  /** `kind`, and it must be given. */
  required(kind: PropKind): PropKind {
    return { ...kind, required: true, problems: kind.problems.bind(kind) };
  },
};

/**
 * Every problem of `props` against `shape`: a missing props object, a required key missing, an
 * unknown key, a value of the wrong kind. `path` prefixes each key (`environments.prod`).
 */
export function propProblems(props: unknown, shape: PropShape, path = ''): string[] {
  const at = (key: string) => (path ? `${path}.${key}` : key);
  if (!isPlainObject(props)) {
    const what = path ? `'${path}'` : 'the props';
    const required = Object.entries(shape).filter(([, k]) => k.required).map(([key]) => `'${key}'`);
    return [`${what} must be an object${required.length > 0 ? ` with at least ${listOf(required, 'and')}` : ''} (got ${describeValue(props)}).`];
  }
  const problems: string[] = [];
  const known = Object.keys(shape);
  for (const [key, value] of Object.entries(props)) {
    const kind = shape[key];
    if (!kind) {
      const near = closest(key, known);
      problems.push(near
        ? `unknown prop '${at(key)}'; did you mean '${near}'?`
        : `unknown prop '${at(key)}'; the props${path ? ` of '${path}'` : ''} are ${listOf(known.map((k) => `'${k}'`), 'and')}.`);
    } else if (value === undefined) {
      if (kind.required) {
        problems.push(`'${at(key)}' is required: ${kind.expected} (got undefined).`);
      }
    } else {
      problems.push(...kind.problems(value, at(key)));
    }
  }
  for (const [key, kind] of Object.entries(shape)) {
    if (kind.required && !(key in props)) {
      problems.push(`'${at(key)}' is required: ${kind.expected}.`);
    }
  }
  return problems;
}

/** `"yes" (string)`, `6 (number)`, `undefined`, `null`: a value as a message shows it. */
export function describeValue(value: unknown): string {
  if (value === undefined || value === null) {
    return String(value);
  }
  if (typeof value === 'function') {
    return `a function (${value.name || 'anonymous'})`;
  }
  let shown: string;
  try {
    shown = JSON.stringify(value) ?? String(value);
  } catch {
    shown = String(value);
  }
  if (shown.length > 60) {
    shown = `${shown.slice(0, 57)}...`;
  }
  const type = Array.isArray(value) ? 'list' : typeof value === 'object' ? (value.constructor && value.constructor !== Object ? value.constructor.name : 'object') : typeof value;
  return `${shown} (${type})`;
}

/** The candidate closest to `word` when it looks like a typo of it (case, one or two letters). */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const allowed = Math.max(1, Math.min(3, Math.floor(word.length / 4)));
  return best !== undefined && bestDistance <= allowed ? best : undefined;
}

/** Edits (insert, delete, substitute, swap two neighbours) that turn `a` into `b`. */
function editDistance(a: string, b: string): number {
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        current[j] = Math.min(current[j], beforePrevious[j - 2] + 1);
      }
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length];
}

function simple(expected: string, test: (value: unknown) => boolean, fix?: (value: unknown) => string | undefined): PropKind {
  return {
    expected,
    problems: (value, path) => (test(value) ? [] : [mismatch(path, expected, value, fix?.(value))]),
  };
}

function mismatch(path: string, expected: string, value: unknown, fix?: string): string {
  return `'${path}' must be ${expected} (got ${describeValue(value)})${fix ? `; ${fix}` : ''}.`.replace(/\?\.$/, '?');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `'a', 'b' or 'c'`. */
function listOf(items: readonly string[], conjunction: 'and' | 'or'): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}
