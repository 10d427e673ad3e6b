/**
 * The Zalo OA adapter behind the {@link Channel} port.
 *
 * Mapping choices:
 * - Text goes out as a consultation (CS) message, NFC-normalised; longer than 2 000 characters is sent as
 *   several messages cut between lines (callers that want each part paced split using `maxTextLength`);
 *   the buttons go with the last part.
 * - Button rows are flattened. Up to 5 become `oa.query.hide` buttons. With more than 5, none are sent as
 *   buttons: every one becomes a hint line "Trả lời: <payload> (<label>)" under the text, since a tap and a
 *   typed reply reach the bot the same way (as `user_send_text`).
 * - Attachments, images included, are uploaded with `/v2.0/oa/upload/file` and sent as file messages: one
 *   path, and the user gets the original bytes (a media message needs a public URL or a separate image
 *   upload). All uploads happen before the first message, so an upload failure leaves nothing half sent.
 *   A caption is sent as a text message after its file.
 * - `replaceMessageId` is not supported by Zalo: a new message is sent. `silent` is ignored.
 * - `platformMessageId` is the first message sent (the text, or the first file when the text is empty).
 * - Errors: auth -> 'auth' (so is a missing or broken stored token: the outbox then tries the officer's
 *   next chat); -230/-232/-213/-305/-311 -> 'outside-window'; -32 and HTTP 429 -> 'rate-limited' (retry
 *   after `rateLimitRetryMs`, 60 s by default); timeouts, network, 5xx -> 'transient'; -227/-244 ->
 *   'not-reachable'; anything else -> 'permanent'. If the text went out but a later file failed, the
 *   result is the file's failure and `detail` says what was already delivered. Arguments the client
 *   refuses (RangeError) are 'permanent'; any other exception (for example the database failing) is
 *   rethrown.
 */
import type {
  Channel,
  ChannelAddress,
  OutgoingButton,
  OutgoingMessage,
  SendResult,
} from '../../handlers/channel.ts';
import { ZALO_MAX_BUTTONS, ZALO_MAX_TEXT_LENGTH, type ZaloButton, type ZaloSent } from './zalo-client.ts';
import { isZaloError, ZALO_UNREACHABLE_CODES, ZaloApiError } from './zalo-errors.ts';

/** The client calls the channel needs (a {@link ZaloClient} satisfies it). */
export interface ZaloSender {
  sendText(userId: string, text: string): Promise<ZaloSent>;
  sendTextWithButtons(userId: string, text: string, buttons: readonly ZaloButton[]): Promise<ZaloSent>;
  uploadFile(bytes: Uint8Array, filename: string, mimeType?: string): Promise<string>;
  sendFile(userId: string, fileToken: string): Promise<ZaloSent>;
}

/** How long to wait after Zalo's -32 rate limit (the limit is per minute). */
export const ZALO_RATE_LIMIT_RETRY_MS = 60_000;

/** Options of a {@link ZaloChannel}. */
export interface ZaloChannelOptions {
  /** How long the outbox waits after Zalo's -32. @defaultValue {@link ZALO_RATE_LIMIT_RETRY_MS} */
  rateLimitRetryMs?: number;
}

/** The Zalo channel adapter. */
export class ZaloChannel implements Channel {
  readonly id = 'zalo' as const;
  readonly maxTextLength = ZALO_MAX_TEXT_LENGTH;
  readonly #client: ZaloSender;
  readonly #rateLimitRetryMs: number;

  constructor(client: ZaloSender, options: ZaloChannelOptions = {}) {
    this.#client = client;
    this.#rateLimitRetryMs = options.rateLimitRetryMs ?? ZALO_RATE_LIMIT_RETRY_MS;
  }

  async send(to: ChannelAddress, message: OutgoingMessage): Promise<SendResult> {
    if (to.channel !== 'zalo' || to.chatId.length === 0) {
      return { ok: false, reason: 'permanent', detail: 'not a Zalo address' };
    }
    const buttons = (message.buttons ?? []).flat();
    const useButtons = buttons.length > 0 && buttons.length <= ZALO_MAX_BUTTONS;
    const text = composeText(message.text, useButtons ? [] : buttons);
    const parts = splitText(text, ZALO_MAX_TEXT_LENGTH);
    const last = parts.pop() ?? '';
    const userId = to.chatId;
    const delivered: string[] = [];
    try {
      const files: { token: string; caption: string }[] = [];
      for (const a of message.attachments ?? []) {
        const token = await this.#client.uploadFile(Buffer.from(a.base64, 'base64'), a.filename, a.mimeType);
        files.push({ token, caption: (a.caption ?? '').normalize('NFC').trim() });
      }
      for (const part of parts) delivered.push((await this.#client.sendText(userId, part)).messageId);
      if (last.trim().length > 0) {
        const sent = useButtons
          ? await this.#client.sendTextWithButtons(userId, last, buttons)
          : await this.#client.sendText(userId, last);
        delivered.push(sent.messageId);
      }
      for (const file of files) {
        delivered.push((await this.#client.sendFile(userId, file.token)).messageId);
        if (file.caption.length > 0) {
          await this.#client.sendText(userId, file.caption.slice(0, ZALO_MAX_TEXT_LENGTH));
        }
      }
    } catch (err) {
      return failure(err, delivered, this.#rateLimitRetryMs);
    }
    const first = delivered[0];
    if (first === undefined) return { ok: false, reason: 'permanent', detail: 'nothing to send' };
    return { ok: true, platformMessageId: first };
  }
}

/** Parts of at most `max` characters, cut between lines (a longer line is cut at `max`). */
function splitText(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  const parts: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    for (let piece = line; ; piece = piece.slice(max)) {
      const head = piece.slice(0, max);
      if (current !== '' && current.length + 1 + head.length > max) {
        parts.push(current);
        current = head;
      } else current = current === '' ? head : `${current}\n${head}`;
      if (piece.length <= max) break;
    }
  }
  if (current.trim() !== '') parts.push(current);
  return parts;
}

/** The NFC text, with one hint line per button when the buttons cannot be sent as buttons. */
function composeText(text: string, hints: readonly OutgoingButton[]): string {
  const base = text.normalize('NFC');
  if (hints.length === 0) return base;
  const lines = hints.map((b) => {
    const label = b.label.trim();
    return label.length > 0 && label !== b.payload
      ? `Trả lời: ${b.payload} (${label})`
      : `Trả lời: ${b.payload}`;
  });
  return `${base}\n\n${lines.join('\n')}`.normalize('NFC');
}

function failure(err: unknown, delivered: readonly string[], rateLimitRetryMs: number): SendResult {
  const partial = delivered.length > 0 ? ` (already delivered: ${delivered.join(', ')})` : '';
  // A RangeError is a message the client refused to send (empty label, payload too long): not retryable.
  if (err instanceof RangeError)
    return { ok: false, reason: 'permanent', detail: `${err.message}${partial}` };
  if (!isZaloError(err)) throw err;
  const detail = `${err.message}${partial}`;
  if (err instanceof ZaloApiError && ZALO_UNREACHABLE_CODES.has(err.code)) {
    return { ok: false, reason: 'not-reachable', detail };
  }
  switch (err.category) {
    case 'rate-limited':
      return { ok: false, reason: 'rate-limited', retryAfterMs: rateLimitRetryMs, detail };
    case 'auth':
    case 'outside-window':
    case 'transient':
    case 'permanent':
      return { ok: false, reason: err.category, detail };
  }
}
