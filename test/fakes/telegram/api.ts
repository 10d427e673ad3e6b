/** Public types of the fake Telegram Bot API server (re-exported by `../telegram-api-server.ts`). */

import type { ChatMember } from 'telegraf/types';
import type { UnreachableReason } from './check-reachable.ts';
import type { ApiEnvelope } from './errors.ts';
import type { FakeUser, InjectTextOptions, MediaInput, UpdateInput } from './inject.ts';
import type { Params } from './params.ts';

/** Options of `startFakeTelegramServer`. */
export interface FakeTelegramOptions {
  /** Bot token accepted in the URL; default `'123456:TEST'` (the bot id is the part before `:`). */
  token?: string;
  /** Sends (sendMessage/sendDocument/sendPhoto) allowed in any 1 s window before 429; `null` (default) = unlimited. */
  globalRatePerSecond?: number | null;
  /** Sends to one chat allowed in any 1 s window; `null` (default) = unlimited; Telegram advises 1. */
  perChatPerSecond?: number | null;
  /** Sends to one group (negative chat id) allowed in any 60 s window; Telegram advises 20; default `null`. */
  groupPerMinute?: number | null;
  /** `retry_after` of rate-limit 429s; default: seconds until the window frees (at least 1). */
  retryAfterSeconds?: number;
  /** Username returned by getMe; default `'test_bot'`. */
  botUsername?: string;
  /** Answer 400 "chat not found" for chats never seen in an injected update, as Telegram does; default false. */
  requireKnownChat?: boolean;
  /** Pause between automatic webhook delivery attempts; default 200 ms (5 attempts, then the update is dropped). */
  webhookRetryDelayMs?: number;
}

/** One request the fake answered. */
export interface RecordedCall {
  /** Canonical method name (`sendMessage`), or the raw path segment when unknown. */
  readonly method: string;
  /** JSON body fields, form fields, or multipart fields with files as `UploadedFile`. */
  readonly params: Params;
  /** When the request arrived (ms since epoch). */
  readonly at: number;
  /** HTTP status answered; 0 when the client went away before the answer (e.g. an aborted long poll). */
  readonly status: number;
  /** The envelope sent back. */
  readonly response: ApiEnvelope;
  /** `result` of a successful call. */
  readonly result?: unknown;
  /** `webhook-reply` for a method the bot returned in its webhook HTTP answer. */
  readonly via: 'http' | 'webhook-reply';
}

/** A scripted failure for {@link FakeTelegram.failNext}; `delayMs` only delays the normal answer. */
export type ScriptedFailure =
  | { status: 429; retryAfter: number }
  | { status: 500 }
  | { status: 400 | 403; description: string }
  | { delayMs: number };

/** Handle on a running fake server. */
export interface FakeTelegram {
  /** `http://127.0.0.1:PORT`, for telegraf's `telegram.apiRoot`. */
  readonly apiRoot: string;
  readonly token: string;
  /** Every answered request, in answer order (live array, emptied by `reset`). */
  readonly calls: RecordedCall[];
  /** Number of 429 answers (rate limits and scripted). */
  readonly http429Count: number;
  /** Successful sendMessage/sendDocument/sendPhoto/editMessageText calls, optionally for one chat. */
  sent(chatId?: number | string): RecordedCall[];
  /** Queues an update (webhook delivery when a webhook is set); returns its `update_id`. */
  injectUpdate(update: UpdateInput): number;
  /** A user writes `text` (bot_command entities added); returns the `update_id`. */
  injectText(from: FakeUser, text: string, opts?: InjectTextOptions): number;
  /** A user presses a button with `data` on message `messageId`; returns the `update_id`. */
  injectCallback(from: FakeUser, data: string, messageId: number, chatId?: number): number;
  /** A photo, video or voice note (optionally captioned), a sticker, a location or a contact; returns the `update_id`. */
  injectMedia(from: FakeUser, media: MediaInput, opts?: InjectTextOptions): number;
  /** The user edits message `messageId` of the chat (default: their private chat): an `edited_message` update. */
  injectEdit(from: FakeUser, messageId: number, newText: string, chatId?: number): number;
  /** A document the user sends (served back by getFile and the file download URL). */
  injectDocument(
    from: FakeUser,
    document: {
      fileName: string;
      bytes: Buffer;
      mimeType?: string;
      caption?: string;
      /** The size Telegram reports (getFile, the update) if not the bytes' length: a file too big to send in a test. */
      size?: number;
      /** Leave `file_size` out of the update (clients do not always send it); getFile still has it. */
      omitSizeInUpdate?: boolean;
    },
    opts?: InjectTextOptions,
  ): number;
  /** The next `n` calls (of `opts.method`, else of any method except getUpdates) fail or are delayed. */
  failNext(n: number, kind: ScriptedFailure, opts?: { method?: string }): void;
  /** Sends to this chat answer 403 "bot was blocked by the user" until unblocked. */
  blockChat(chatId: number, blocked?: boolean): void;
  /**
   * From now on sends to this chat answer as the real Bot API does for `reason` (403 blocked, kicked,
   * deactivated, can't initiate; 400 chat not found); `null` makes it reachable again.
   */
  setUnreachable(chatId: number, reason: UnreachableReason | null): void;
  /**
   * `from` creates a forum topic in supergroup `chatId` (the chat becomes a forum); returns its
   * `message_thread_id`. Sends with that thread id succeed until {@link deleteForumTopic}.
   */
  createForumTopic(from: FakeUser, chatId: number, name: string): number;
  /** The topic is deleted: sends with its thread id answer 400 "message thread not found". */
  deleteForumTopic(chatId: number, threadId: number): void;
  /** `from` changes the bot's status in `chatId` (`my_chat_member`); returns the `update_id`. */
  injectMyChatMember(
    from: FakeUser,
    chatId: number,
    before: ChatMember['status'],
    after: ChatMember['status'],
  ): number;
  /**
   * Upgrades a group to a supergroup: sends to `groupId` answer 400 with `migrate_to_chat_id`; with
   * `announce` (default) the two migration service messages are queued as updates. Returns their ids.
   */
  upgradeToSupergroup(
    from: FakeUser,
    groupId: number,
    supergroupId: number,
    opts?: { announce?: boolean },
  ): number[];
  /** Resolves with the first recorded call (past or future) matching `predicate`; rejects after `timeoutMs`. */
  waitFor(predicate: (call: RecordedCall) => boolean, timeoutMs?: number): Promise<RecordedCall>;
  /** Forgets calls, counters, failures, chats, updates, commands and the webhook; update ids keep increasing. */
  reset(): void;
  /** Answers pending long polls with `[]`, stops webhook delivery, closes every connection and the server. */
  close(): Promise<void>;
}
