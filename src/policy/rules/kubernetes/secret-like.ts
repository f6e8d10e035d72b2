/** Names that say a value is a secret: `DB_PASSWORD`, `apiKey`, `STRIPE_SECRET`, `token`. */
const SECRET_NAME = /(password|passwd|secret|token|api[-_]?key|private[-_]?key|credential)/i;

/** Values that are secrets whatever their name: AWS access keys, PEM private keys, JWTs. */
const SECRET_VALUE = /(AKIA[0-9A-Z]{16}|-----BEGIN [A-Z ]*PRIVATE KEY-----|eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.)/;

/** Whether a literal `value` under `name` looks like a secret. */
export function looksSecret(name: string, value: unknown): boolean {
  return typeof value === 'string' && value !== '' && (SECRET_NAME.test(name) || SECRET_VALUE.test(value));
}
