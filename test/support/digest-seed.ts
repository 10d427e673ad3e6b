/**
 * A scripted history for digest tests over seed plan 003 (42 tasks, no groups): officers, status
 * reports, an approved extension, reminders and chats, as of Friday 28/06/2024 17:00 (Vietnam).
 *
 * Hand count at that instant (today 2024-06-28; weekly period from 21/06 17:00):
 * - dated tasks 24: due 2023-12-31 #3 4 5 8 9 10 18 22 24 27 30 31 32; 2024-03-31 #17 35 36 37 41 42;
 *   2024-06-30 #16 33; 2024-09-30 #2; 2024-12-31 #7 11. The other 18 have no date.
 * - reports: #4 done 20/12/2023 (on time), #5 done 10/02/2024 (late), #2 in progress 20/06,
 *   #41 in progress 19/06 then blocked 26/06 (blocker in the period; its lead Sở TT&TT is now held by
 *   Sở KH&CN), #35 blocked 10/06 (blocker before the period), #17 in progress 25/06 with an approved
 *   extension to 30/09, #16 waiting for central guidance 27/06, #42 done 05/07 (after as-of: ignored).
 * - statuses: done 2, in progress 2, blocked 2, waiting 1, not started 35.
 * - timing: done on time 1, done late 1, within deadline 6 (#2 7 11 16 33 17), overdue 16 (11 due
 *   2023-12-31: 180 days; 5 due 2024-03-31: 89 days), without a date 18.
 * - reminders in the period: Sở Y tế on #32 (unanswered: a silent agency), Công an tỉnh on #17
 *   (answered 25/06). Unreachable: the Sở Y tế officer (no chat), the police officer (chat unreachable).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { dateColumn, isoDate } from '../../domain/calendar/civil-date.ts';
import type { ReportStatus } from '../../domain/reply/report-status.ts';
import { importPlan } from '../../handlers/plan-import/import-plan.ts';
import type { PrismaClient } from '../../prisma/generated/client.ts';
import { resolveAgencyId } from '../../store/agencies.ts';
import { createOfficer, type OfficerView } from '../../store/officers.ts';
import { recordReport } from '../../store/reports.ts';

const SEED = path.resolve(import.meta.dirname, '../../domain/plan/__fixtures__/003_9b0c4ba75028efa0.txt');

/** An instant at a Vietnam wall-clock time. */
export function vn(date: string, time = '09:00'): Date {
  return new Date(`${date}T${time}:00+07:00`);
}

/** The as-of instant of the hand count. */
export const DIGEST_AS_OF = vn('2024-06-28', '17:00');

export interface DigestSeed {
  taskId: (code: string) => number;
  officers: Record<'police' | 'health' | 'science' | 'transport' | 'labour' | 'office', OfficerView>;
}

async function agency(db: PrismaClient, name: string): Promise<number> {
  const row = await resolveAgencyId(db, name);
  if (!row) throw new Error(`agency not found: ${name}`);
  return row.id;
}

/** Imports seed 003 and writes the scripted history (see the module comment). */
export async function seedDigestHistory(db: PrismaClient): Promise<DigestSeed> {
  await importPlan(db, { bytes: readFileSync(SEED), fileName: '003.txt', dryRun: false });
  const tasks = await db.task.findMany({ select: { id: true, code: true } });
  const ids = new Map(tasks.map((t) => [t.code, t.id]));
  const taskId = (code: string) => {
    const id = ids.get(code);
    if (id === undefined) throw new Error(`no task ${code}`);
    return id;
  };
  const officer = async (name: string, agencyName: string) =>
    createOfficer(db, { name, agencyId: await agency(db, agencyName), role: 'officer', locale: 'vi' });
  const officers = {
    police: await officer('Lê Văn Công', 'Công an tỉnh'),
    health: await officer('Phạm Thị Y', 'Sở Y tế'),
    science: await officer('Trần Khoa Học', 'Sở Khoa học và Công nghệ'),
    transport: await officer('Vũ Giao Thông', 'Sở Giao thông vận tải'),
    labour: await officer('Đỗ Lao Động', 'Sở Lao động – Thương binh và Xã hội'),
    office: await officer('Hà Văn Phòng', 'Văn phòng Ủy ban nhân dân tỉnh'),
  };
  let message = 0;
  const report = async (
    code: string,
    by: OfficerView,
    at: Date,
    status: ReportStatus,
    extra: { progress?: number; result?: string; blocker?: string } = {},
  ) => {
    message += 1;
    await recordReport(db, {
      taskId: taskId(code),
      officerId: by.id,
      status,
      progress: extra.progress ?? null,
      result: extra.result ?? null,
      blocker: extra.blocker ?? null,
      channel: 'telegram',
      platformMessageId: `seed-${message}`,
      inboundMessageId: null,
      masked: [],
      at,
    });
  };
  await report('4', officers.police, vn('2023-12-20'), 'done');
  await report('5', officers.health, vn('2024-02-10'), 'done');
  await report('35', officers.labour, vn('2024-06-10'), 'blocked', { blocker: 'Thiếu thiết bị đọc thẻ' });
  await report('41', officers.science, vn('2024-06-19'), 'in_progress', { progress: 20 });
  await report('2', officers.office, vn('2024-06-20'), 'in_progress', {
    progress: 30,
    result: 'Đã chạy thử 6 dịch vụ',
  });
  await report('17', officers.police, vn('2024-06-25'), 'in_progress', { progress: 50 });
  await report('41', officers.science, vn('2024-06-26'), 'blocked', {
    blocker: 'Chưa có kinh phí thuê đường truyền',
  });
  await report('16', officers.transport, vn('2024-06-27'), 'waiting_central');
  await report('42', officers.police, vn('2024-07-05'), 'done');

  // An approved extension as the administration records it: the task's due date moves, the plan's stays.
  await db.deadlineExtension.create({
    data: {
      taskId: taskId('17'),
      previousDue: new Date('2024-03-31T00:00:00Z'),
      newDue: new Date('2024-09-30T00:00:00Z'),
      reason: 'Chờ nâng cấp phần mềm',
      state: 'approved',
      decidedAt: vn('2024-05-20'),
    },
  });
  await db.task.update({ where: { id: taskId('17') }, data: { dueDate: new Date('2024-09-30T00:00:00Z') } });

  const reminder = (key: string, code: string, by: OfficerView, sendAt: Date) =>
    db.reminder.create({
      data: {
        taskId: taskId(code),
        officerId: by.id,
        kind: 'overdue',
        dueDay: dateColumn(isoDate(sendAt)),
        sendAt,
        dedupKey: key,
        state: 'sent',
      },
    });
  await reminder('seed-r1', '32', officers.health, vn('2024-06-24', '08:30'));
  await reminder('seed-r2', '17', officers.police, vn('2024-06-24', '08:30'));
  await reminder('seed-r3', '5', officers.health, vn('2024-06-10', '08:30'));

  // Chats: the police officer's is unreachable, the health officer has none, the others answer.
  const chat = (officerId: number, chatId: string, unreachableSince: Date | null = null) =>
    db.channelIdentity.create({
      data: { channel: 'telegram', chatId, userId: chatId, officerId, purpose: 'officer', unreachableSince },
    });
  await chat(officers.police.id, '7001', vn('2024-06-01'));
  await chat(officers.science.id, '7003');
  await chat(officers.transport.id, '7004');
  await chat(officers.labour.id, '7005');
  await chat(officers.office.id, '7006');
  return { taskId, officers };
}
