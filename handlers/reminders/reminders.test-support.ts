/**
 * Test data for the reminder tests: a small synthetic plan written straight into a test database
 * (dates in 2025), officers with or without a Telegram chat, and the official 2025 work calendar.
 */

import { dateColumn } from '../../domain/calendar/civil-date.ts';
import type { WorkCalendarConfig } from '../../domain/calendar/working-time.ts';
import { DEFAULT_WORK_CALENDAR, vnInstant } from '../../domain/calendar/working-time.ts';
import type { DeadlineKind } from '../../domain/deadline/deadline.ts';
import type { ReportStatus } from '../../domain/reply/report-status.ts';
import { resolveAgencyId } from '../../store/agencies.ts';
import type { PrismaClient } from '../../store/prisma-client.ts';
import { recordReport } from '../../store/reports.ts';

/** 2025 as decided: Tết break 25/1-2/2 (27/1 swapped), make-up Saturday 8/2. */
export const CALENDAR_2025: WorkCalendarConfig = {
  ...DEFAULT_WORK_CALENDAR,
  extraDaysOff: ['2025-01-27', '2025-05-02'],
  extraWorkingDays: ['2025-02-08', '2025-04-26'],
};

export async function agencyId(db: PrismaClient, name: string): Promise<number> {
  const agency = await resolveAgencyId(db, name);
  if (!agency) throw new Error(`no agency ${name}`);
  return agency.id;
}

export async function createPlan(db: PrismaClient, key = 'test-plan'): Promise<number> {
  const plan = await db.plan.create({ data: { key, title: `Kế hoạch ${key}`, sourceHash: key } });
  return plan.id;
}

export interface TaskSpec {
  code: string;
  due?: string | null;
  kind?: DeadlineKind;
  status?: ReportStatus;
  paused?: boolean;
  lead: number[];
  support?: number[];
}

export async function createTask(db: PrismaClient, planId: number, spec: TaskSpec): Promise<number> {
  const due = spec.due ?? null;
  const task = await db.task.create({
    data: {
      planId,
      code: spec.code,
      position: Number.parseInt(spec.code, 36),
      title: `Nhiệm vụ ${spec.code}`,
      deadlineRaw: due ?? 'Thường xuyên',
      deadlineKind: spec.kind ?? (due ? 'date' : 'ongoing'),
      dueDate: due ? dateColumn(due) : null,
      status: spec.status ?? 'in_progress',
      paused: spec.paused ?? false,
      agencies: {
        create: [
          ...spec.lead.map((agencyId) => ({ agencyId, role: 'lead' as const })),
          ...(spec.support ?? []).map((agencyId) => ({ agencyId, role: 'support' as const })),
        ],
      },
    },
  });
  return task.id;
}

/** An officer, linked to a Telegram chat when `chatId` is given. */
export async function createOfficerWithChat(
  db: PrismaClient,
  input: { name: string; agencyId: number; chatId?: string; locale?: 'vi' | 'en'; isHead?: boolean },
): Promise<number> {
  const officer = await db.officer.create({
    data: {
      name: input.name,
      agencyId: input.agencyId,
      locale: input.locale ?? 'vi',
      isHead: input.isHead ?? false,
    },
  });
  if (input.chatId) {
    await db.channelIdentity.create({
      data: { channel: 'telegram', chatId: input.chatId, userId: input.chatId, officerId: officer.id },
    });
  }
  return officer.id;
}

let reportSeq = 0;

/** A report sent at `time` (Vietnam) on `day`. */
export async function report(
  db: PrismaClient,
  input: {
    taskId: number;
    officerId: number;
    day: string;
    time?: string;
    status: ReportStatus;
    result?: string;
  },
): Promise<void> {
  reportSeq += 1;
  await recordReport(db, {
    taskId: input.taskId,
    officerId: input.officerId,
    status: input.status,
    progress: null,
    result: input.result ?? null,
    blocker: null,
    channel: 'telegram',
    platformMessageId: `test-${reportSeq}`,
    inboundMessageId: null,
    masked: [],
    at: vnInstant(input.day, input.time ?? '07:00'),
  });
}
