/** What a message we sent was about: a reply to it, or a button under it, is read in that context. */
import type { ChannelId } from '../handlers/channel.ts';
import type { PrismaClient } from '../prisma/generated/client.ts';

export async function taskIdsOfSentMessage(
  db: PrismaClient,
  channel: ChannelId,
  chatId: string,
  platformMessageId: string,
): Promise<number[]> {
  const row = await db.delivery.findFirst({
    where: { channel, chatId, platformMessageId },
    select: { payload: true },
    orderBy: { id: 'desc' },
  });
  const context = (row?.payload as { context?: { taskIds?: unknown } } | null)?.context;
  return Array.isArray(context?.taskIds)
    ? context.taskIds.filter((x): x is number => typeof x === 'number')
    : [];
}
