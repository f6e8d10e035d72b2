import { Yaml } from 'cdk8s';

/** YAML 1.1 words that a plain scalar would turn into a boolean or null. */
const YAML_1_1_WORDS = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE',
  'on', 'On', 'ON', 'off', 'Off', 'OFF', 'null', 'Null', 'NULL',
]);

/** Names, label keys, paths: always plain, as a key or a value. */
const PLAIN = /^[A-Za-z][A-Za-z0-9_./-]*$/;

/** Multi-line strings written as a literal block: no control characters, no leading or trailing blank. */
const BLOCK = /^[^\s][^\x00-\x09\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]*[^\s]\n?$/u;

/** Thrown inside `emit` when a value needs the general writer. */
class NeedsGeneralWriter extends Error {}

/**
 * The YAML of a JSON document, byte for byte as cdk8s `Yaml.stringify` writes it (yaml 2 in
 * block style, YAML 1.1 schema, no line folding), in a fraction of its time.
 *
 * It writes maps, sequences, names, integers and multi-line values (as literal blocks) itself;
 * each other scalar is written once by `Yaml.stringify` and remembered. A document with what it
 * does not write itself (a key that is not a plain name, a multi-line string with leading or
 * trailing blanks or control characters or in a list, a nested sequence, an object twice) is
 * written by `Yaml.stringify` whole.
 */
export class ManifestYaml {
  private readonly scalars = new Map<string, string>();

  public stringify(document: unknown): string {
    try {
      const lines: string[] = [];
      this.emit(document, '', lines, new Set());
      return `${lines.join('\n')}\n`;
    } catch (error) {
      if (error instanceof NeedsGeneralWriter) {
        return Yaml.stringify(document);
      }
      throw error;
    }
  }

  /** Appends the lines of `value`, a block map or sequence at `indent`. */
  private emit(value: unknown, indent: string, lines: string[], seen: Set<unknown>): void {
    if (seen.has(value)) {
      throw new NeedsGeneralWriter();
    }
    seen.add(value);
    if (Array.isArray(value)) {
      for (const item of value) {
        if (isNonEmptyMap(item)) {
          // The item's first key follows the dash; its other keys align with that one.
          const start = lines.length;
          this.emit(item, `${indent}  `, lines, seen);
          lines[start] = `${indent}- ${lines[start].slice(indent.length + 2)}`;
        } else if (Array.isArray(item) && item.length > 0) {
          throw new NeedsGeneralWriter();
        } else {
          lines.push(`${indent}- ${this.scalar(item, seen)}`);
        }
      }
      return;
    }
    if (!isNonEmptyMap(value)) {
      throw new NeedsGeneralWriter();
    }
    for (const [key, item] of Object.entries(value)) {
      if (!PLAIN.test(key) || YAML_1_1_WORDS.has(key)) {
        throw new NeedsGeneralWriter();
      }
      if (isNonEmptyMap(item) || (Array.isArray(item) && item.length > 0)) {
        lines.push(`${indent}${key}:`);
        this.emit(item, `${indent}  `, lines, seen);
      } else if (typeof item === 'string' && item.includes('\n')) {
        lines.push(`${indent}${key}: ${literalBlock(item, `${indent}  `)}`);
      } else {
        lines.push(`${indent}${key}: ${this.scalar(item, seen)}`);
      }
    }
  }

  /** A scalar, an empty map or an empty sequence, on one line. */
  private scalar(value: unknown, seen: Set<unknown>): string {
    if (typeof value === 'string') {
      if (PLAIN.test(value) && !YAML_1_1_WORDS.has(value)) {
        return value;
      }
      let written = this.scalars.get(value);
      if (written === undefined) {
        written = Yaml.stringify(value).slice(0, -1);
        if (written.includes('\n')) {
          throw new NeedsGeneralWriter();
        }
        this.scalars.set(value, written);
      }
      return written;
    }
    if (Number.isSafeInteger(value) && !Object.is(value, -0)) {
      return String(value);
    }
    if (typeof value === 'number') {
      return Yaml.stringify(value).slice(0, -1);
    }
    if (typeof value === 'boolean' || value === null) {
      return String(value);
    }
    if (seen.has(value)) {
      throw new NeedsGeneralWriter();
    }
    seen.add(value);
    if (Array.isArray(value) && value.length === 0) {
      return '[]';
    }
    if (isPlainObject(value) && Object.keys(value).length === 0) {
      return '{}';
    }
    throw new NeedsGeneralWriter();
  }
}

/** `value` as a literal block scalar (`|` keeps its final newline, `|-` has none) at `indent`. */
function literalBlock(value: string, indent: string): string {
  if (!BLOCK.test(value)) {
    throw new NeedsGeneralWriter();
  }
  const content = value.endsWith('\n') ? value.slice(0, -1) : value;
  const lines = content.split('\n').map((line) => (line === '' ? '' : `${indent}${line}`));
  return `|${value.endsWith('\n') ? '' : '-'}\n${lines.join('\n')}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

function isNonEmptyMap(value: unknown): value is Record<string, unknown> {
  return isPlainObject(value) && Object.keys(value).length > 0;
}
