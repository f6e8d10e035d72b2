import { UnreadableArtifactError } from '../unreadable-artifact-error';

/** One RFC 6902 operation, as kustomize's `patches` and `patchesJson6902` hold them. */
export interface JsonPatchOperation {
  /** The operation: `add`, `remove`, `replace`, `move`, `copy` or `test`. */
  readonly op: string;
  /** The JSON pointer (RFC 6901) of the target, such as `/spec/replicas`. */
  readonly path: string;
  /** The JSON pointer of the source, for `move` and `copy`. */
  readonly from?: string;
  /** The value, for `add`, `replace` and `test`. */
  readonly value?: unknown;
}

/**
 * Applies RFC 6902 `operations` to a copy of `document`, as kustomize would (an `add` creates
 * the missing objects on its way).
 * @throws UnreadableArtifactError saying which operation cannot be applied (a missing path, a failed `test`, an unknown op)
 */
export function applyJsonPatch(document: unknown, operations: readonly JsonPatchOperation[]): any {
  let result = clone(document);
  for (const [index, operation] of operations.entries()) {
    if (!isObject(operation) || typeof operation.op !== 'string' || typeof operation.path !== 'string') {
      throw new UnreadableArtifactError(`operation ${index + 1} is not {op, path} (got ${JSON.stringify(operation)})`);
    }
    const fail = (why: string) => new UnreadableArtifactError(`operation ${index + 1} (${operation.op} ${operation.path}) ${why}`);
    switch (operation.op) {
      case 'add': result = put(result, operation.path, clone(operation.value), 'add', fail); break;
      case 'replace': result = put(result, operation.path, clone(operation.value), 'replace', fail); break;
      case 'remove': result = remove(result, operation.path, fail); break;
      case 'copy': result = put(result, operation.path, clone(get(result, fromOf(operation, fail), fail)), 'add', fail); break;
      case 'move': {
        const from = fromOf(operation, fail);
        const value = get(result, from, fail);
        result = put(remove(result, from, fail), operation.path, value, 'add', fail);
        break;
      }
      case 'test':
        if (JSON.stringify(get(result, operation.path, fail)) !== JSON.stringify(operation.value)) {
          throw fail('fails its test');
        }
        break;
      default: throw fail('is not an RFC 6902 operation');
    }
  }
  return result;
}

type Fail = (why: string) => Error;

function fromOf(operation: JsonPatchOperation, fail: Fail): string {
  if (typeof operation.from !== 'string') {
    throw fail("has no 'from'");
  }
  return operation.from;
}

function tokens(pointer: string, fail: Fail): string[] {
  if (pointer === '') {
    return [];
  }
  if (!pointer.startsWith('/')) {
    throw fail('has a path that is not a JSON pointer');
  }
  return pointer.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function get(document: any, pointer: string, fail: Fail): any {
  let node = document;
  for (const token of tokens(pointer, fail)) {
    if (Array.isArray(node) && /^(0|[1-9]\d*)$/.test(token) && Number(token) < node.length) {
      node = node[Number(token)];
    } else if (isObject(node) && !Array.isArray(node) && Object.prototype.hasOwnProperty.call(node, token)) {
      node = node[token];
    } else {
      throw fail(`names ${JSON.stringify(token)}, which does not exist`);
    }
  }
  return node;
}

function put(document: any, pointer: string, value: unknown, mode: 'add' | 'replace', fail: Fail): any {
  const path = tokens(pointer, fail);
  if (path.length === 0) {
    return value;
  }
  if (mode === 'add') {
    ensureParents(document, path.slice(0, -1));
  }
  const parent = get(document, `/${path.slice(0, -1).map(escape).join('/')}`.replace(/^\/$/, ''), fail);
  const last = path[path.length - 1];
  if (Array.isArray(parent)) {
    const index = last === '-' && mode === 'add' ? parent.length : /^(0|[1-9]\d*)$/.test(last) ? Number(last) : NaN;
    if (!(index >= 0 && index <= parent.length - (mode === 'replace' ? 1 : 0))) {
      throw fail(`names index ${JSON.stringify(last)} of an array of ${parent.length}`);
    }
    parent.splice(index, mode === 'replace' ? 1 : 0, value);
  } else if (isObject(parent)) {
    if (mode === 'replace' && !Object.prototype.hasOwnProperty.call(parent, last)) {
      throw fail(`replaces ${JSON.stringify(last)}, which does not exist`);
    }
    (parent as Record<string, unknown>)[last] = value;
  } else {
    throw fail('goes into a value that is not an object or an array');
  }
  return document;
}

/** Creates the missing objects on the way to an `add`, as kustomize does (`EnsurePathExistsOnAdd`). */
function ensureParents(document: any, path: readonly string[]): void {
  let node = document;
  for (const token of path) {
    if (!isObject(node) || Array.isArray(node)) {
      return;
    }
    if (!Object.prototype.hasOwnProperty.call(node, token)) {
      node[token] = {};
    }
    node = node[token];
  }
}

function remove(document: any, pointer: string, fail: Fail): any {
  const path = tokens(pointer, fail);
  get(document, pointer, fail);
  if (path.length === 0) {
    return undefined;
  }
  const parent = get(document, `/${path.slice(0, -1).map(escape).join('/')}`.replace(/^\/$/, ''), fail);
  const last = path[path.length - 1];
  if (Array.isArray(parent)) {
    parent.splice(Number(last), 1);
  } else {
    delete (parent as Record<string, unknown>)[last];
  }
  return document;
}

function escape(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null;
}

/** A deep copy of a JSON value. */
export function clone<T>(value: T): T {
  return value === undefined ? value : JSON.parse(JSON.stringify(value));
}
