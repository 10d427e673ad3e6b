/**
 * Writing an imported plan: one transaction, idempotent (the same file changes nothing), a revised file
 * updates tasks by code and reports what changed. Tasks dropped from the file are marked removed, not
 * deleted, so their history stays.
 */

import { dateColumn, isoDate } from '../domain/calendar/civil-date.ts';
import type { PlanPreview, PreviewTask } from '../domain/plan/build-plan-preview.ts';
import type { Prisma, PrismaClient } from '../prisma/generated/client.ts';
import { storeDiscoveredAgencies, syncBuiltinAgencies } from './agencies.ts';

export interface ImportChanges {
  planId: number;
  planKey: string;
  created: boolean;
  unchanged: boolean;
  added: string[];
  updated: Array<{ code: string; fields: string[] }>;
  removed: string[];
  restored: string[];
}

export interface ImportSource {
  hash: string;
  name: string;
}

function taskFields(task: PreviewTask) {
  return {
    title: task.title,
    objective: task.objective,
    expectedOutput: task.output,
    leadRaw: task.leadRaw,
    supportRaw: task.supportRaw,
    collective: task.collective,
    leadCollective: task.leadCollectives.map((c) => c.label),
    needsAssignment: task.needsAssignment,
    deadlineRaw: task.deadline.raw,
  };
}

function deadlineFields(task: PreviewTask) {
  const due = dateColumn(task.deadline.due);
  return {
    deadlineKind: task.deadline.kind,
    dueDate: due,
    originalDueDate: due,
    startDate: dateColumn(task.deadline.start),
    recurring: task.deadline.recurring,
  };
}

type Tx = Prisma.TransactionClient;
type ExistingTask = Prisma.TaskGetPayload<{ include: { agencies: true } }>;

/** What one import writes with: the plan's row id, its groups' ids and the directory's agency ids by key. */
interface ImportTarget {
  planId: number;
  groupIds: Map<string, number>;
  agencyIds: Map<string, number>;
}

/** Creates or updates the plan row from the document's metadata and the file it came from. */
async function upsertPlanRow(tx: Tx, preview: PlanPreview, source: ImportSource) {
  const planData = {
    title: preview.plan.title,
    documentNumber: preview.plan.documentNumber,
    issuingBody: preview.plan.issuingBody,
    issueDate: dateColumn(preview.plan.issueDate),
    province: preview.plan.province,
    sourceName: source.name,
    sourceHash: source.hash,
  };
  return tx.plan.upsert({
    where: { key: preview.plan.key },
    create: { key: preview.plan.key, ...planData },
    update: planData,
  });
}

/** Creates or updates the plan's groups in the file's order; returns their ids by code. */
async function upsertGroups(tx: Tx, planId: number, preview: PlanPreview): Promise<Map<string, number>> {
  const groupIds = new Map<string, number>();
  for (const [position, group] of preview.groups.entries()) {
    const row = await tx.taskGroup.upsert({
      where: { planId_code: { planId, code: group.code } },
      create: { planId, code: group.code, title: group.title, position },
      update: { title: group.title, position },
    });
    groupIds.set(group.code, row.id);
  }
  return groupIds;
}

/** A task of the file the plan did not have: created. */
async function addTask(tx: Tx, target: ImportTarget, task: PreviewTask, position: number): Promise<number> {
  const groupId = task.group ? (target.groupIds.get(task.group) ?? null) : null;
  const created = await tx.task.create({
    data: {
      planId: target.planId,
      code: task.ref,
      position,
      groupId,
      ...taskFields(task),
      ...deadlineFields(task),
    },
  });
  return created.id;
}

/**
 * A task the plan had: updated where the file differs, restored when it had been removed. A re-import
 * keeps an approved extension unless the plan itself changed the deadline. Records what changed.
 */
async function reviseTask(
  tx: Tx,
  target: ImportTarget,
  before: ExistingTask,
  task: PreviewTask,
  position: number,
  changes: ImportChanges,
): Promise<void> {
  const groupId = task.group ? (target.groupIds.get(task.group) ?? null) : null;
  const fields = taskFields(task);
  const changed = (Object.keys(fields) as Array<keyof typeof fields>).filter(
    (k) => JSON.stringify(before[k]) !== JSON.stringify(fields[k]),
  );
  const deadlineChanged =
    before.deadlineRaw !== task.deadline.raw || isoDate(before.originalDueDate) !== task.deadline.due;
  const data: Prisma.TaskUpdateInput = {
    ...fields,
    position,
    group: groupId ? { connect: { id: groupId } } : { disconnect: true },
  };
  if (deadlineChanged) Object.assign(data, deadlineFields(task));
  if (before.removedAt) {
    data.removedAt = null;
    changes.restored.push(task.ref);
  }
  const moved = before.position !== position || before.groupId !== groupId;
  if (changed.length > 0 || deadlineChanged || moved || before.removedAt) {
    await tx.task.update({ where: { id: before.id }, data });
  }
  const all = [
    ...changed.filter((f) => f !== 'deadlineRaw'),
    ...(deadlineChanged ? ['deadline'] : []),
    ...agencyChanges(before.agencies, task, target.agencyIds),
  ];
  if (all.length > 0 && !before.removedAt) changes.updated.push({ code: task.ref, fields: all });
}

/** Marks removed (not deleted) the plan's tasks the file no longer holds. */
async function removeDroppedTasks(
  tx: Tx,
  preview: PlanPreview,
  existing: ReadonlyMap<string, ExistingTask>,
  changes: ImportChanges,
): Promise<void> {
  const keep = new Set(preview.tasks.map((t) => t.ref));
  const gone = [...existing.values()].filter((t) => !keep.has(t.code) && !t.removedAt);
  if (gone.length === 0) return;
  await tx.task.updateMany({ where: { id: { in: gone.map((t) => t.id) } }, data: { removedAt: new Date() } });
  changes.removed.push(...gone.map((t) => t.code));
}

/** Writes a previewed plan in one transaction and reports what changed (nothing when the file is the same). */
export async function applyPlanImport(
  db: PrismaClient,
  preview: PlanPreview,
  source: ImportSource,
): Promise<ImportChanges> {
  return db.$transaction(
    async (tx) => {
      const existingPlan = await tx.plan.findUnique({ where: { key: preview.plan.key } });
      if (existingPlan && existingPlan.sourceHash === source.hash) {
        return emptyChanges(existingPlan.id, preview.plan.key, false, true);
      }
      await syncBuiltinAgencies(tx);
      await storeDiscoveredAgencies(tx, preview.discoveredAgencies);
      const agencyIds = new Map(
        (await tx.agency.findMany({ select: { id: true, key: true } })).map((a) => [a.key, a.id]),
      );
      const plan = await upsertPlanRow(tx, preview, source);
      const changes = emptyChanges(plan.id, plan.key, !existingPlan, false);
      const target: ImportTarget = {
        planId: plan.id,
        groupIds: await upsertGroups(tx, plan.id, preview),
        agencyIds,
      };
      const tasks = await tx.task.findMany({ where: { planId: plan.id }, include: { agencies: true } });
      const existing = new Map(tasks.map((t) => [t.code, t]));
      for (const [position, task] of preview.tasks.entries()) {
        const before = existing.get(task.ref);
        if (before) await reviseTask(tx, target, before, task, position, changes);
        else changes.added.push(task.ref);
        await replaceAssignments(
          tx,
          before?.id ?? (await addTask(tx, target, task, position)),
          task,
          agencyIds,
        );
      }
      await removeDroppedTasks(tx, preview, existing, changes);
      return changes;
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}

/**
 * The task's agency rows: its named lead and support agencies, and the members of an expandable
 * collective lead (role 'lead', `viaCollective` naming the collective), so that reminders reach them.
 */
function desiredAssignments(task: PreviewTask, agencyIds: Map<string, number>) {
  const rows: Array<{ agencyId: number; role: 'lead' | 'support'; viaCollective: string | null }> = [];
  for (const key of task.leadKeys) {
    const id = agencyIds.get(key);
    if (id !== undefined) rows.push({ agencyId: id, role: 'lead', viaCollective: null });
  }
  for (const collective of task.leadCollectives) {
    for (const key of collective.memberKeys) {
      const id = agencyIds.get(key);
      if (id !== undefined && !rows.some((r) => r.agencyId === id && r.role === 'lead')) {
        rows.push({ agencyId: id, role: 'lead', viaCollective: collective.label });
      }
    }
  }
  for (const key of task.supportKeys) {
    const id = agencyIds.get(key);
    if (id !== undefined) rows.push({ agencyId: id, role: 'support', viaCollective: null });
  }
  return rows;
}

function agencyChanges(
  before: Array<{ agencyId: number; role: string }>,
  task: PreviewTask,
  agencyIds: Map<string, number>,
): string[] {
  const want = desiredAssignments(task, agencyIds);
  const sig = (rows: Array<{ agencyId: number; role: string }>, role: string) =>
    rows
      .filter((r) => r.role === role)
      .map((r) => r.agencyId)
      .sort()
      .join(',');
  return ['lead', 'support'].filter((role) => sig(before, role) !== sig(want, role));
}

async function replaceAssignments(
  tx: Prisma.TransactionClient,
  taskId: number,
  task: PreviewTask,
  agencyIds: Map<string, number>,
): Promise<void> {
  const want = desiredAssignments(task, agencyIds);
  await tx.taskAgency.deleteMany({
    where: {
      taskId,
      NOT: want.length > 0 ? { OR: want.map((w) => ({ agencyId: w.agencyId, role: w.role })) } : undefined,
    },
  });
  if (want.length > 0) {
    await tx.taskAgency.createMany({ data: want.map((w) => ({ taskId, ...w })), skipDuplicates: true });
  }
}

function emptyChanges(planId: number, planKey: string, created: boolean, unchanged: boolean): ImportChanges {
  return { planId, planKey, created, unchanged, added: [], updated: [], removed: [], restored: [] };
}
