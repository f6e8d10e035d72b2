import { TAG_KEYS } from '../../../platform/tagging';
import { TerraformResource } from '../../artifacts/terraform-resource';
import { PolicyStatement } from '../terraform-values';

/** The component that owns the platform's own stacks (`platform-<env>`). */
const PLATFORM_SERVICE = 'platform';

/** The tag condition keys that scope a statement to the platform's own resources. */
const PLATFORM_TAG_KEYS = [`aws:ResourceTag/${TAG_KEYS.platform}`, `aws:RequestTag/${TAG_KEYS.platform}`];

/** Whether `value` holds an IAM wildcard (`*` or `?`). */
export function hasWildcard(value: string): boolean {
  return /[*?]/.test(value);
}

/**
 * Why the wildcard in `arn` reaches past what the statement names, or `undefined` when it stays
 * inside one named resource. Allowed, and only these:
 * - what follows a whole reference: `${aws_s3_bucket.Uploads.arn}/*` (the objects of that bucket);
 * - the objects of a named bucket: `arn:aws:s3:::acme-dev-checkout-uploads/*`;
 * - the streams of a named log group: `arn:aws:logs:<region>:<account>:log-group:<name>:*`;
 * - the random suffix Secrets Manager adds to a named secret: `secret:<name>-??????`;
 * - in the platform's own stacks (`platform-<env>`, whose roles manage every team's resources),
 *   names under the platform's prefix (`role/acme-*`, `db:acme-*`, `log-group:/aws/eks/acme-*`)
 *   and the secrets RDS names itself for the master passwords it manages (`secret:rds!*`);
 * - every Route 53 hosted zone (`hostedzone/*`, whose ids nobody knows before) for record
 *   changes limited to named records (`ForAllValues:StringEquals` or `StringLike` on
 *   `route53:ChangeResourceRecordSetsNormalizedRecordNames`, no bare `*`), and for reading
 *   record sets, tags and changes (`route53:List…`, `route53:Get…`, also on `change/*`) and
 *   changing tags (`route53:ChangeTagsForResource`: Route 53 authorizes nothing by tag);
 * - any resource of one service, region and account when the statement requires the
 *   platform's tag (`aws:ResourceTag/paved:platform` or `aws:RequestTag/paved:platform` =
 *   `<platform>` with StringEquals): EC2 ids and KMS key ids cannot be known before creation.
 * A wildcard in the partition, service, region or account is never allowed.
 */
export function unscopedWildcard(arn: string, statement: PolicyStatement, resource: TerraformResource): string | undefined {
  if (!hasWildcard(arn) || arn === '*') {
    return undefined;
  }
  if (arn.startsWith('${')) {
    return /^\$\{[^}]+\}[/:]/.test(arn) ? undefined : 'its wildcard is not inside the resource it refers to';
  }
  const parts = /^arn:([^:]*):([^:]*):([^:]*):([^:]*):(.*)$/s.exec(arn);
  if (!parts) {
    return 'it is not an ARN';
  }
  const [, partition, service, region, account, name] = parts;
  const spanned = Object.entries({ partition, service, region, account }).filter(([, value]) => hasWildcard(value)).map(([key]) => key);
  if (spanned.length > 0) {
    return `its wildcard spans every ${spanned.join(', ')}`;
  }
  const platform = resource.stack.ownership.platform;
  if (service === 's3' && /^[^/*?]+\//.test(name)) {
    return undefined;
  }
  if (service === 'logs' && /^log-group:[^:*?]+:(log-stream:)?\*$/.test(name)) {
    return undefined;
  }
  if (service === 'secretsmanager' && /^secret:[^*?]+-\?{6}$/.test(name)) {
    return undefined;
  }
  if (service === 'route53' && (name === 'hostedzone/*' || name === 'change/*') && route53Scoped(statement)) {
    return undefined;
  }
  if (resource.stack.ownership.service === PLATFORM_SERVICE) {
    const underPrefix = new RegExp(`^([A-Za-z-]+[/:])?(/aws/[a-z0-9-]+/)?${escape(platform)}-`);
    if (underPrefix.test(name) || (service === 'secretsmanager' && name === 'secret:rds!*')) {
      return undefined;
    }
  }
  if (PLATFORM_TAG_KEYS.some((key) => requiresValue(statement, key, platform))) {
    return undefined;
  }
  return resource.stack.ownership.service === PLATFORM_SERVICE
    ? `its wildcard reaches past one named resource and past the platform's prefix "${platform}-"`
    : 'its wildcard reaches past one named resource';
}

/** The condition key that names the records a `route53:ChangeResourceRecordSets` call changes. */
const RECORD_NAMES_KEY = 'route53:ChangeResourceRecordSetsNormalizedRecordNames';

/** Whether a statement on every hosted zone only reads and tags, or only changes named records. */
function route53Scoped(statement: PolicyStatement): boolean {
  if (statement.actions.every((a) => /^route53:(List|Get)[A-Za-z]+$/.test(a) || a === 'route53:ChangeTagsForResource')) {
    return true;
  }
  const names = ['ForAllValues:StringEquals', 'ForAllValues:StringLike'].flatMap((operator) => statement.conditions[operator]?.[RECORD_NAMES_KEY] ?? []);
  return statement.actions.every((a) => a === 'route53:ChangeResourceRecordSets') && names.length > 0 && names.every((n) => n !== '*' && n !== '*.' && !/^\*+$/.test(n));
}

/** Whether `statement` requires `key` StringEquals exactly `value`. */
function requiresValue(statement: PolicyStatement, key: string, value: string): boolean {
  const values = statement.conditions.StringEquals?.[key];
  return values !== undefined && values.length === 1 && values[0] === value;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
