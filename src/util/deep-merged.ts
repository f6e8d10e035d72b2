/** Whether `value` is a plain object (not an array, not null). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `override` merged over `base`, as Helm merges values: objects merge key by key, any other value
 * (lists included) replaces, and `null` stays (Helm's way to remove a chart default). Neither
 * input is changed.
 */
export function deepMerged(base: Readonly<Record<string, unknown>>, override: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (value === undefined) {
      continue;
    }
    const current = result[key];
    result[key] = isPlainObject(current) && isPlainObject(value) ? deepMerged(current, value) : value;
  }
  return result;
}
