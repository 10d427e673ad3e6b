import type { BotCommand, User } from 'telegraf/types';
import { ChatStore } from './chats.ts';
import type { Params, UploadedFile } from './params.ts';
import { SlidingWindowLimiter } from './rate-limiter.ts';
import { UpdateQueue } from './updates.ts';
import { type WebhookAnswer, WebhookDelivery } from './webhook.ts';

/** Options of the fake server after defaults. */
export interface ResolvedOptions {
  readonly token: string;
  readonly botUsername: string;
  readonly globalRatePerSecond: number | null;
  readonly perChatPerSecond: number | null;
  readonly groupPerMinute: number | null;
  readonly retryAfterSeconds: number | undefined;
  readonly requireKnownChat: boolean;
  readonly webhookRetryDelayMs: number;
}

/** A file the fake has accepted, addressable again by its file_id. */
export interface StoredFile {
  readonly fileId: string;
  readonly fileUniqueId: string;
  readonly upload: UploadedFile | undefined;
}

/** Successful method result, optionally with Telegram's `description` (e.g. "Webhook was set"). */
export interface Answer {
  readonly result: unknown;
  readonly description?: string;
}

/** Why the bot cannot write to a chat. */
export type UnreachableReason =
  | 'blocked'
  | 'kicked-group'
  | 'kicked-supergroup'
  | 'deactivated'
  | 'cant-initiate'
  | 'chat-not-found';

/** Everything a method handler may read or change. */
export interface FakeState {
  readonly options: ResolvedOptions;
  readonly bot: User;
  readonly chats: ChatStore;
  readonly updates: UpdateQueue;
  readonly webhook: WebhookDelivery;
  /** callback_query ids delivered and whether they were answered. */
  readonly callbackQueries: Map<string, { answered: boolean }>;
  readonly files: Map<string, StoredFile>;
  /** Commands per `scope|language_code` key. */
  readonly commands: Map<string, BotCommand[]>;
  /** Chats that "blocked the bot": sends answer 403. */
  readonly blockedChats: Set<number>;
  /** Chats the bot cannot write to, and why (see reachability.ts). */
  readonly unreachableChats: Map<number, UnreachableReason>;
  /** Groups upgraded to supergroups: old id -> new id. */
  readonly migratedChats: Map<number, number>;
  /** Open forum topics per supergroup: chat id -> their message_thread_ids (each its root message id). */
  readonly forumTopics: Map<number, Set<number>>;
  readonly limits: {
    readonly global: SlidingWindowLimiter | undefined;
    readonly perChat: SlidingWindowLimiter | undefined;
    readonly group: SlidingWindowLimiter | undefined;
  };
  sequence: number;
}

/** One method call as a handler sees it. */
export interface MethodCall {
  readonly params: Params;
  readonly state: FakeState;
  /** Aborted when the client disconnects or the server closes. */
  readonly signal: AbortSignal;
}

/** A Bot API method of the fake. */
export type MethodHandler = (call: MethodCall) => Answer | Promise<Answer>;

/** Builds fresh state; `onWebhookReply` runs a method returned in a webhook answer. */
export function createState(
  options: ResolvedOptions,
  onWebhookReply: (answer: WebhookAnswer) => Promise<void>,
): FakeState {
  const updates = new UpdateQueue(100_000_001);
  const limiter = (limit: number | null, windowMs: number) =>
    limit === null ? undefined : new SlidingWindowLimiter(limit, windowMs);
  return {
    options,
    bot: {
      id: Number(options.token.split(':')[0]) || 123456,
      is_bot: true,
      first_name: 'Test Bot',
      username: options.botUsername,
    },
    chats: new ChatStore(),
    updates,
    webhook: new WebhookDelivery(
      updates,
      { retryDelayMs: options.webhookRetryDelayMs, maxAttempts: 5, timeoutMs: 60_000 },
      onWebhookReply,
    ),
    callbackQueries: new Map(),
    files: new Map(),
    commands: new Map(),
    blockedChats: new Set(),
    unreachableChats: new Map(),
    migratedChats: new Map(),
    forumTopics: new Map(),
    limits: {
      global: limiter(options.globalRatePerSecond, 1000),
      perChat: limiter(options.perChatPerSecond, 1000),
      group: limiter(options.groupPerMinute, 60_000),
    },
    sequence: 0,
  };
}

/** A wrapper for handlers: `{ result }`. */
export function ok(result: unknown, description?: string): Answer {
  return description === undefined ? { result } : { result, description };
}
