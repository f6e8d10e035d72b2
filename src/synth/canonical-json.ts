import { sortedKeys } from '../util/sorted-keys';

/** JSON with object keys sorted at every level and two-space indent, so equal content is equal bytes. */
export function canonicalJson(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), undefined, 2)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(sortKeys);
  }
  if (value !== null && typeof value === 'object') {
    const sorted: Record<string, unknown> = {};
    for (const key of sortedKeys(value)) {
      const item = sortKeys((value as Record<string, unknown>)[key]);
      if (key === '__proto__') {
        // Assigning it would set the prototype instead of adding the key.
        Object.defineProperty(sorted, key, { value: item, enumerable: true, writable: true, configurable: true });
      } else {
        sorted[key] = item;
      }
    }
    return sorted;
  }
  return value;
}
