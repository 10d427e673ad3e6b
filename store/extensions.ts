/**
 * Deadline extensions. An approved extension moves Task.dueDate and keeps the plan's own date in
 * originalDueDate; the request, the decision and the change are recorded (DeadlineExtension, AuditLog).
 */
import { dateColumn, isoDate } from '../domain/calendar/civil-date.ts';
import type { Prisma, PrismaClient } from '../prisma/generated/client.ts';
import { type Actor, recordAudit } from './audit.ts';

const DATED = new Set(['date', 'month', 'quarter', 'half_year', 'year']);

export interface ExtensionView {
  id: number;
  taskId: number;
  taskCode: string;
  taskTitle: string;
  requestedBy: number | null;
  previousDue: string | null;
  newDue: string;
  reason: string;
  state: 'requested' | 'approved' | 'rejected';
}

async function moveDeadline(tx: Prisma.TransactionClient, taskId: number, newDue: string, actor: Actor) {
  const task = await tx.task.findUniqueOrThrow({ where: { id: taskId } });
  await tx.task.update({
    where: { id: taskId },
    data: {
      dueDate: dateColumn(newDue),
      // The plan's own date is kept; a task without one keeps what it had before the first extension.
      originalDueDate: task.originalDueDate ?? task.dueDate,
      ...(DATED.has(task.deadlineKind) ? {} : { deadlineKind: 'date' as const }),
    },
  });
  const before = { dueDate: isoDate(task.dueDate), originalDueDate: isoDate(task.originalDueDate) };
  const after = { dueDate: newDue, originalDueDate: isoDate(task.originalDueDate ?? task.dueDate) };
  await recordAudit(tx, {
    actor,
    action: 'task.extend',
    targetType: 'task',
    targetId: taskId,
    before,
    after,
  });
  return before.dueDate;
}

/** An admin's extension: approved at once. Returns the previous due date. */
export async function extendDeadline(
  db: PrismaClient,
  input: { taskId: number; newDue: string; reason: string; actor: Actor; now: Date },
): Promise<{ previousDue: string | null; extensionId: number }> {
  return db.$transaction(async (tx) => {
    const task = await tx.task.findUniqueOrThrow({ where: { id: input.taskId } });
    const ext = await tx.deadlineExtension.create({
      data: {
        taskId: input.taskId,
        requestedBy: input.actor.id,
        decidedBy: input.actor.id,
        previousDue: task.dueDate,
        newDue: dateColumn(input.newDue),
        reason: input.reason,
        state: 'approved',
        decidedAt: input.now,
      },
    });
    const previousDue = await moveDeadline(tx, input.taskId, input.newDue, input.actor);
    return { previousDue, extensionId: ext.id };
  });
}

/** An officer's request, waiting for an admin's decision. */
export async function requestExtension(
  db: PrismaClient,
  input: { taskId: number; newDue: string; reason: string; officerId: number },
): Promise<ExtensionView> {
  const task = await db.task.findUniqueOrThrow({ where: { id: input.taskId } });
  const ext = await db.deadlineExtension.create({
    data: {
      taskId: input.taskId,
      requestedBy: input.officerId,
      previousDue: task.dueDate,
      newDue: dateColumn(input.newDue),
      reason: input.reason,
    },
  });
  return toView(ext, task);
}

function toView(
  ext: {
    id: number;
    taskId: number;
    requestedBy: number | null;
    previousDue: Date | null;
    newDue: Date;
    reason: string;
    state: ExtensionView['state'];
  },
  task: { code: string; title: string },
): ExtensionView {
  return {
    id: ext.id,
    taskId: ext.taskId,
    taskCode: task.code,
    taskTitle: task.title,
    requestedBy: ext.requestedBy,
    previousDue: isoDate(ext.previousDue),
    newDue: isoDate(ext.newDue) ?? '',
    reason: ext.reason,
    state: ext.state,
  };
}

export type DecisionResult =
  | { ok: true; extension: ExtensionView }
  | { ok: false; reason: 'unknown' | 'decided'; extension?: ExtensionView };

/** Approves or rejects a request once (a second press finds it decided); approval moves the deadline. */
export async function decideExtension(
  db: PrismaClient,
  input: { extensionId: number; approve: boolean; actor: Actor; now: Date },
): Promise<DecisionResult> {
  return db.$transaction(async (tx) => {
    const ext = await tx.deadlineExtension.findUnique({
      where: { id: input.extensionId },
      include: { task: true },
    });
    if (!ext) return { ok: false, reason: 'unknown' } as const;
    const state = input.approve ? ('approved' as const) : ('rejected' as const);
    const claimed = await tx.deadlineExtension.updateMany({
      where: { id: ext.id, state: 'requested' },
      data: { state, decidedBy: input.actor.id, decidedAt: input.now },
    });
    if (claimed.count !== 1)
      return { ok: false, reason: 'decided', extension: toView(ext, ext.task) } as const;
    await recordAudit(tx, {
      actor: input.actor,
      action: `extension.${input.approve ? 'approve' : 'reject'}`,
      targetType: 'deadline_extension',
      targetId: ext.id,
      before: { state: ext.state },
      after: { state, taskId: ext.taskId, newDue: isoDate(ext.newDue) },
    });
    if (input.approve) await moveDeadline(tx, ext.taskId, isoDate(ext.newDue) ?? '', input.actor);
    return { ok: true, extension: toView({ ...ext, state }, ext.task) } as const;
  });
}
