/**
 * Words and date formats shared by the digest renderers (Vietnam time, dd/mm/yyyy).
 */
import { vnDate, vnTime } from '../../../domain/calendar/working-time.ts';
import type { DigestModel } from '../../../domain/digest/digest-model.ts';
import type { DigestLocale } from '../../../domain/digest/digest-summary.ts';

/** 'YYYY-MM-DD' as dd/mm/yyyy. */
export function dmy(isoDate: string): string {
  return `${isoDate.slice(8, 10)}/${isoDate.slice(5, 7)}/${isoDate.slice(0, 4)}`;
}

/** An instant as its Vietnam date, dd/mm/yyyy. */
export function instantDmy(instant: Date): string {
  return dmy(vnDate(instant));
}

/** "08:00 15/11/2024": the as-of moment in Vietnam time. */
export function asOfText(model: Pick<DigestModel, 'asOf'>): string {
  return `${vnTime(model.asOf)} ${instantDmy(model.asOf)}`;
}

/** A Vietnam calendar date as a `Date` at UTC midnight: what spreadsheet cells need to show that day. */
export function excelDate(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00Z`);
}

/**
 * The responsible cell of every digest (chat text, XLSX, DOCX): the lead agencies and the collectives the
 * plan names as lead, as written ("Các sở, ban, ngành"); never an empty cell or a dash.
 */
export function responsibleText(lead: readonly string[], locale: DigestLocale): string {
  const names = lead.map((n) => n.trim()).filter((n) => n !== '');
  return names.length === 0 ? WORDS[locale].noLead : names.join(', ');
}

/** Roman numeral of a small positive number (group rows: I, II, ...). */
export function roman(n: number): string {
  const table: [number, string][] = [
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let rest = n;
  let out = '';
  for (const [value, letters] of table) {
    while (rest >= value) {
      out += letters;
      rest -= value;
    }
  }
  return out;
}

/** The words of a digest in one locale. */
export const WORDS = {
  vi: {
    title: { weekly: 'Báo cáo tuần', monthly: 'Báo cáo tháng', quarterly: 'Báo cáo quý' },
    plan: 'Đề án 06',
    asOf: 'Số liệu tính đến',
    overdue: 'Quá hạn',
    overdueDays: (n: number) => `quá ${n} ngày`,
    due: 'hạn',
    daysLeft: (n: number) => (n === 0 ? 'hôm nay' : `còn ${n} ngày`),
    blockers: 'Vướng mắc mới',
    dueSoon: 'Sắp đến hạn trong 14 ngày',
    silentAgencies: 'Cơ quan chưa phản hồi nhắc việc',
    reminders: (n: number) => `${n} lần nhắc`,
    tasks: 'nhiệm vụ',
    silentTasks: 'Chưa báo cáo trong tháng',
    silentDateless: 'Không thời hạn, quá 1 tháng chưa báo cáo',
    needsAssignment: 'Cần phân công cơ quan chủ trì (chủ trì nêu chung)',
    needsAssignmentNote: 'Cần phân công cơ quan chủ trì',
    noLead: 'chưa xác định cơ quan chủ trì',
    never: 'chưa báo cáo',
    lastReport: 'báo cáo gần nhất',
    unreachable: 'Cán bộ không liên lạc được',
    changes: 'Thay đổi so với kỳ trước',
    noChannel: 'chưa kết nối',
    otherGroup: 'Nhiệm vụ khác',
    change: {
      completed: 'hoàn thành',
      reopened: 'mở lại',
      newly_overdue: 'mới quá hạn',
      status_changed: 'đổi trạng thái',
    },
    extended: (d: string) => `Đã gia hạn (hạn cũ ${d})`,
  },
  en: {
    title: { weekly: 'Weekly digest', monthly: 'Monthly digest', quarterly: 'Quarterly digest' },
    plan: 'Đề án 06',
    asOf: 'Figures as of',
    overdue: 'Overdue',
    overdueDays: (n: number) => `${n} day${n === 1 ? '' : 's'} overdue`,
    due: 'due',
    daysLeft: (n: number) => (n === 0 ? 'today' : `${n} day${n === 1 ? '' : 's'} left`),
    blockers: 'New blockers',
    dueSoon: 'Due in the next 14 days',
    silentAgencies: 'Agencies that did not answer reminders',
    reminders: (n: number) => `${n} reminder${n === 1 ? '' : 's'}`,
    tasks: 'tasks',
    silentTasks: 'No report this month',
    silentDateless: 'No date, silent for over a month',
    needsAssignment: 'Needs a lead agency assigned (collective lead)',
    needsAssignmentNote: 'Needs a lead agency assigned',
    noLead: 'no lead agency named',
    never: 'never reported',
    lastReport: 'last report',
    unreachable: 'Unreachable officers',
    changes: 'Changes since the last digest',
    noChannel: 'not connected',
    otherGroup: 'Other tasks',
    change: {
      completed: 'done',
      reopened: 'reopened',
      newly_overdue: 'newly overdue',
      status_changed: 'status changed',
    },
    extended: (d: string) => `Extended (was due ${d})`,
  },
} as const satisfies Record<DigestLocale, unknown>;

/** A group's display title, with the fallback for ungrouped tasks. */
export function groupTitle(title: string, locale: DigestLocale): string {
  return title.trim() === '' ? WORDS[locale].otherGroup : title;
}
