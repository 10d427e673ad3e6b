/**
 * The inbound reconciler: queues a job for every chat with a pending message that no job is handling (its
 * job was lost with Redis, or queuing failed after the message was stored). Harmless when a job exists:
 * the chat lock lets one job at a time drain the chat.
 */
import type { Queue } from 'bullmq';
import type { PrismaClient } from '../../prisma/generated/client.ts';
import { chatsWithStalledInbound } from '../../store/inbound.ts';
import { INBOUND_JOB_NAME, type InboundJobData } from '../catalog.ts';

/** Queues the chats whose pending messages are older than `olderThanMs`; returns how many. */
export async function reconcileInbound(deps: {
  db: PrismaClient;
  queue: Queue<InboundJobData>;
  now: Date;
  olderThanMs: number;
}): Promise<number> {
  const chats = await chatsWithStalledInbound(deps.db, deps.now, deps.olderThanMs);
  if (chats.length === 0) return 0;
  const bucket = Math.floor(deps.now.getTime() / deps.olderThanMs);
  await deps.queue.addBulk(
    chats.map((chat) => ({
      name: INBOUND_JOB_NAME,
      data: { channel: chat.channel, chatId: chat.chatId },
      opts: { jobId: `sweep-${chat.channel}-${chat.chatId.replaceAll(':', '_')}-${bucket}` },
    })),
  );
  return chats.length;
}
