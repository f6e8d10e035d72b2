/**
 * The one judge of whether a literal value is a secret, for Terraform and Kubernetes alike: by
 * its format (AWS access keys, Stripe, GitHub and Slack tokens, PEM private keys, JWTs, URLs
 * with a password, `password=...` lines in larger text), by its randomness (Shannon entropy),
 * and by the name it is written under.
 */

/** A secret found in a value. Says what kind, never the secret itself. */
export interface SecretMatch {
  /** `an AWS access key id`. */
  readonly kind: string;
  /** The line of a multi-line value it is on, from 1; absent for a one-line value. */
  readonly line?: number;
  /** The secret masked: its first characters and its length, `"AKIA…", 20 characters`. */
  readonly masked: string;
}

/** How to read a value. */
export interface SecretScanOptions {
  /**
   * The value is base64 (a ConfigMap's `binaryData`): it is decoded, and judged if it is text.
   * @default false
   */
  readonly base64?: boolean;
}

/** Formats that are secrets wherever they appear, most specific first. */
const FORMATS: readonly { readonly kind: string; readonly pattern: RegExp }[] = [
  { kind: 'a PEM private key', pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/ },
  { kind: 'an AWS access key id', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { kind: 'a Stripe live key', pattern: /\b(?:sk|rk)_live_[0-9A-Za-z]{10,}/ },
  { kind: 'a GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})/ },
  { kind: 'a Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/ },
  { kind: 'a Slack webhook URL', pattern: /https:\/\/hooks\.slack\.com\/services\/T[A-Za-z0-9]+\/B[A-Za-z0-9]+\/[A-Za-z0-9]+/ },
  { kind: 'a JWT', pattern: /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/ },
];

/** A URL with a password in it: `postgres://user:pass@host`. */
const URL_CREDENTIALS = /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:([^\s@/]+)@/i;

/** A secret-named key assigned a value inside text: `password=...`, `db_password: ...`, `"apiKey": "..."`. */
const ASSIGNMENT = /(?:^|[^A-Za-z0-9])([A-Za-z0-9_.-]*?(?:password|passwd|pwd|passphrase|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?))["']?\s*[:=]\s*["']?([^\s"',;]+)/i;

/** Words a name ends with when it holds a secret: `DB_PASSWORD`, `apiKey`, `client_secret`, `token`. */
const SECRET_WORDS = ['password', 'passwd', 'pwd', 'passphrase', 'secret', 'token', 'credential', 'credentials', 'apikey'];
/** Pairs of words a name ends with when it holds a secret: `api_key`, `AWS_SECRET_ACCESS_KEY`, `secret_string`. */
const SECRET_PAIRS = ['api key', 'access key', 'secret key', 'private key', 'signing key', 'auth key', 'master key', 'secret string', 'secret binary', 'key material'];

/** Values that are not secrets whatever their name. */
const NOT_SECRET = [
  /^(true|false|yes|no|null|none|required|optional|enabled|disabled)$/i,
  /^arn:/, // an ARN names a secret, it is not one
  /^(alias|secret|secretsmanager|ssm|vault|ref\+)[/:]/i, // where a secret is kept
  /^\/[^\s]*$/, // a path to a mounted secret
  /^https?:\/\/[^\s@]*$/, // a URL without credentials
  /^\$\(.*\)$|^\{\{.*\}\}$|^<[^>]*>$/, // a reference to a variable, a template, a placeholder
];

/** What a token of random characters is made of, and how random it must be. */
const RANDOM_TOKEN = /^[A-Za-z0-9+/_-]{24,}$/;
/** Bits of entropy per character a random token has at least: 4.2, or a little less than the most a short token can have. */
const minEntropy = (length: number) => Math.min(4.2, Math.log2(length) - 0.5);
/** Words and numbers of an identifier: `Cluster`, `Store`, `V`, `1`, `Beta`. */
const HUMPS = /[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+/g;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A word as people write one: `Database`, `securityGroup`, `ABC`. */
const WORD = /^(?:[A-Z]?[a-z]+)+$|^[A-Z]+[a-z]*$/;

/**
 * The secret `value` holds, judged by its contents and by the `name` it is written under (an
 * environment variable, an attribute, a ConfigMap key).
 */
export function findSecret(name: string, value: unknown, options: SecretScanOptions = {}): SecretMatch | undefined {
  if (typeof value !== 'string' || value === '') {
    return undefined;
  }
  if (options.base64) {
    const text = decodedText(value);
    return text === undefined ? undefined : findSecret(name, text);
  }
  const text = withoutExpressions(value);
  const trimmed = text.trim();
  if (/secret/i.test(name) && isSecretName(name) && /^[A-Za-z0-9/+]{40}$/.test(trimmed)) {
    return { kind: 'an AWS secret access key', masked: mask(trimmed) };
  }
  const decoded = /^[A-Za-z0-9+/]{16,}={0,2}$/.test(trimmed) ? decodedText(trimmed) : undefined;
  if (decoded !== undefined) {
    // Base64 of text (a certificate, a JSON document) is judged by the text it encodes.
    const inner = findSecret('', decoded);
    if (inner) {
      return { kind: `base64 of ${inner.kind}`, masked: mask(trimmed) };
    }
  } else {
    const lines = text.split(/\r?\n/);
    for (const [index, line] of lines.entries()) {
      const match = inLine(line);
      if (match) {
        return { ...match, ...(lines.length > 1 ? { line: index + 1 } : {}) };
      }
    }
  }
  // A value that is partly computed (`Bearer ${var.token}`) is judged by what is written, not by its name.
  if (isSecretName(name) && !value.includes('${') && trimmed !== '' && !NOT_SECRET.some((pattern) => pattern.test(trimmed))) {
    return { kind: 'a literal value under a secret-looking name', masked: mask(trimmed) };
  }
  return undefined;
}

/** Whether `value` under `name` looks like a secret (see {@link findSecret}). */
export function looksSecret(name: string, value: unknown): boolean {
  return findSecret(name, value) !== undefined;
}

/** Whether `name` says its value is a secret: it ends with a word such as password, token or secret. */
export function isSecretName(name: string): boolean {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter((w) => w !== '');
  const last = words[words.length - 1] ?? '';
  // `existingSecret: db-credentials` names a Secret, as charts write it.
  return words[0] !== 'existing' && (SECRET_WORDS.includes(last) || SECRET_PAIRS.includes(words.slice(-2).join(' ')));
}

/** `"AKIA…", 20 characters`: enough to find the secret, not enough to use it. */
export function mask(secret: string): string {
  return `"${secret.slice(0, Math.min(4, Math.floor(secret.length / 4)))}…", ${secret.length} characters`;
}

/** The secret on one line of text, by its format, an assignment or its randomness. */
function inLine(text: string): Omit<SecretMatch, 'line'> | undefined {
  // An ARN names a resource (`arn:aws:secretsmanager:...:secret:db-AbCdEf`), whatever words it has.
  const line = text.replace(/\barn:[^\s"',]+/g, ' ');
  for (const { kind, pattern } of FORMATS) {
    const found = pattern.exec(line);
    if (found) {
      const pair = kind === 'an AWS access key id' && /(?:^|[^A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])/.test(line);
      return { kind: pair ? 'an AWS access key id and secret access key' : kind, masked: mask(found[0]) };
    }
  }
  const url = URL_CREDENTIALS.exec(line);
  if (url && isLiteral(url[1])) {
    return { kind: 'a URL with a password', masked: mask(url[1]) };
  }
  const assignment = ASSIGNMENT.exec(line);
  if (assignment && isSecretName(assignment[1]) && isLiteral(assignment[2])) {
    return { kind: `an assignment to ${assignment[1]}`, masked: mask(assignment[2]) };
  }
  const token = line.split(/[\s"'`,;:=()[\]{}<>|\\]+/).find(isRandomToken);
  return token === undefined ? undefined : { kind: 'a high-entropy string', masked: mask(token) };
}

/** Whether a value written after a secret name is a literal, not a reference or a placeholder. */
function isLiteral(value: string): boolean {
  return value.length >= 3 && !/^[*xX.…_-]+$/.test(value) && !/^[$%#{<]/.test(value) && !NOT_SECRET.some((pattern) => pattern.test(value));
}

/**
 * Whether `token` looks randomly generated: 24 or more base64 characters mixing upper case, lower
 * case and digits, with at least 4.2 bits of entropy per character (a little less for tokens
 * shorter than 38 characters), and not a UUID, an identifier, base64 of text, or a name made of
 * words with a hash (`Database_SecurityGroup_71981D66`).
 */
export function isRandomToken(token: string): boolean {
  if (!RANDOM_TOKEN.test(token) || UUID.test(token) || !/[A-Z]/.test(token) || !/[a-z]/.test(token) || !/[0-9]/.test(token)) {
    return false;
  }
  const segments = token.split(/[_./-]+/).filter((s) => s !== '');
  if (segments.length > 1 && segments.filter((s) => !WORD.test(s) && !/^[0-9]+$/.test(s)).length <= 1) {
    return false;
  }
  // An identifier (`ClusterSecretStoreV1Beta1Spec`) is made of words three or more characters long on average.
  const humps = token.match(HUMPS) ?? [];
  if (humps.join('').length >= 3 * humps.length) {
    return false;
  }
  // Base64 of text is not random: it is judged by what it encodes.
  return shannonEntropy(token) >= minEntropy(token.length) && decodedText(token) === undefined;
}

/** Bits of information per character of `text`. */
export function shannonEntropy(text: string): number {
  const counts = new Map<string, number>();
  for (const c of text) {
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** `value` with its Terraform `${...}` expressions blanked out: what they compute is not written here. */
function withoutExpressions(value: string): string {
  let result = '';
  let depth = 0;
  for (let i = 0; i < value.length; i++) {
    if (value.startsWith('$${', i)) {
      result += depth === 0 ? '${' : '';
      i += 2;
    } else if (value.startsWith('${', i)) {
      depth++;
      i++;
    } else if (depth > 0 && value[i] === '{') {
      depth++;
    } else if (depth > 0 && value[i] === '}') {
      depth--;
      result += depth === 0 ? ' ' : '';
    } else if (depth === 0) {
      result += value[i];
    }
  }
  return result;
}

/** The text that base64 `value` encodes, or `undefined` when it is not base64 of printable UTF-8. */
function decodedText(value: string): string | undefined {
  const compact = value.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0) {
    return undefined;
  }
  const text = Buffer.from(compact, 'base64').toString('utf8');
  return /^[\t\n\r\x20-\x7e\u00a0-\uffff]*$/.test(text) && !text.includes('\ufffd') ? text : undefined;
}
