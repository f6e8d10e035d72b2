import { UnreadableArtifactError } from '../unreadable-artifact-error';

const ESCAPES: Readonly<Record<string, string>> = { 'n': '\n', 'r': '\r', 't': '\t', '"': '"', '\\': '\\' };

/**
 * The value of an HCL expression as cdktf renders the argument of a function call such as
 * `jsonencode({"Effect" = "Allow", "Resource" = [aws_s3_bucket.b.arn]})`. Objects, lists,
 * strings, numbers and booleans become their JSON values; any other expression (a reference, a
 * function call) becomes the string `${expression}`, as Terraform JSON writes it.
 *
 * @throws UnreadableArtifactError when `text` is not such an expression
 */
export function parseHclValue(text: string): unknown {
  const reader = new HclReader(text);
  const value = reader.value();
  reader.end();
  return value;
}

class HclReader {
  private position = 0;

  constructor(private readonly text: string) {}

  public value(): unknown {
    this.skipSpace();
    switch (this.text[this.position]) {
      case '{': return this.object();
      case '[': return this.list();
      case '"': return this.string();
      default: return this.expression();
    }
  }

  public end(): void {
    this.skipSpace();
    if (this.position < this.text.length) {
      this.fail('expected the end');
    }
  }

  private object(): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    this.items('}', () => {
      if (this.text[this.position] !== '"') {
        this.fail('expected a quoted key');
      }
      const key = this.string();
      this.skipSpace();
      if (this.text[this.position] !== '=') {
        this.fail("expected '='");
      }
      this.position++;
      result[key] = this.value();
    });
    return result;
  }

  private list(): unknown[] {
    const result: unknown[] = [];
    this.items(']', () => result.push(this.value()));
    return result;
  }

  /** Reads comma-separated items from the opening bracket through `close`. */
  private items(close: string, item: () => void): void {
    this.position++;
    for (;;) {
      this.skipSpace();
      if (this.text[this.position] === close) {
        this.position++;
        return;
      }
      item();
      this.skipSpace();
      if (this.text[this.position] === ',') {
        this.position++;
      } else if (this.text[this.position] !== close) {
        this.fail(`expected ',' or '${close}'`);
      }
    }
  }

  /** A quoted string; `${...}` templates in it are kept as they are, `$${` is a literal `${`. */
  private string(): string {
    let result = '';
    this.position++;
    while (this.position < this.text.length) {
      const c = this.text[this.position];
      if (c === '"') {
        this.position++;
        return result;
      }
      if (c === '\\' && ESCAPES[this.text[this.position + 1]] !== undefined) {
        result += ESCAPES[this.text[this.position + 1]];
        this.position += 2;
      } else if (this.text.startsWith('$${', this.position)) {
        result += '${';
        this.position += 3;
      } else if (this.text.startsWith('${', this.position)) {
        const start = this.position;
        this.position += 2;
        this.skipTo('}');
        this.position++;
        result += this.text.slice(start, this.position);
      } else {
        result += c;
        this.position++;
      }
    }
    return this.fail('unterminated string');
  }

  /** Anything else up to the next `,`, `]` or `}` outside brackets and strings. */
  private expression(): unknown {
    const start = this.position;
    this.skipTo(',', ']', '}');
    const expression = this.text.slice(start, this.position).trim();
    if (expression === '') {
      return this.fail('expected a value');
    }
    if (expression === 'true' || expression === 'false') {
      return expression === 'true';
    }
    return /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(expression) ? Number(expression) : `\${${expression}}`;
  }

  /** Moves to the next of `ends` outside brackets and strings. */
  private skipTo(...ends: string[]): void {
    let depth = 0;
    while (this.position < this.text.length) {
      const c = this.text[this.position];
      if (c === '"') {
        this.string();
        continue;
      }
      if (depth === 0 && ends.includes(c)) {
        return;
      }
      depth += '([{'.includes(c) ? 1 : ')]}'.includes(c) ? -1 : 0;
      this.position++;
    }
    this.fail(`expected ${ends.map((e) => `'${e}'`).join(' or ')}`);
  }

  private skipSpace(): void {
    while (/\s/.test(this.text[this.position] ?? '')) {
      this.position++;
    }
  }

  private fail(problem: string): never {
    throw new UnreadableArtifactError(`${problem} at character ${this.position + 1} of ${JSON.stringify(this.text)}`);
  }
}
