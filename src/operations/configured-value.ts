/** An attribute of a managed resource of the root module that a Terraform JSON template interpolates. */
export interface ResourceReference {
  /** The resource: `aws_kms_key.Key_961B73FD`. */
  readonly resource: string;
  /** The attribute and the path into it: `['arn']`, `['ingress', 0, 'cidr_blocks']`. */
  readonly path: readonly (string | number)[];
}

/** Looks up the value of a referenced attribute; undefined when it is not known. */
export type ReferenceLookup = (reference: ResourceReference) => unknown;

/**
 * The first names of a traversal that are not a resource type: `data.x.y`, `var.x`, `count.index`.
 */
const NOT_A_RESOURCE = new Set(['data', 'var', 'local', 'module', 'count', 'each', 'path', 'terraform', 'self']);

/** `type.name` followed by attributes and numeric indexes: `aws_sqs_queue.Events_D32975C2.arn`. */
const TRAVERSAL = /^([A-Za-z_][\w-]*)\.([A-Za-z_][\w-]*)((?:\.[A-Za-z_][\w-]*|\[\d+\])+)$/;

/**
 * What an attribute's expression in a stack's Terraform JSON (`cdk.tf.json`) evaluates to, when
 * every template in it only interpolates attributes of managed resources
 * (`"${aws_kms_key.Key.arn}"`, `"{\"deadLetterTargetArn\":\"${aws_sqs_queue.Dlq.arn}\"}"`),
 * each looked up with `lookup`. A template of one interpolation and nothing else is the
 * referenced value itself, of its own type, as in Terraform.
 *
 * @returns the value, or undefined when any part of it needs more than a lookup (a function
 * call, a variable, a `%{` directive), or a looked-up value is unknown or cannot be written into
 * a string
 */
export function configuredValue(expression: unknown, lookup: ReferenceLookup): unknown {
  if (typeof expression === 'string') {
    return evaluateTemplate(expression, lookup);
  }
  if (Array.isArray(expression)) {
    const items = expression.map((item) => configuredValue(item, lookup));
    return items.includes(undefined) ? undefined : items;
  }
  if (typeof expression === 'object' && expression !== null) {
    const entries = Object.entries(expression).map(([key, value]) => [key, configuredValue(value, lookup)] as const);
    return entries.some(([, value]) => value === undefined) ? undefined : Object.fromEntries(entries);
  }
  return expression;
}

/** A Terraform template's value; undefined when it cannot be evaluated by lookups alone. */
function evaluateTemplate(template: string, lookup: ReferenceLookup): unknown {
  const parts: (string | ResourceReference)[] = [];
  let literal = '';
  for (let i = 0; i < template.length;) {
    if (template.startsWith('$${', i) || template.startsWith('%%{', i)) {
      literal += template.slice(i + 1, i + 3);
      i += 3;
    } else if (template.startsWith('%{', i)) {
      return undefined;
    } else if (template.startsWith('${', i)) {
      const end = template.indexOf('}', i);
      const reference = end < 0 ? undefined : parseReference(template.slice(i + 2, end).trim());
      if (reference === undefined) {
        return undefined;
      }
      if (literal) {
        parts.push(literal);
        literal = '';
      }
      parts.push(reference);
      i = end + 1;
    } else {
      literal += template[i];
      i += 1;
    }
  }
  if (literal) {
    parts.push(literal);
  }
  if (parts.length === 1 && typeof parts[0] !== 'string') {
    return lookup(parts[0]);
  }
  const strings = parts.map((part) => (typeof part === 'string' ? part : asTemplateString(lookup(part))));
  return strings.includes(undefined) ? undefined : strings.join('');
}

/** A managed resource's attribute that `traversal` names, or undefined when it names anything else. */
function parseReference(traversal: string): ResourceReference | undefined {
  const match = TRAVERSAL.exec(traversal);
  if (!match || NOT_A_RESOURCE.has(match[1])) {
    return undefined;
  }
  const path = [...match[3].matchAll(/\.([A-Za-z_][\w-]*)|\[(\d+)\]/g)].map((step) => (step[1] ?? Number(step[2])));
  return { resource: `${match[1]}.${match[2]}`, path };
}

/** A value as a template writes it into a string: strings, numbers and booleans; undefined for any other. */
function asTemplateString(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}
