/** Up to this many keys, `sortedKeys` sorts by insertion. */
const INSERTION_SORT_MAX_KEYS = 16;

/**
 * The keys of `object` in code-unit order, as `Object.keys(object).sort()` returns them. Most
 * objects have a few keys, which an insertion sort orders in place several times faster than
 * `Array.prototype.sort`, which copies the list it sorts.
 */
export function sortedKeys(object: object): string[] {
  const keys = Object.keys(object);
  if (keys.length > INSERTION_SORT_MAX_KEYS) {
    return keys.sort();
  }
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i];
    let j = i - 1;
    for (; j >= 0 && keys[j] > key; j--) {
      keys[j + 1] = keys[j];
    }
    keys[j + 1] = key;
  }
  return keys;
}
