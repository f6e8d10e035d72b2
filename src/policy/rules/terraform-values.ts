import { parseHclValue } from './hcl-value';
import { TerraformResource } from '../artifacts/terraform-resource';
import { UnreadableArtifactError } from '../unreadable-artifact-error';

/** A nested block as a list: cdktf writes single blocks as objects and repeated ones as arrays. */
export function blocks(value: unknown): Record<string, any>[] {
  if (value === undefined || value === null) {
    return [];
  }
  return (Array.isArray(value) ? value : [value]) as Record<string, any>[];
}

/** Whether `key` names an AWS-managed KMS key (`alias/aws/sqs`, `arn:aws:kms:...:alias/aws/rds`), not a customer's. */
export function isAwsManagedKey(key: unknown): boolean {
  return /(^|:)alias\/aws\//.test(String(key));
}

/** Whether `value` is a Terraform reference or expression rather than a literal. */
export function isExpression(value: unknown): boolean {
  return typeof value === 'string' && value.includes('${');
}

/** One IAM policy statement, normalized: lists for actions, resources and principals. */
export interface PolicyStatement {
  /** The statement's `Sid`, if it has one. */
  readonly sid?: string;
  /** The statement's `Effect`. */
  readonly effect: 'Allow' | 'Deny';
  /** `Action`, as a list; empty when the statement has none. */
  readonly actions: readonly string[];
  /** `NotAction`: the statement applies to every action but these; empty when it has none. */
  readonly notActions: readonly string[];
  /** `Resource`, as a list; empty when the statement has none. */
  readonly resources: readonly string[];
  /** `NotResource`: the statement applies to every resource but these. */
  readonly notResources: readonly string[];
  /** Every principal of `Principal`, of any type (`*` for anyone), as a list. */
  readonly principals: readonly string[];
  /** `{ StringEquals: { 'aws:SecureTransport': ['false'] } }`, values as lists of strings. */
  readonly conditions: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

/**
 * The statements of the IAM policy document in `resource.config[attribute]`: a JSON string (as
 * `JSON.stringify` leaves it), a `jsonencode(...)` call (as cdktf's `Fn.jsonencode` renders it),
 * or a reference to an `aws_iam_policy_document`.
 *
 * @throws when the document cannot be read, so that the rule fails closed
 */
export function policyStatements(resource: TerraformResource, attribute: string): PolicyStatement[] {
  return documentStatements(resource, resource.config[attribute], `${resource.address}.${attribute}`);
}

/**
 * The statements of the IAM policy document `value`, read as `policyStatements` reads an
 * attribute; `where` names the value in errors (`aws_iam_role.App.inline_policy[0].policy`).
 *
 * @throws when the document cannot be read, so that the rule fails closed
 */
export function documentStatements(resource: TerraformResource, value: unknown, where: string): PolicyStatement[] {
  if (value === undefined) {
    return [];
  }
  if (typeof value !== 'string') {
    throw new UnreadableArtifactError(`${where} is not a policy document string`);
  }
  const document = resource.stack.resolveData(value);
  if (document) {
    return blocks(document.statement).map(fromDataSourceStatement);
  }
  const encoded = /^\$\{jsonencode\((.*)\)\}$/s.exec(value);
  let parsed: unknown;
  try {
    parsed = encoded ? parseHclValue(encoded[1]) : JSON.parse(value);
  } catch (error) {
    throw new UnreadableArtifactError(`${where} is not a policy document: ${(error as Error).message}`);
  }
  const statements = isObject(parsed) ? blocks(parsed.Statement) : [parsed];
  if (!statements.every(isObject)) {
    throw new UnreadableArtifactError(`${where} has statements that are not objects: ${JSON.stringify(parsed)}`);
  }
  return statements.map(fromJsonStatement);
}

function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fromJsonStatement(statement: Record<string, any>): PolicyStatement {
  const principal = statement.Principal;
  const principals = principal === '*' ? ['*'] : Object.values<unknown>(principal ?? {}).flatMap(list).map(String);
  return {
    sid: statement.Sid,
    effect: statement.Effect,
    actions: list(statement.Action).map(String),
    notActions: list(statement.NotAction).map(String),
    resources: list(statement.Resource).map(String),
    notResources: list(statement.NotResource).map(String),
    principals,
    conditions: Object.fromEntries(Object.entries<Record<string, unknown>>(statement.Condition ?? {}).map(([operator, entries]) => [
      operator,
      Object.fromEntries(Object.entries(entries).map(([key, values]) => [key, list(values).map(String)])),
    ])),
  };
}

function fromDataSourceStatement(statement: Record<string, any>): PolicyStatement {
  const conditions: Record<string, Record<string, string[]>> = {};
  for (const condition of blocks(statement.condition)) {
    conditions[condition.test] = { ...conditions[condition.test], [condition.variable]: list(condition.values).map(String) };
  }
  return {
    sid: statement.sid,
    effect: statement.effect ?? 'Allow',
    actions: list(statement.actions).map(String),
    notActions: list(statement.not_actions).map(String),
    resources: list(statement.resources).map(String),
    notResources: list(statement.not_resources).map(String),
    principals: blocks(statement.principals).flatMap((p) => list(p.identifiers).map(String)),
    conditions,
  };
}

function list(value: unknown): unknown[] {
  if (value === undefined || value === null) {
    return [];
  }
  return Array.isArray(value) ? value : [value];
}
