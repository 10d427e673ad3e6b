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
