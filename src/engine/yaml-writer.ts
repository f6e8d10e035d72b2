import { Yaml } from 'cdk8s/lib/yaml';
import { stringify } from 'yaml';

/** YAML 1.1 words that a plain scalar would turn into a boolean or null. */
const YAML_1_1_WORDS = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE',
  'on', 'On', 'ON', 'off', 'Off', 'OFF', 'null', 'Null', 'NULL',
]);

/** YAML 1.2 (core schema) words that a plain scalar would turn into a boolean or null. */
const YAML_1_2_WORDS = new Set(['true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'null', 'Null', 'NULL']);

/** Names, label keys, paths: always plain, as a key or a value. */
const PLAIN = /^[A-Za-z][A-Za-z0-9_./-]*$/;

/**
 * Printable ASCII that starts with a letter, `$` or `/` (no YAML indicator, number or document
 * marker): plain as a value, with lines never folded, unless `NOT_PLAIN` finds a comment start,
 * a `: ` or a trailing blank or colon.
 */
const PLAIN_VALUE = /^[A-Za-z$/][\x20-\x7e]*$/;
const NOT_PLAIN = / #|: |[ :]$/;

/** Multi-line strings written as a literal block: no control characters, no leading or trailing blank. */
const BLOCK = /^[^\s][^\x00-\x09\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]*[^\s]\n?$/u;

/** Thrown inside `emit` when a value needs the general writer. */
class NeedsGeneralWriter extends Error {}

/** What a `YamlWriter` writes like. */
interface YamlDialect {
  /** The general writer whose output is matched; it writes whatever the fast path does not. */
  readonly general: (value: unknown) => string;
  /** Words that must not be written plain. */
  readonly reservedWords: ReadonlySet<string>;
  /** Whether the general writer writes an object met twice as an alias. */
  readonly aliasesRepeatedObjects: boolean;
}

/**
 * YAML of JSON documents, byte for byte as a general writer (the `yaml` library in block style,
 * no line folding) writes them, in a fraction of its time.
 *
 * It writes maps, sequences, names, plain-looking values, integers and multi-line values (as
 * literal blocks) itself; each other scalar is written once by the general writer and remembered. A document with what
 * it does not write itself (a key that is not a plain name, a multi-line string with leading or
 * trailing blanks or control characters or in a list, a nested sequence, an alias) is written by
 * the general writer whole.
 */
export class YamlWriter {
  /** YAML as cdk8s `Yaml.stringify` writes it (YAML 1.1): Kubernetes manifests, kustomizations. */
  public static manifests(): YamlWriter {
    return new YamlWriter({ general: (value) => Yaml.stringify(value), reservedWords: YAML_1_1_WORDS, aliasesRepeatedObjects: true });
  }

  /** YAML as `yaml` writes it with no line folding and no aliases (YAML 1.2): GitHub Actions workflows. */
  public static workflows(): YamlWriter {
    return new YamlWriter({
      general: (value) => stringify(value, { lineWidth: 0, aliasDuplicateObjects: false }),
      reservedWords: YAML_1_2_WORDS,
      aliasesRepeatedObjects: false,
    });
  }

  private readonly scalars = new Map<string, string>();

  private constructor(private readonly dialect: YamlDialect) {}

  public stringify(document: unknown): string {
    try {
      const lines: string[] = [];
      this.emit(document, '', lines, new Set());
      return `${lines.join('\n')}\n`;
    } catch (error) {
      if (error instanceof NeedsGeneralWriter) {
        return this.dialect.general(document);
      }
      throw error;
    }
  }

  /**
   * Appends the lines of `value`, a block map or sequence at `indent`. `seen` holds the objects
   * written so far (when the dialect aliases them) or the ones being written (to stop at a cycle).
   */
  private emit(value: unknown, indent: string, lines: string[], seen: Set<unknown>): void {
    if (seen.has(value)) {
      throw new NeedsGeneralWriter();
    }
    seen.add(value);
    if (Array.isArray(value)) {
      this.emitSequence(value, indent, lines, seen);
    } else if (isNonEmptyMap(value)) {
      this.emitMap(value, indent, lines, seen);
    } else {
      throw new NeedsGeneralWriter();
    }
    if (!this.dialect.aliasesRepeatedObjects) {
      seen.delete(value);
    }
  }

  private emitSequence(sequence: readonly unknown[], indent: string, lines: string[], seen: Set<unknown>): void {
    for (const item of sequence) {
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
  }

  private emitMap(map: Record<string, unknown>, indent: string, lines: string[], seen: Set<unknown>): void {
    for (const [key, item] of Object.entries(map)) {
      if (!this.isPlain(key)) {
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
      if (this.isPlainValue(value)) {
        return value;
      }
      let written = this.scalars.get(value);
      if (written === undefined) {
        written = this.dialect.general(value).slice(0, -1);
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
      return this.dialect.general(value).slice(0, -1);
    }
    if (typeof value === 'boolean' || value === null) {
      return String(value);
    }
    if (this.dialect.aliasesRepeatedObjects) {
      if (seen.has(value)) {
        throw new NeedsGeneralWriter();
      }
      seen.add(value);
    }
    if (Array.isArray(value) && value.length === 0) {
      return '[]';
    }
    if (isPlainObject(value) && Object.keys(value).length === 0) {
      return '{}';
    }
    throw new NeedsGeneralWriter();
  }

  /** Whether `text` is written as it is, as a key or a value. */
  private isPlain(text: string): boolean {
    return PLAIN.test(text) && !this.dialect.reservedWords.has(text);
  }

  /** Whether `text` is written as it is as a value (both dialects write with no line folding). */
  private isPlainValue(text: string): boolean {
    return PLAIN_VALUE.test(text) && !NOT_PLAIN.test(text) && !this.dialect.reservedWords.has(text);
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
