/** Short-lived conversation state (a pressed button waiting for a percentage), kept in PostgreSQL. */
import type { ChannelId } from '../handlers/channel.ts';
import type { Prisma, PrismaClient } from '../prisma/generated/client.ts';

export async function setConversation(
  db: PrismaClient,
  key: { channel: ChannelId; chatId: string; kind: string },
  data: Prisma.InputJsonValue,
  expiresAt: Date,
): Promise<void> {
  await db.conversation.upsert({
    where: { channel_chatId_kind: key },
    create: { ...key, data, expiresAt },
    update: { data, expiresAt },
  });
}

/**
 * Returns and removes the pending state of a chat, if any and not expired — atomically: of two callers
 * racing for one pending action (a Confirm pressed twice, a redelivered press), exactly one gets it.
 */
export async function takeConversation(
  db: PrismaClient,
  key: { channel: ChannelId; chatId: string; kind: string },
  now: Date,
): Promise<Prisma.JsonValue | null> {
  const rows = await db.$queryRaw<Array<{ data: Prisma.JsonValue; expires_at: Date }>>`
    DELETE FROM conversation
    WHERE channel = ${key.channel}::"ChannelKind" AND chat_id = ${key.chatId} AND kind = ${key.kind}
    RETURNING data, expires_at`;
  const row = rows[0];
  return row && row.expires_at > now ? row.data : null;
}

export async function peekConversation(
  db: PrismaClient,
  key: { channel: ChannelId; chatId: string; kind: string },
  now: Date,
): Promise<Prisma.JsonValue | null> {
  const row = await db.conversation.findUnique({ where: { channel_chatId_kind: key } });
  return row && row.expiresAt > now ? row.data : null;
}
