/**
 * Escaping for Telegram's HTML parse mode. Every piece of plain text that goes into an HTML message
 * (message text, captions, button-less fragments) passes through {@link escapeHtml}; nothing else may
 * reach Telegram with `parse_mode: 'HTML'`.
 */

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Escapes `&`, `<` and `>` so that Telegram shows `text` verbatim in HTML parse mode. The escaped text
 * has the same length once Telegram has parsed it, so length limits apply to the plain text.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>]/g, (char) => ENTITIES[char] ?? char);
}
