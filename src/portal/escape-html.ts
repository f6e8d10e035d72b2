/** `text` safe to put in HTML text and in a double-quoted attribute: `&`, `<`, `>` and `"` as entities. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * `value` as JSON to embed in a `<script type="application/json">` element: every `<` written
 * `\u003c`, so that no string in it (`</script>`, `<!--`) can end the element or open a comment.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}
