/**
 * The raw inbound log: every platform event is stored before anything else happens, and is the queue of
 * work of the inbound handler. The unique key (channel, platformId) makes a redelivered update a no-op.
 * Rows with outcome `received` are pending: the inbound queue hands them to the handler in id order per
 * chat, retrying a failed one at `retryAt`, and marks the outcome.
 *
 * {@link toInboundRow} is the one place where what is stored of an inbound message (text, payload) is
 * decided: masking of personal data belongs there.
 */
import { maskSensitive, maskSensitiveDeep } from '../domain/reply/mask-sensitive.ts';
import type { ChannelId, IncomingMessage } from '../handlers/channel.ts';
import { Prisma, type PrismaClient } from '../prisma/generated/client.ts';
import { rawExecute, rawRows } from './direct-sql.ts';

export type InboundOutcomeValue = 'received' | 'processed' | 'rejected' | 'ignored' | 'failed';

/** What one stored inbound message holds. */
export interface InboundRow {
  channel: ChannelId;
  platformId: string;
  chatId: string;
  userId: string;
  text: string;
  payload: unknown;
  /** The normalised message without `text`, `raw` and `receivedAt` (kind, reply-to, file...). */
  message: Omit<IncomingMessage, 'text' | 'raw' | 'receivedAt'>;
  receivedAt: Date;
}

/** A stored message waiting to be handled. */
export interface PendingInbound {
  id: number;
  attempts: number;
  retryAt: Date | null;
  message: IncomingMessage;
}

/**
 * The row stored for `message`, masked as the Prisma client masks every other write
 * (store/mask-personal-data.ts): this row goes in by raw SQL, which that extension does not see, so the
 * text, the raw payload and the chat's title are masked here. Identifiers are kept as they are.
 */
export function toInboundRow(message: IncomingMessage): InboundRow {
  const { raw, text, receivedAt, ...rest } = message;
  const chatTitle = rest.chatTitle === undefined ? {} : { chatTitle: maskSensitive(rest.chatTitle).text };
  const typed = maskSensitive(text);
  const maskedOnIntake = typed.masked.length > 0 ? { maskedOnIntake: typed.masked } : {};
  return {
    channel: message.channel,
    platformId: message.platformId,
    chatId: message.chatId,
    userId: message.userId,
    text: typed.text,
    payload: maskSensitiveDeep(raw ?? {}),
    message: { ...rest, ...chatTitle, ...maskedOnIntake },
    receivedAt,
  };
}

/** A row {@link storeInbound} inserted: its id and when it was received (ms), keyed `<channel>:<platformId>`. */
export interface StoredInbound {
  id: number;
  receivedAt: number;
}

/**
 * Stores a batch of messages in ONE statement; a message already stored (same channel and platform id,
 * also twice in the batch) is skipped. Resolves once PostgreSQL committed the rows, with the rows it
 * inserted; throws when it could not, and then nothing of the batch is stored.
 */
export async function storeInbound(
  db: PrismaClient,
  rows: readonly InboundRow[],
): Promise<Map<string, StoredInbound>> {
  if (rows.length === 0) return new Map();
  const col = <T>(pick: (r: InboundRow) => T) => rows.map(pick);
  const stored = await rawRows<{ id: number; channel: ChannelId; platformId: string; receivedAt: Date }>(
    db,
    Prisma.sql`
    INSERT INTO inbound_message (channel, platform_id, chat_id, user_id, text, payload, message, received_at)
    SELECT c::"ChannelKind", p, ch, u, t, pl::jsonb, m::jsonb, r::timestamptz
    FROM unnest(${col((r) => r.channel)}::text[], ${col((r) => r.platformId)}::text[],
                ${col((r) => r.chatId)}::text[], ${col((r) => r.userId)}::text[], ${col((r) => r.text)}::text[],
                ${col((r) => JSON.stringify(r.payload))}::text[], ${col((r) => JSON.stringify(r.message))}::text[],
                ${col((r) => r.receivedAt.toISOString())}::text[])
      AS x(c, p, ch, u, t, pl, m, r)
    ON CONFLICT (channel, platform_id) DO NOTHING
    RETURNING id, channel::text AS channel, platform_id AS "platformId", received_at AS "receivedAt"`,
  );
  return new Map(
    stored.map((row) => [
      `${row.channel}:${row.platformId}`,
      { id: row.id, receivedAt: row.receivedAt.getTime() },
    ]),
  );
}

/**
 * Up to `limit` pending messages of one chat, oldest first (by id: the order they were stored in).
 */
export async function pendingInboundOfChat(
  db: PrismaClient,
  chat: { channel: ChannelId; chatId: string },
  limit: number,
): Promise<PendingInbound[]> {
  const rows = await rawRows<PendingRow>(
    db,
    Prisma.sql`
    SELECT id, attempts, retry_at AS "retryAt", channel::text AS channel, platform_id AS "platformId",
           chat_id AS "chatId", user_id AS "userId", text, payload, message, received_at AS "receivedAt"
    FROM inbound_message
    WHERE outcome = 'received' AND channel = ${chat.channel}::"ChannelKind" AND chat_id = ${chat.chatId}
    ORDER BY id
    LIMIT ${limit}::int`,
  );
  return rows.map((row) => ({
    id: row.id,
    attempts: row.attempts,
    retryAt: row.retryAt,
    message: {
      ...((row.message ?? legacyMessage(row)) as Omit<IncomingMessage, 'text' | 'raw' | 'receivedAt'>),
      text: row.text ?? '',
      raw: row.payload,
      receivedAt: row.receivedAt,
    },
  }));
}

/** A pending row as {@link pendingInboundOfChat} reads it. */
interface PendingRow {
  id: number;
  attempts: number;
  retryAt: Date | null;
  channel: ChannelId;
  platformId: string;
  chatId: string;
  userId: string;
  text: string | null;
  payload: unknown;
  message: unknown;
  receivedAt: Date;
}

/** Rows stored before the `message` column existed: a text message is all that can be rebuilt. */
function legacyMessage(row: { channel: ChannelId; platformId: string; chatId: string; userId: string }) {
  return { ...row, kind: 'text' as const, isGroup: row.chatId.startsWith('-') };
}

/** Records how handling ended for many messages in ONE statement (the inbound worker's group commit). */
export async function setInboundOutcomes(
  db: PrismaClient,
  rows: readonly { id: number; outcome: InboundOutcomeValue }[],
): Promise<void> {
  if (rows.length === 0) return;
  await rawExecute(
    db,
    Prisma.sql`
    UPDATE inbound_message m SET outcome = o.outcome::"InboundOutcome", outcome_detail = NULL, retry_at = NULL
    FROM unnest(${rows.map((r) => r.id)}::int[], ${rows.map((r) => r.outcome)}::text[]) AS o(id, outcome)
    WHERE m.id = o.id`,
  );
}

/**
 * Records a failed attempt: retried at `retryAt`, or `failed` for good when `retryAt` is null.
 */
export async function recordInboundFailure(
  db: PrismaClient,
  id: number,
  failure: { attempts: number; retryAt: Date | null; detail: string },
): Promise<void> {
  await db.inboundMessage.update({
    where: { id },
    data: {
      attempts: failure.attempts,
      retryAt: failure.retryAt,
      outcomeDetail: failure.detail.slice(0, 1000),
      ...(failure.retryAt === null ? { outcome: 'failed' as const } : {}),
    },
  });
}

/**
 * Chats with a pending message that no job seems to be handling: stored more than `olderThanMs` ago and
 * not waiting for a retry still in the future.
 */
export async function chatsWithStalledInbound(
  db: PrismaClient,
  now: Date,
  olderThanMs: number,
  limit = 1000,
): Promise<{ channel: ChannelId; chatId: string; oldestId: number }[]> {
  const before = new Date(now.getTime() - olderThanMs);
  const rows = await db.inboundMessage.groupBy({
    by: ['channel', 'chatId'],
    where: {
      outcome: 'received',
      receivedAt: { lt: before },
      OR: [{ retryAt: null }, { retryAt: { lt: before } }],
    },
    _min: { id: true },
    orderBy: { _min: { id: 'asc' } },
    take: limit,
  });
  return rows.map((r) => ({ channel: r.channel, chatId: r.chatId, oldestId: r._min.id ?? 0 }));
}

/** A stored message as `inbound list` shows it. */
export interface InboundListing {
  id: number;
  channel: ChannelId;
  platformId: string;
  chatId: string;
  userId: string;
  text: string | null;
  receivedAt: Date;
  outcome: InboundOutcomeValue;
  attempts: number;
  detail: string | null;
}

/** The latest stored messages, newest first; only the failed ones with `failed`. */
export async function listInbound(
  db: PrismaClient,
  options: { failed: boolean; limit: number },
): Promise<InboundListing[]> {
  const rows = await db.inboundMessage.findMany({
    where: options.failed ? { outcome: 'failed' } : {},
    orderBy: { id: 'desc' },
    take: options.limit,
  });
  return rows.map((r) => ({
    id: r.id,
    channel: r.channel,
    platformId: r.platformId,
    chatId: r.chatId,
    userId: r.userId,
    text: r.text,
    receivedAt: r.receivedAt,
    outcome: r.outcome,
    attempts: r.attempts,
    detail: r.outcomeDetail,
  }));
}

/**
 * Makes a failed (or still pending) message pending again with fresh attempts (the operator's `inbound
 * retry`). A message that was handled (processed, rejected, ignored) is left alone. Returns the row's chat,
 * platform id and outcome before the call, or null when there is no such message.
 */
export async function resetInboundForRetry(
  db: PrismaClient,
  id: number,
): Promise<{ channel: ChannelId; chatId: string; platformId: string; previous: InboundOutcomeValue } | null> {
  const row = await db.inboundMessage.findUnique({ where: { id } });
  if (!row) return null;
  if (row.outcome === 'failed' || row.outcome === 'received') {
    await db.inboundMessage.update({
      where: { id },
      data: { outcome: 'received', attempts: 0, retryAt: null, outcomeDetail: null },
    });
  }
  return { channel: row.channel, chatId: row.chatId, platformId: row.platformId, previous: row.outcome };
}
