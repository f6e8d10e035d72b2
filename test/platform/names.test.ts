import { NAME_RULES, NameTarget, checkName, formatName } from '../../src';

const TARGETS = Object.keys(NAME_RULES) as NameTarget[];

/** A deterministic pseudo-random generator (mulberry32), so failures reproduce. */
/* eslint-disable no-bitwise */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
/* eslint-enable no-bitwise */

function randomLabel(next: () => number, maxLength: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const length = 1 + Math.floor(next() * maxLength);
  let label = 'abcdefghijklmnopqrstuvwxyz'[Math.floor(next() * 26)];
  while (label.length < length) {
    const c = alphabet[Math.floor(next() * alphabet.length)];
    label += next() < 0.1 && !label.endsWith('-') ? '-' : c;
  }
  return label.replace(/-$/, 'x');
}

describe('formatName', () => {
  test.each(TARGETS)('respects the limits of %s for any input', (target) => {
    const rule = NAME_RULES[target];
    const next = random(target.length);
    for (let i = 0; i < 500; i++) {
      const parts = Array.from({ length: 1 + Math.floor(next() * 5) }, () => `${randomLabel(next, 40)}${next() < 0.2 ? '_X.y z' : ''}`);
      const name = formatName(target, parts);
      expect(name.length).toBeLessThanOrEqual(rule.maxLength);
      expect(name.length).toBeGreaterThan(0);
      expect(name.replace(rule.invalid, '')).toBe(name);
      if (rule.lowercase) {
        expect(name).toBe(name.toLowerCase());
      }
      expect(name).toMatch(/^[A-Za-z0-9].*[A-Za-z0-9]$|^[A-Za-z0-9]$/);
    }
  });

  test('Kubernetes names are DNS-1123 labels', () => {
    const name = formatName('kubernetes', ['Payments_Team', 'Checkout.API', 'x'.repeat(80)]);
    expect(name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
    expect(name.length).toBeLessThanOrEqual(63);
  });

  test('names are stable across releases', () => {
    // Changing any of these renames users' resources: it is a breaking change.
    expect(formatName('s3-bucket', ['acme', 'dev', 'checkout', 'uploads'])).toBe('acme-dev-checkout-uploads');
    expect(formatName('postgres-database', ['checkout-api'])).toBe('checkout_api');
    expect(formatName('iam-role', ['acme', 'prod', 'a-very-long-service-name-for-testing', 'workload-identity-role'])).toBe('acme-prod-a-very-long-service-name-for-testing-workload-8bb876cb');
    expect(formatName('kubernetes', ['x'.repeat(70)])).toBe(`${'x'.repeat(54)}-c71bd109`);
    expect(formatName('ec2-launch-template', ['acme', 'prod', 'platform', 'cluster', 'nodes'])).toBe('acme-prod-platform-cluster-nodes');
    expect(formatName('rds-parameter-group', ['acme', 'prod', 'checkout', 'database', 'postgres17'])).toBe('acme-prod-checkout-database-postgres17');
    expect(formatName('rds-subnet-group', ['acme', 'prod', 'Checkout', 'Database'])).toBe('acme-prod-checkout-database');
  });

  test('long names that share a beginning stay distinct', () => {
    const prefix = 'a'.repeat(60);
    expect(formatName('kubernetes', [prefix, 'one'])).not.toBe(formatName('kubernetes', [prefix, 'two']));
  });

  test('never collides over many thousands of names', () => {
    const next = random(7);
    const inputs = new Set<string>();
    while (inputs.size < 20000) {
      inputs.add([randomLabel(next, 12), randomLabel(next, 8), randomLabel(next, 40), randomLabel(next, 20)].join('/'));
    }
    for (const target of ['kubernetes', 's3-bucket', 'iam-role', 'rds-identifier', 'sqs-queue'] as NameTarget[]) {
      const names = new Map<string, string>();
      for (const input of inputs) {
        const parts = input.split('/');
        const name = formatName(target, parts);
        const joined = parts.join('-');
        const previous = names.get(name);
        // Two inputs may only share a name when they are the same words, split differently
        // ('a-b'+'c' and 'a'+'b-c'); the platform's Naming refuses those (see naming.test.ts).
        if (previous !== undefined) {
          expect(previous).toBe(joined);
        }
        names.set(name, joined);
      }
    }
  });
});

describe('checkName', () => {
  test('accepts lowercase labels with single hyphens', () => {
    expect(checkName('name', 'checkout-api', 40)).toBeUndefined();
    expect(checkName('name', 'a', 40)).toBeUndefined();
  });

  test.each([
    ['Checkout_API', "(got 'Checkout_API'); for example 'checkout-api'."],
    ['checkout--api', "(got 'checkout--api'); for example 'checkout-api'."],
    ['1checkout', "(got '1checkout'); for example 'checkout'."],
    ['checkout-', "(got 'checkout-'); for example 'checkout'."],
    ['x'.repeat(41), `(got '${'x'.repeat(41)}'); for example '${'x'.repeat(40)}'.`],
  ])('fails when the name is %s', (value, expected) => {
    const message = checkName('name', value, 40);
    expect(message).toContain("'name' must be 1-40 lowercase letters, digits and single hyphens");
    expect(message).toContain(expected);
  });

  test('fails when the name is not a string', () => {
    expect(checkName('name', undefined, 40)).toContain('(got undefined).');
  });
});
