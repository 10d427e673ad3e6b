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

/** An officer whose Zalo chat refuses messages and who has no other chat to fall back on. */
export interface UnreachableZaloOfficer {
  identityId: number;
  officerId: number;
  name: string;
  agencyName: string;
  unreachableSince: Date;
}

/**
 * Active officers whose Zalo chat is marked unreachable (the outbox found it outside the 7-day window, or
 * the officer unfollowed the OA) and who have no reachable chat on any of `fallbackChannels`, and whose
 * admins were not told yet about this episode (`adminsToldAt` is reset when the officer writes again).
 */
export async function unreachableZaloOfficers(
  db: PrismaClient,
  fallbackChannels: readonly ChannelId[],
): Promise<UnreachableZaloOfficer[]> {
  const rows = await db.channelIdentity.findMany({
    where: {
      channel: 'zalo',
      purpose: 'officer',
      unreachableSince: { not: null },
      adminsToldAt: null,
      officer: {
        active: true,
        identities: { none: { channel: { in: [...fallbackChannels] }, unreachableSince: null } },
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
