/** `'a', 'b', 'c'`: values quoted for a message. */
export function quoteList(values: readonly string[]): string {
  return values.map((v) => `'${v}'`).join(', ');
}
