/**
 * A sorted copy of `items`, ordered by `key` in code-unit order: the same on every machine,
 * whatever its locale.
 */
export function sortedBy<T>(items: Iterable<T>, key: (item: T) => string): T[] {
  return [...items]
    .map((item) => ({ item, key: key(item) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ item }) => item);
}
