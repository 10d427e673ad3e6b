/** The chats an officer can be reached on. */
import type { ChannelId } from '../handlers/channel.ts';
import type { PrismaClient } from '../prisma/generated/client.ts';

export interface OfficerChat {
  channel: ChannelId;
  chatId: string;
  lastInteractionAt: Date | null;
  unreachableSince: Date | null;
}

export async function officerChats(db: PrismaClient, officerId: number): Promise<OfficerChat[]> {
  return db.channelIdentity.findMany({
    where: { officerId, purpose: 'officer' },
    select: { channel: true, chatId: true, lastInteractionAt: true, unreachableSince: true },
  });
}

/** Chats that receive committee digests: committee members' and admins' private chats and linked groups. */
export async function digestChats(
  db: PrismaClient,
): Promise<Array<{ channel: ChannelId; chatId: string; officerId: number | null }>> {
  const rows = await db.channelIdentity.findMany({
    where: {
      OR: [{ purpose: 'digest_group' }, { officer: { role: { in: ['committee', 'admin'] }, active: true } }],
    },
    select: { channel: true, chatId: true, officerId: true },
  });
  return rows;
}

/** Active admins who have at least one linked private chat (any channel), with their language. */
export async function linkedAdmins(db: PrismaClient): Promise<Array<{ id: number; locale: 'vi' | 'en' }>> {
  return db.officer.findMany({
    where: { role: 'admin', active: true, identities: { some: { purpose: 'officer' } } },
    select: { id: true, locale: true },
    orderBy: { id: 'asc' },
  });
}

/** An officer's chat that refuses messages, whose admins were not told yet about this episode. */
export interface UnreachableOfficerChat {
  identityId: number;
  officerId: number;
  channel: ChannelId;
  name: string;
  agencyName: string;
  unreachableSince: Date;
}

/**
 * Active officers' chats on `channel` marked unreachable (Zalo: outside the 7-day window or unfollowed;
 * Telegram: blocked, kicked, deactivated, chat not found) whose admins were not told yet about this
 * episode (`adminsToldAt` is reset when the officer writes again). With `withoutFallbackOn`, only officers
 * who have no reachable chat on any of those channels.
 */
export async function unreachableOfficerChats(
  db: PrismaClient,
  channel: ChannelId,
  withoutFallbackOn?: readonly ChannelId[],
): Promise<UnreachableOfficerChat[]> {
  const rows = await db.channelIdentity.findMany({
    where: {
      channel,
      purpose: 'officer',
      unreachableSince: { not: null },
      adminsToldAt: null,
      officer: {
        active: true,
        ...(withoutFallbackOn
          ? { identities: { none: { channel: { in: [...withoutFallbackOn] }, unreachableSince: null } } }
          : {}),
      },
    },
    select: {
      id: true,
      unreachableSince: true,
      officer: { select: { id: true, name: true, agency: { select: { name: true } } } },
    },
    orderBy: { id: 'asc' },
  });
  return rows.flatMap((row) =>
    row.officer && row.unreachableSince
      ? [
          {
            identityId: row.id,
            officerId: row.officer.id,
            channel,
            name: row.officer.name,
            agencyName: row.officer.agency.name,
            unreachableSince: row.unreachableSince,
          },
        ]
      : [],
  );
}

/** Records that the admins were told about this chat's current unreachable episode. */
export async function markAdminsTold(db: PrismaClient, identityId: number, at: Date): Promise<void> {
  await db.channelIdentity.updateMany({
    where: { id: identityId, adminsToldAt: null },
    data: { adminsToldAt: at },
  });
}

/**
 * Moves a chat to its new id (a Telegram group upgraded to a supergroup): its ChannelIdentity and every
 * open delivery addressed to the old id follow. Idempotent: a second call (the error and both service
 * messages report the same move) changes nothing. When a chat already exists under the new id, the old
 * row is dropped and the new one kept. Returns whether the identity moved.
 */
export async function moveChat(
  db: PrismaClient,
  channel: ChannelId,
  fromChatId: string,
  toChatId: string,
): Promise<boolean> {
  if (fromChatId === toChatId) return false;
  return await db.$transaction(async (tx) => {
    const taken = await tx.channelIdentity.findUnique({
      where: { channel_chatId: { channel, chatId: toChatId } },
      select: { id: true },
    });
    const moved = taken
      ? (await tx.channelIdentity.deleteMany({ where: { channel, chatId: fromChatId } })).count > 0
      : (
          await tx.channelIdentity.updateMany({
            where: { channel, chatId: fromChatId },
            data: { chatId: toChatId, unreachableSince: null, adminsToldAt: null },
          })
        ).count > 0;
    await tx.delivery.updateMany({
      where: { channel, chatId: fromChatId, state: { in: ['pending', 'sending'] } },
      data: { chatId: toChatId },
    });
    return moved;
  });
}
