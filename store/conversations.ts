/**
 * Short-lived conversation state (a pressed button waiting for a percentage, a Confirm step), kept in
 * PostgreSQL as JSON. Whoever reads it passes the zod schema of what it stored: a row that no longer
 * matches (written by an older version, or edited by hand) reads as nothing pending.
 */
import type { z } from 'zod';
import type { ChannelId } from '../handlers/channel.ts';
import type { Prisma, PrismaClient } from '../prisma/generated/client.ts';

/** Which state: one row per chat (or per person in a group, see Turn.conversationKey) and kind. */
export interface ConversationKey {
  channel: ChannelId;
  chatId: string;
  kind: string;
}

export async function setConversation(
  db: PrismaClient,
  key: ConversationKey,
  data: Prisma.InputJsonValue,
  expiresAt: Date,
): Promise<void> {
  await db.conversation.upsert({
    where: { channel_chatId_kind: key },
    create: { ...key, data, expiresAt },
    update: { data, expiresAt },
  });
}

/** `data` read with `schema`, or null when it does not match. */
function readState<S extends z.ZodType>(schema: S, data: Prisma.JsonValue): z.infer<S> | null {
  const parsed = schema.safeParse(data);
  return parsed.success ? parsed.data : null;
}

/**
 * Returns and removes the pending state of a chat, if any, not expired and matching `schema` —
 * atomically: of two callers racing for one pending action (a Confirm pressed twice, a redelivered
 * press), exactly one gets it.
 */
export async function takeConversation<S extends z.ZodType>(
  db: PrismaClient,
  key: ConversationKey,
  now: Date,
  schema: S,
): Promise<z.infer<S> | null> {
  const rows = await db.$queryRaw<Array<{ data: Prisma.JsonValue; expires_at: Date }>>`
    DELETE FROM conversation
    WHERE channel = ${key.channel}::"ChannelKind" AND chat_id = ${key.chatId} AND kind = ${key.kind}
    RETURNING data, expires_at`;
  const row = rows[0];
  return row && row.expires_at > now ? readState(schema, row.data) : null;
}

/** Removes the pending state of a chat, whatever it holds. */
export async function dropConversation(db: PrismaClient, key: ConversationKey): Promise<void> {
  await db.conversation.deleteMany({ where: key });
}

/** The pending state of a chat, if any, not expired and matching `schema`, without removing it. */
export async function peekConversation<S extends z.ZodType>(
  db: PrismaClient,
  key: ConversationKey,
  now: Date,
  schema: S,
): Promise<z.infer<S> | null> {
  const row = await db.conversation.findUnique({ where: { channel_chatId_kind: key } });
  return row && row.expiresAt > now ? readState(schema, row.data) : null;
}
