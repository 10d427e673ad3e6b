/**
 * The state of every task as an XLSX table: code, title, lead, deadline, status, progress, last report,
 * blocker. Used by `/xuat` in chat and `cli export --xlsx`.
 */
import ExcelJS from 'exceljs';
import { vnDate } from '../../domain/calendar/working-time.ts';
import type { LocaleCode } from '../../locales/index.ts';
import { t } from '../../locales/index.ts';
import type { TaskStateRow } from '../../store/tasks.ts';

const HEADERS: Record<LocaleCode, string[]> = {
  vi: [
    'Mã',
    'Nhiệm vụ',
    'Cơ quan chủ trì',
    'Thời hạn',
    'Trạng thái',
    'Tiến độ (%)',
    'Báo cáo gần nhất',
    'Vướng mắc',
  ],
  en: ['Code', 'Task', 'Lead agency', 'Deadline', 'Status', 'Progress (%)', 'Last report', 'Blocker'],
};
const WIDTHS = [8, 60, 32, 18, 22, 12, 40, 40];

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Builds the workbook; dates in Vietnam time, written dd/mm/yyyy. */
export async function buildTaskWorkbook(
  rows: readonly TaskStateRow[],
  locale: LocaleCode,
): Promise<Uint8Array> {
  const m = t(locale);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(locale === 'vi' ? 'Tình hình thực hiện' : 'Implementation');
  sheet.addRow(HEADERS[locale]).font = { bold: true };
  sheet.columns.forEach((column, i) => {
    column.width = WIDTHS[i] ?? 20;
  });
  for (const row of rows) {
    const reported = row.reportedAt ? m.dateFormat(vnDate(new Date(row.reportedAt))) : '';
    const lastReport = [reported, row.result ?? ''].filter(Boolean).join(' — ');
    sheet.addRow([
      row.code,
      row.title,
      row.lead.join('; '),
      row.due ? m.dateFormat(row.due) : row.deadline,
      m.statusLabels[row.status],
      row.progress ?? '',
      lastReport,
      row.blocker ?? '',
    ]);
  }
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  sheet.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
