/**
 * Tasks and plans as the secretariat administers them: finding a task by code (across plans), pausing
 * and resuming plans, tasks and officers, the overdue list, and reassigning lead/support agencies.
 * Every change writes an audit row in the same transaction.
 */
import { isoDate } from '../domain/calendar/civil-date.ts';
import { DONE_STATUSES } from '../domain/reply/report-status.ts';
import type { PrismaClient } from '../prisma/generated/client.ts';
import { type Actor, recordAudit } from './audit.ts';

export interface AdminTask {
  id: number;
  planId: number;
  code: string;
  title: string;
  dueDate: string | null;
  originalDueDate: string | null;
  deadlineKind: string;
  deadlineRaw: string;
  paused: boolean;
}

/** Tasks (not removed) with this code, newest plan first; `planId` narrows to one plan. */
export async function findTasksByCode(db: PrismaClient, code: string, planId?: number): Promise<AdminTask[]> {
  const clean = code.replace(/^(#|nv)/iu, '').replace(/^0+(?=\d)/u, '');
  const rows = await db.task.findMany({
    where: { removedAt: null, code: clean, ...(planId !== undefined ? { planId } : {}) },
    orderBy: { planId: 'desc' },
  });
  return rows.map((r) => ({
    id: r.id,
    planId: r.planId,
    code: r.code,
    title: r.title,
    dueDate: isoDate(r.dueDate),
    originalDueDate: isoDate(r.originalDueDate),
    deadlineKind: r.deadlineKind,
    deadlineRaw: r.deadlineRaw,
    paused: r.paused,
  }));
}

export type PauseTarget =
  | { kind: 'plan'; id: number }
  | { kind: 'task'; id: number }
  | { kind: 'officer'; id: number };

/** Sets the paused flag; returns the target's label, or null when it does not exist. */
export async function setPaused(
  db: PrismaClient,
  target: PauseTarget,
  paused: boolean,
  actor: Actor,
): Promise<{ label: string; changed: boolean } | null> {
  return db.$transaction(async (tx) => {
    let before: { paused: boolean; label: string } | null = null;
    if (target.kind === 'plan') {
      const row = await tx.plan.findUnique({ where: { id: target.id } });
      if (row) before = { paused: row.paused, label: row.title };
      if (row) await tx.plan.update({ where: { id: target.id }, data: { paused } });
    } else if (target.kind === 'task') {
      const row = await tx.task.findUnique({ where: { id: target.id } });
      if (row) before = { paused: row.paused, label: `#${row.code}` };
      if (row) await tx.task.update({ where: { id: target.id }, data: { paused } });
    } else {
      const row = await tx.officer.findUnique({ where: { id: target.id } });
      if (row) before = { paused: row.paused, label: row.name };
      if (row) await tx.officer.update({ where: { id: target.id }, data: { paused } });
    }
    if (!before) return null;
    await recordAudit(tx, {
      actor,
      action: `${target.kind}.${paused ? 'pause' : 'resume'}`,
      targetType: target.kind,
      targetId: target.id,
      before: { paused: before.paused },
      after: { paused },
    });
    return { label: before.label, changed: before.paused !== paused };
  });
}

export interface OverdueTask {
  id: number;
  code: string;
  title: string;
  due: string;
  status: string;
  progress: number | null;
  lead: string[];
}

/** Open tasks of running plans whose dated deadline is before `today` (YYYY-MM-DD), oldest first. */
export async function overdueTasks(db: PrismaClient, today: string): Promise<OverdueTask[]> {
  const rows = await db.task.findMany({
    where: {
      removedAt: null,
      paused: false,
      plan: { paused: false },
      status: { notIn: [...DONE_STATUSES] },
      deadlineKind: { in: ['date', 'month', 'quarter', 'half_year', 'year'] },
      dueDate: { lt: new Date(`${today}T00:00:00.000Z`) },
    },
    include: { agencies: { where: { role: 'lead' }, include: { agency: { select: { name: true } } } } },
    orderBy: [{ dueDate: 'asc' }, { planId: 'asc' }, { position: 'asc' }],
  });
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    title: r.title,
    due: isoDate(r.dueDate) ?? today,
    status: r.status,
    progress: r.progress,
    lead: r.agencies.map((a) => a.agency.name),
  }));
}

/** Replaces a task's lead agencies (and its support agencies when `supportIds` is given). */
export async function assignAgencies(
  db: PrismaClient,
  taskId: number,
  leadIds: number[],
  supportIds: number[] | null,
  actor: Actor,
): Promise<{ lead: string[]; support: string[] }> {
  return db.$transaction(async (tx) => {
    const names = async () => {
      const rows = await tx.taskAgency.findMany({ where: { taskId }, include: { agency: true } });
      const of = (role: string) => rows.filter((r) => r.role === role).map((r) => r.agency.name);
      return { lead: of('lead'), support: of('support') };
    };
    const before = await names();
    const roles = supportIds === null ? (['lead'] as const) : (['lead', 'support'] as const);
    await tx.taskAgency.deleteMany({ where: { taskId, role: { in: [...roles] } } });
    const rows = [
      ...leadIds.map((agencyId) => ({ taskId, agencyId, role: 'lead' as const })),
      ...(supportIds ?? []).map((agencyId) => ({ taskId, agencyId, role: 'support' as const })),
    ];
    await tx.taskAgency.createMany({ data: rows, skipDuplicates: true });
    const after = await names();
    await recordAudit(tx, {
      actor,
      action: 'task.assign',
      targetType: 'task',
      targetId: taskId,
      before,
      after,
    });
    return after;
  });
}

/** A plan by id, or the newest plan when no id is given. */
export async function findPlan(db: PrismaClient, id?: number): Promise<{ id: number; title: string } | null> {
  return db.plan.findFirst({
    where: id === undefined ? {} : { id },
    orderBy: { id: 'desc' },
    select: { id: true, title: true },
  });
}
