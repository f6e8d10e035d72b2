import { IConstruct } from 'constructs';
import { pathBelowStack } from './physical-name';
import { PavedValidationError } from '../../src/platform/paved-validation-error';

/** Whether a statement allows or denies. */
export type PolicyEffect = 'Allow' | 'Deny';

/** The principal of a resource-policy or trust-policy statement. */
export type PolicyPrincipal =
  | { readonly AWS: readonly string[] }
  | { readonly Service: readonly string[] }
  | { readonly Federated: readonly string[] }
  /** Anyone: only for `Deny` statements. */
  | '*';

/** Condition values by operator (`StringEquals`) and key (`aws:SourceAccount`). */
export type PolicyConditions = Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;

/** Props of a `PolicyStatement`. */
export interface PolicyStatementProps {
  /** The statement id: letters and digits, unique in its policy and stable across synths. */
  readonly sid: string;
  /**
   * Whether the statement allows or denies.
   * @default 'Allow'
   */
  readonly effect?: PolicyEffect;
  /**
   * Who the statement is about, in a resource or trust policy.
   * @default - none: a statement of an identity policy
   */
  readonly principal?: PolicyPrincipal;
  /** The actions, such as `s3:GetObject`. */
  readonly actions: readonly string[];
  /**
   * The resources, by ARN.
   * @default - none: a statement of a trust policy
   */
  readonly resources?: readonly string[];
  /**
   * Conditions.
   * @default - none
   */
  readonly conditions?: PolicyConditions;
}

/**
 * One statement of an IAM policy, rendered deterministically: actions, resources and
 * principals sorted and without repeats, conditions sorted by operator and key.
 */
export class PolicyStatement {
  /**
   * A statement id for what `scope` grants: its construct path below the stack in Pascal case,
   * then `words` (`Uploads` + `ReadWrite` → `UploadsReadWrite`). It changes only when the
   * construct path does.
   */
  public static sidFor(scope: IConstruct, ...words: string[]): string {
    return [...pathBelowStack(scope), ...words]
      .map((word) => word.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase()))
      .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
      .join('');
  }

  /**
   * Denies every `service` action on `resources` over plain HTTP (`aws:SecureTransport` false).
   */
  public static denyInsecureTransport(service: string, resources: readonly string[]): PolicyStatement {
    return new PolicyStatement({
      sid: 'DenyInsecureTransport',
      effect: 'Deny',
      principal: '*',
      actions: [`${service}:*`],
      resources,
      conditions: { Bool: { 'aws:SecureTransport': 'false' } },
    });
  }

  /** The statement id, from `props.sid`. */
  public readonly sid: string;
  /** Whether it allows or denies: `props.effect`, or `'Allow'`. */
  public readonly effect: PolicyEffect;
  /** Who the statement is about, from `props.principal`; none in an identity policy. */
  public readonly principal?: PolicyPrincipal;
  /** The actions, such as `s3:GetObject`, from `props.actions` without duplicates. */
  public readonly actions: readonly string[];
  /** The resources by ARN, from `props.resources` without duplicates; empty in a trust policy. */
  public readonly resources: readonly string[];
  /** The conditions, by operator and key: `props.conditions`, or none. */
  public readonly conditions: PolicyConditions;

  constructor(props: PolicyStatementProps) {
    if (!/^[A-Za-z0-9]+$/.test(props.sid)) {
      throw new PavedValidationError(statementSubject(props.sid), `'sid' must be letters and digits only (got ${JSON.stringify(props.sid)}); IAM accepts no other characters in a statement id.`);
    }
    if (props.principal === '*' && props.effect !== 'Deny') {
      throw new PavedValidationError(statementSubject(props.sid), "allows anyone (principal '*'); only a Deny statement may name every principal: name the principals that need access.");
    }
    this.sid = props.sid;
    this.effect = props.effect ?? 'Allow';
    this.principal = props.principal;
    this.actions = [...new Set(props.actions)];
    this.resources = [...new Set(props.resources ?? [])];
    this.conditions = props.conditions ?? {};
  }

  /**
   * The statement as IAM policy JSON (an object), with every string passed through `resolve`
   * (Terraform references become `${...}`) before lists and keys are sorted.
   */
  public toJson(resolve: (value: string) => string = (value) => value): Record<string, unknown> {
    const json: Record<string, unknown> = { Sid: this.sid, Effect: this.effect };
    if (this.principal !== undefined) {
      json.Principal = this.principal === '*' ? '*' : sortedObject(this.principal, (ids) => sortedUnique(ids.map(resolve)), resolve);
    }
    json.Action = sortedUnique(this.actions);
    if (this.resources.length > 0) {
      json.Resource = sortedUnique(this.resources.map(resolve));
    }
    if (Object.keys(this.conditions).length > 0) {
      json.Condition = sortedObject(this.conditions, (values) => sortedObject(values, (value) => (typeof value === 'string' ? resolve(value) : sortedUnique(value.map(resolve))), resolve), resolve);
    }
    return json;
  }
}

function sortedUnique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

function sortedObject<T, U>(object: Readonly<Record<string, T>>, map: (value: T) => U, resolve: (key: string) => string): Record<string, U> {
  return Object.fromEntries(Object.entries(object).map(([key, value]) => [resolve(key), map(value)] as const).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** How an error names a statement, which is a value, not a construct. */
function statementSubject(sid: string): { description: string; path: string } {
  return { description: `PolicyStatement '${sid}'`, path: sid };
}
