import type { HelmChart, HelmValues } from './cluster-add-on';

/** One problem an Ajv validator reports. */
export interface ChartValuesError {
  /** Where, as a JSON pointer: `/serviceAccount/create`. */
  readonly instancePath: string;
  /** What is wrong: `must be boolean`. */
  readonly message?: string;
  /** The keyword's parameters (`additionalProperty` names an unknown key). */
  readonly params?: Readonly<Record<string, unknown>>;
}

/** A generated standalone validator of a chart's values.schema.json (constructs/imports/charts/). */
export interface ChartValuesValidator {
  /** Whether `values` fit the schema; else `errors` lists why. */
  (values: unknown): boolean;
  /** The problems of the last call. */
  errors?: readonly ChartValuesError[] | null;
}

/** The value at a JSON pointer of `values`. */
function valueAt(values: unknown, pointer: string): unknown {
  return pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((v, key) => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[key] : undefined), values);
}

/**
 * The problems of `values` against the chart's schema, one message each: the add-on, the key,
 * the value given, and the fix.
 */
export function valuesProblems(
  validate: ChartValuesValidator, values: HelmValues, where: { readonly addOn: string; readonly chart: HelmChart },
): string[] {
  if (validate(values)) {
    return [];
  }
  const chart = `${where.chart.chart} ${where.chart.version}`;
  const seen = new Set<string>();
  return (validate.errors ?? []).flatMap((error) => {
    const extra = typeof error.params?.additionalProperty === 'string' ? `/${error.params.additionalProperty}` : '';
    const pointer = `${error.instancePath}${extra}`;
    const key = pointer.slice(1).replace(/\//g, '.') || '(the values)';
    const message = extra ? 'is not a key the chart knows' : error.message ?? 'does not fit the schema';
    const text = `add-on '${where.addOn}': values key '${key}' ${message} (got ${JSON.stringify(valueAt(values, pointer)) ?? 'undefined'}); `
      + `set a value the ${chart} chart's values.schema.json accepts, or remove the key.`;
    if (seen.has(text)) {
      return [];
    }
    seen.add(text);
    return [text];
  });
}
