/** Inline keyboards built from the port's buttons. */
import type { InlineKeyboardMarkup } from 'telegraf/types';
import type { OutgoingButton } from '../../handlers/channel.ts';

/** Telegram's limit on `callback_data`, in bytes of UTF-8. */
export const MAX_CALLBACK_DATA_BYTES = 64;

/**
 * Builds an inline keyboard whose buttons send their `payload` back as callback data. Returns undefined
 * when there is no button. Throws a `RangeError` (a programming error, never a delivery failure) when a
 * payload is empty or longer than {@link MAX_CALLBACK_DATA_BYTES} bytes, or a label is empty.
 */
export function inlineKeyboard(
  buttons: readonly OutgoingButton[][] | undefined,
): InlineKeyboardMarkup | undefined {
  const rows = (buttons ?? []).filter((row) => row.length > 0);
  if (rows.length === 0) return undefined;
  return {
    inline_keyboard: rows.map((row) =>
      row.map((button) => {
        const size = Buffer.byteLength(button.payload, 'utf8');
        if (size < 1 || size > MAX_CALLBACK_DATA_BYTES) {
          throw new RangeError(
            `button payload must be 1-${MAX_CALLBACK_DATA_BYTES} bytes of UTF-8, got ${size}: ${JSON.stringify(button.payload.slice(0, 80))}`,
          );
        }
        if (button.label.trim() === '') throw new RangeError('button label must not be empty');
        return { text: button.label, callback_data: button.payload };
      }),
    ),
  };
}
