/**
 * Formal requests for an explanation (yêu cầu giải trình) about a task, and the lead agency's answer.
 * The digest reads these rows too.
 */
import type { ChannelId } from '../handlers/channel.ts';
import type { PrismaClient } from '../prisma/generated/client.ts';
import { type Actor, recordAudit } from './audit.ts';

/** Outbox keys of a request sent to an officer start with this, followed by the request id. */
export const EXPLANATION_KEY_PREFIX = 'explain-';

export interface OpenExplanation {
  id: number;
  taskId: number;
  code: string;
  title: string;
  lead: string[];
  requestedAt: Date;
  requestedBy: number | null;
}

export async function createExplanationRequest(
  db: PrismaClient,
  input: { taskId: number; actor: Actor; now: Date },
): Promise<number> {
  return db.$transaction(async (tx) => {
    const row = await tx.explanationRequest.create({
      data: { taskId: input.taskId, requestedBy: input.actor.id, requestedAt: input.now },
    });
    await recordAudit(tx, {
      actor: input.actor,
      action: 'explanation.request',
      targetType: 'task',
      targetId: input.taskId,
      after: { explanationRequestId: row.id },
    });
    return row.id;
  });
}

/** Unanswered requests, oldest first; `taskIds` narrows them. */
export async function openExplanations(db: PrismaClient, taskIds?: number[]): Promise<OpenExplanation[]> {
  const rows = await db.explanationRequest.findMany({
    where: { answeredAt: null, ...(taskIds ? { taskId: { in: taskIds } } : {}) },
    include: {
      task: {
        include: { agencies: { where: { role: 'lead' }, include: { agency: { select: { name: true } } } } },
      },
    },
    orderBy: { requestedAt: 'asc' },
  });
  return rows.map((r) => ({
    id: r.id,
    taskId: r.taskId,
    code: r.task.code,
    title: r.task.title,
    lead: r.task.agencies.map((a) => a.agency.name),
    requestedAt: r.requestedAt,
    requestedBy: r.requestedBy,
  }));
}

/** Records the answer on a request once; false when it was answered already. */
export async function answerExplanation(
  db: PrismaClient,
  input: { requestId: number; answer: string; officerId: number; actor: Actor; now: Date },
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const done = await tx.explanationRequest.updateMany({
      where: { id: input.requestId, answeredAt: null },
      data: { answer: input.answer, answeredBy: input.officerId, answeredAt: input.now },
    });
    if (done.count !== 1) return false;
    await recordAudit(tx, {
      actor: input.actor,
      action: 'explanation.answer',
      targetType: 'explanation_request',
      targetId: input.requestId,
      after: { answer: input.answer },
    });
    return true;
  });
}

/** The explanation request a message we sent carried, if it was one. */
export async function explanationOfSentMessage(
  db: PrismaClient,
  channel: ChannelId,
  chatId: string,
  platformMessageId: string,
): Promise<number | null> {
  const row = await db.delivery.findFirst({
    where: { channel, chatId, platformMessageId, dedupKey: { startsWith: EXPLANATION_KEY_PREFIX } },
    select: { dedupKey: true },
  });
  const id = row ? Number(row.dedupKey.slice(EXPLANATION_KEY_PREFIX.length).split('-')[0]) : Number.NaN;
  return Number.isInteger(id) ? id : null;
}
