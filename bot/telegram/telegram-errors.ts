/**
 * Maps what telegraf throws to the port's delivery outcomes. telegraf never retries: a 429, a 5xx or a
 * network failure reaches us as an exception, and the outbox decides what to do from the category.
 */
import { TelegramError } from 'telegraf';
import type { SendResult } from '../../handlers/channel.ts';

/** A failed {@link SendResult}. */
export type SendFailure = Extract<SendResult, { ok: false }>;

/** Removes the bot token (and anything shaped like a Bot API URL path with a token) from `text`. */
export function redactToken(text: string, token: string): string {
  let clean = text.replace(/\/(bot|user)[^/\s]*:[^/\s]*\//g, '/$1[REDACTED]/');
  if (token.length > 0) clean = clean.split(token).join('[REDACTED]');
  return clean;
}

function failure(reason: SendFailure['reason'], detail: string, retryAfterMs?: number): SendFailure {
  return retryAfterMs === undefined
    ? { ok: false, reason, detail }
    : { ok: false, reason, detail, retryAfterMs };
}

/** Telegram's answer for a chat the bot may not write to (never started, deleted): as unreachable as a block. */
const UNREACHABLE_400 = /chat not found|user not found|PEER_ID_INVALID/i;

/**
 * Classifies an error thrown by a Bot API call:
 * 429 -> rate-limited (retry_after in ms, 1 s when absent); 400 with `parameters.migrate_to_chat_id`
 * ("group chat was upgraded to a supergroup chat") -> moved, with the new chat id; 403 (blocked, kicked, deactivated) and
 * 400 "chat not found" -> not-reachable; 401 -> auth; 5xx, network errors and timeouts -> transient;
 * other 4xx -> permanent. The detail never contains the token.
 */
export function classifyTelegramError(error: unknown, token: string): SendFailure {
  if (error instanceof TelegramError) {
    const detail = redactToken(`${error.code}: ${error.description}`, token);
    const code = error.code;
    if (code === 429) return failure('rate-limited', detail, (error.parameters?.retry_after ?? 1) * 1000);
    if (code === 401) return failure('auth', detail);
    const movedTo = error.parameters?.migrate_to_chat_id;
    if (code === 400 && typeof movedTo === 'number')
      return { ok: false, reason: 'moved', detail, movedToChatId: String(movedTo) };
    if (code === 403) return failure('not-reachable', detail);
    if (code === 400 && UNREACHABLE_400.test(error.description)) return failure('not-reachable', detail);
    if (code >= 500) return failure('transient', detail);
    return failure('permanent', detail);
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return failure('transient', redactToken(message, token));
}

/** True for Telegram's 400 "message is not modified" (an edit to identical content). */
export function isNotModified(error: unknown): boolean {
  return (
    error instanceof TelegramError && error.code === 400 && /message is not modified/i.test(error.description)
  );
}

/** True when the message to edit is gone or can no longer be edited: send a new one instead. */
export function isEditImpossible(error: unknown): boolean {
  return (
    error instanceof TelegramError &&
    error.code === 400 &&
    /message to edit not found|message can't be edited|there is no text in the message to edit/i.test(
      error.description,
    )
  );
}

/**
 * True for Telegram's 400 "message thread not found": the forum topic named by `message_thread_id` was
 * deleted, or the id is not a topic (see docs/telegram.md). Sending without the thread reaches the chat.
 */
export function isThreadNotFound(error: unknown): boolean {
  return (
    error instanceof TelegramError &&
    error.code === 400 &&
    /message thread not found/i.test(error.description)
  );
}
