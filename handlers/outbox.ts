/**
 * The outbox port: every outgoing message goes through it (never straight to a channel), so that it is
 * stored, rate-limited, retried, deduplicated and recorded. Implemented in jobs/outbox.
 */
import type { ChannelAddress, OutgoingMessage } from './channel.ts';

export type OutboxKind = 'reminder' | 'reply' | 'digest' | 'alert' | 'broadcast' | 'notice';

export interface OutboxItem {
  /** Deterministic key of what is sent (e.g. the reminder key, `reply-<inbound id>`): sent at most once. */
  dedupKey: string;
  kind: OutboxKind;
  /** The officer it is for, when it is for one (null for group chats). */
  officerId: number | null;
  to: ChannelAddress;
  message: OutgoingMessage;
  /** Where to try next when `to` refuses (Zalo outside its window, a chat that blocked the bot). */
  fallback?: ChannelAddress[];
  /** Do not send before this instant. */
  notBefore?: Date;
  /** What the message is about, stored with it: a reply to it is understood in that context. */
  context?: { taskIds: number[] };
}

export interface EnqueueResult {
  /** Newly stored and queued. */
  created: number;
  /** Already in the outbox under the same key: not queued again. */
  duplicates: number;
}

export interface Outbox {
  enqueue(items: readonly OutboxItem[]): Promise<EnqueueResult>;
}
