import { createHash } from 'crypto';
import { PavedValidationError } from './paved-validation-error';

/**
 * What a generated name is for. Each target has its own length limit and character set.
 */
export type NameTarget =
  /** Kubernetes object names, namespaces and label values (DNS-1123 label). */
  | 'kubernetes'
  /** Terraform stack ids, also used as directory names. */
  | 'terraform-stack'
  | 's3-bucket'
  | 'iam-role'
  | 'iam-policy'
  | 'sqs-queue'
  | 'ecr-repository'
  | 'rds-identifier'
  | 'rds-parameter-group'
  | 'rds-subnet-group'
  | 'postgres-database'
  | 'kms-alias'
  | 'secret'
  | 'log-group'
  | 'security-group'
  | 'eks-cluster'
  | 'eks-node-group'
  | 'ec2-launch-template';

interface NameRule {
  readonly maxLength: number;
  /** A run of characters the target does not allow; each run becomes one separator. */
  readonly invalid: RegExp;
  readonly separator: '-' | '_';
  readonly lowercase: boolean;
}

const DNS_LABEL: NameRule = { maxLength: 63, invalid: /[^a-z0-9-]+/g, separator: '-', lowercase: true };

/** Limits from the AWS and Kubernetes API references. */
export const NAME_RULES: Readonly<Record<NameTarget, NameRule>> = {
  'kubernetes': DNS_LABEL,
  'terraform-stack': DNS_LABEL,
  's3-bucket': DNS_LABEL,
  'rds-identifier': DNS_LABEL,
  'rds-parameter-group': DNS_LABEL,
  'rds-subnet-group': DNS_LABEL,
  'eks-node-group': { maxLength: 63, invalid: /[^A-Za-z0-9_-]+/g, separator: '-', lowercase: false },
  'iam-role': { maxLength: 64, invalid: /[^A-Za-z0-9+=,.@_-]+/g, separator: '-', lowercase: false },
  'iam-policy': { maxLength: 128, invalid: /[^A-Za-z0-9+=,.@_-]+/g, separator: '-', lowercase: false },
  'sqs-queue': { maxLength: 80, invalid: /[^A-Za-z0-9_-]+/g, separator: '-', lowercase: false },
  'ecr-repository': { maxLength: 256, invalid: /[^a-z0-9._/-]+/g, separator: '-', lowercase: true },
  'postgres-database': { maxLength: 63, invalid: /[^a-z0-9_]+/g, separator: '_', lowercase: true },
  // 256 including the mandatory `alias/` prefix.
  'kms-alias': { maxLength: 250, invalid: /[^A-Za-z0-9/_-]+/g, separator: '-', lowercase: false },
  'secret': { maxLength: 512, invalid: /[^A-Za-z0-9/_+=.@-]+/g, separator: '-', lowercase: false },
  'log-group': { maxLength: 512, invalid: /[^A-Za-z0-9_/.#-]+/g, separator: '-', lowercase: false },
  'security-group': { maxLength: 255, invalid: /[^A-Za-z0-9._-]+/g, separator: '-', lowercase: false },
  'eks-cluster': { maxLength: 100, invalid: /[^A-Za-z0-9_-]+/g, separator: '-', lowercase: false },
  'ec2-launch-template': { maxLength: 128, invalid: /[^A-Za-z0-9().\/_-]+/g, separator: '-', lowercase: false },
};

const HASH_LENGTH = 8;

/**
 * Joins `parts` into a name that `target` accepts.
 *
 * Disallowed characters become the separator. A name over the target's limit keeps as much of
 * its beginning as fits and ends in 8 hex characters of a SHA-256 over all parts, so two long
 * names that share a beginning still differ. The result depends on nothing but the arguments:
 * it is the same in every release.
 */
export function formatName(target: NameTarget, parts: readonly string[]): string {
  const rule = NAME_RULES[target];
  const separator = rule.separator;
  const joined = parts
    .map((part) => (rule.lowercase ? part.toLowerCase() : part).replace(rule.invalid, separator))
    .join(separator)
    .replace(new RegExp(`\\${separator}{2,}`, 'g'), separator)
    .replace(new RegExp(`^\\${separator}+|\\${separator}+$`, 'g'), '');
  if (joined.length === 0) {
    throw new PavedValidationError({ description: `A ${target} name`, path: '' },
      `cannot be formed from ${JSON.stringify(parts)}: none of them has a character allowed in it. Use letters or digits in the names and construct ids it is made of.`);
  }
  if (joined.length <= rule.maxLength) {
    return joined;
  }
  const hash = createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, HASH_LENGTH);
  const kept = joined.slice(0, rule.maxLength - HASH_LENGTH - 1).replace(/[^A-Za-z0-9]+$/, '');
  return `${kept}${separator}${hash}`;
}

const NAME_PATTERN = /^[a-z]([a-z0-9]|-(?!-))*[a-z0-9]$|^[a-z]$/;

/**
 * Checks a name a user gives (platform, environment, team, service, resource id).
 *
 * @returns a message naming the prop, the value and a fix, or `undefined` when the name is fine
 */
export function checkName(prop: string, value: unknown, maxLength: number): string | undefined {
  if (typeof value === 'string' && value.length <= maxLength && NAME_PATTERN.test(value)) {
    return undefined;
  }
  const rule = `'${prop}' must be 1-${maxLength} lowercase letters, digits and single hyphens, start with a letter and end with a letter or digit`;
  if (typeof value !== 'string' || value.length === 0) {
    return `${rule} (got ${JSON.stringify(value)}).`;
  }
  const suggestion = value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .slice(0, maxLength)
    .replace(/-+$/, '');
  const fix = suggestion.length > 0 ? `; for example '${suggestion}'` : '';
  return `${rule} (got '${value}')${fix}.`;
}

/** The namespaces of a team's preview environments, as an Argo CD destination glob. */
export function previewNamespacePattern(team: string): string {
  return `${team}-preview-*`;
}
