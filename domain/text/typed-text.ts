/**
 * What a chat client sends, in the one form the bot reads: NFC (some iOS and Android keyboards send
 * Vietnamese decomposed, a base letter followed by combining tone marks) and without the invisible
 * characters clients and copy-paste leave in (zero-width space and non-joiner, word joiner, byte order
 * mark, soft hyphen). A zero-width joiner is kept inside an emoji sequence (👩‍💻), where it is part of
 * the emoji, and removed elsewhere. Pure; idempotent.
 */
const INVISIBLE = /[\u200B\u200C\u2060\uFEFF\u00AD]/gu;
/** A zero-width joiner that does not follow an emoji (or its skin tone or variation selector). */
const STRAY_JOINER = /(?<!\p{Extended_Pictographic}|\p{Emoji_Modifier}|\uFE0F)\u200D/gu;

/** `text` as NFC without invisible characters (see the module comment). */
export function normalizeTypedText(text: string): string {
  return text.normalize('NFC').replace(INVISIBLE, '').replace(STRAY_JOINER, '').normalize('NFC');
}
