/**
 * The digest as a spreadsheet in the columns of the province's report (Phụ lục of the official letter),
 * with the counts on top. No formulas; dates are real date cells (Vietnam calendar dates).
 */
import ExcelJS from 'exceljs';
import { vnDate } from '../../../domain/calendar/working-time.ts';
import { formatDeadline } from '../../../domain/deadline/format-deadline.ts';
import type { DigestModel, DigestRow } from '../../../domain/digest/digest-model.ts';
import type { DigestLocale } from '../../../domain/digest/digest-summary.ts';
import { nounLabel } from '../../../domain/digest/digest-summary.ts';
import { statusLabel } from '../../../domain/reply/report-status.ts';
import { formatFileSize } from '../../../domain/text/format-file-size.ts';
import { asOfText, dmy, excelDate, groupTitle, responsibleText, roman, WORDS } from './digest-labels.ts';

/** Row number of the table header (rows above it hold the counts). */
export const XLSX_HEADER_ROW = 6;
/** Fill colour (ARGB) of overdue task rows. */
export const OVERDUE_FILL = 'FFFFC7CE';
const GROUP_FILL = 'FFE7E6E6';

const HEADERS = {
  vi: (noun: string) => [
    'STT',
    `Tên ${noun}`,
    'Kết quả triển khai',
    'Khó khăn vướng mắc',
    'Đánh giá hiệu quả',
    'Kinh phí',
    'Ghi chú',
    'Trạng thái',
    'Tiến độ (%)',
    'Cơ quan chủ trì',
    'Thời hạn',
    'Ngày báo cáo gần nhất',
    'Minh chứng',
  ],
  en: (noun: string) => [
    'No.',
    noun === 'models' ? 'Model' : 'Task',
    'Results',
    'Difficulties and blockers',
    'Assessment',
    'Budget',
    'Note',
    'Status',
    'Progress (%)',
    'Lead agencies',
    'Deadline',
    'Last report',
    'Evidence',
  ],
} as const;
const WIDTHS = [7, 40, 40, 36, 28, 20, 28, 18, 10, 26, 14, 14, 30];
const TIMING_LINE = {
  vi: (t: DigestModel['totals']) =>
    `Hoàn thành đúng hạn ${t.done_on_time} · hoàn thành quá hạn ${t.done_late} · trong hạn ${t.within_deadline} · quá hạn ${t.overdue} · không có thời hạn ${t.without_deadline}`,
  en: (t: DigestModel['totals']) =>
    `Done on time ${t.done_on_time} · done late ${t.done_late} · within deadline ${t.within_deadline} · overdue ${t.overdue} · without a date ${t.without_deadline}`,
};

function noteOf(row: DigestRow, locale: DigestLocale, needsAssignment: boolean): string {
  const w = WORDS[locale];
  const notes = [needsAssignment ? w.needsAssignmentNote : '', row.note ?? ''];
  if (row.deadline.kind !== 'date') notes.push(formatDeadline(row.deadline, locale));
  if (row.extended && row.originalDue !== null) notes.push(w.extended(dmy(row.originalDue)));
  if (row.daysOverdue !== null) notes.push(`${w.overdue}: ${w.overdueDays(row.daysOverdue)}`);
  return notes.filter((n) => n.trim() !== '').join('\n');
}

function taskValues(row: DigestRow, locale: DigestLocale, needsAssignment: boolean): ExcelJS.CellValue[] {
  return [
    row.code,
    row.title,
    row.result ?? '',
    row.blocker ?? '',
    row.assessment ?? '',
    row.budget ?? '',
    noteOf(row, locale, needsAssignment),
    statusLabel(row.status, locale),
    row.progress,
    responsibleText(row.lead, locale),
    row.deadline.due === null ? formatDeadline(row.deadline, locale) : excelDate(row.deadline.due),
    row.lastReportAt === null ? null : excelDate(vnDate(row.lastReportAt)),
    evidenceText(row, locale),
  ];
}

const EVIDENCE_KINDS = {
  vi: { photo: 'Ảnh', document: 'Tệp', video: 'Video', voice: 'Ghi âm' },
  en: { photo: 'Photo', document: 'File', video: 'Video', voice: 'Voice note' },
} as const;

/** "Ảnh, 117 KB — file_id AgAC…": the kind, size and platform file id of the report's evidence. */
function evidenceText(row: DigestRow, locale: DigestLocale): string {
  const evidence = row.evidence;
  if (!evidence) return '';
  const kinds: Record<string, string> = EVIDENCE_KINDS[locale];
  const parts = [kinds[evidence.kind] ?? evidence.kind];
  if (evidence.size !== null) parts.push(formatFileSize(evidence.size));
  return `${parts.join(', ')} — file_id ${evidence.fileId}`;
}

function fill(argb: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

/**
 * The digest as an XLSX workbook: title, "Số liệu tính đến ...", the summary sentence and the deadline
 * categories on top; then the table (frozen header, one bold row per group, overdue rows in red).
 */
export async function renderDigestXlsx(model: DigestModel, locale: DigestLocale): Promise<Buffer> {
  const w = WORDS[locale];
  const workbook = new ExcelJS.Workbook();
  workbook.created = model.asOf;
  const sheet = workbook.addWorksheet(locale === 'vi' ? 'Báo cáo' : 'Digest', {
    views: [{ state: 'frozen', ySplit: XLSX_HEADER_ROW, xSplit: 2 }],
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.pageSetup.printTitlesRow = `${XLSX_HEADER_ROW}:${XLSX_HEADER_ROW}`;
  const headers = HEADERS[locale](nounLabel(model.noun, locale));
  sheet.columns = WIDTHS.map((width) => ({ width }));
  const top = [
    `${w.title[model.kind]} ${w.plan}${model.planTitles.length === 1 ? ` — ${model.planTitles[0]}` : ''}`,
    `${w.asOf} ${asOfText(model)}`,
    model.summary[locale],
    TIMING_LINE[locale](model.totals),
  ];
  top.forEach((text, i) => {
    sheet.mergeCells(i + 1, 1, i + 1, headers.length);
    const cell = sheet.getCell(i + 1, 1);
    cell.value = text;
    cell.font = { bold: i < 2, size: i === 0 ? 14 : 11 };
    cell.alignment = { wrapText: true, vertical: 'top' };
  });
  sheet.getRow(3).height = 32;

  const header = sheet.getRow(XLSX_HEADER_ROW);
  header.values = headers;
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  header.eachCell((c) => {
    c.fill = fill(GROUP_FILL);
  });

  const needsAssignment = new Set(model.needsAssignment.map((t) => t.taskId));
  let r = XLSX_HEADER_ROW;
  model.groups.forEach((group, gi) => {
    r += 1;
    const g = sheet.getRow(r);
    g.getCell(1).value = roman(gi + 1);
    g.getCell(2).value =
      `${groupTitle(group.title, locale)} (${group.totals.tasks} ${nounLabel(model.noun, locale)})`;
    sheet.mergeCells(r, 2, r, headers.length);
    g.font = { bold: true };
    g.getCell(1).fill = fill(GROUP_FILL);
    g.getCell(2).fill = fill(GROUP_FILL);
    for (const row of group.rows) {
      r += 1;
      const line = sheet.getRow(r);
      line.values = taskValues(row, locale, needsAssignment.has(row.taskId));
      line.alignment = { wrapText: true, vertical: 'top' };
      line.getCell(11).numFmt = 'dd/mm/yyyy';
      line.getCell(12).numFmt = 'dd/mm/yyyy';
      if (row.timing === 'overdue') {
        for (let c = 1; c <= headers.length; c++) line.getCell(c).fill = fill(OVERDUE_FILL);
      }
    }
  });
  for (let row = XLSX_HEADER_ROW; row <= r; row++) {
    for (let c = 1; c <= headers.length; c++) {
      const thin = { style: 'thin' as const };
      sheet.getCell(row, c).border = { top: thin, left: thin, bottom: thin, right: thin };
    }
  }
  addNeedsAssignmentSheet(workbook, model, locale);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Sheet name of the tasks whose collective lead nobody is assigned for (present only when there are any). */
export const NEEDS_ASSIGNMENT_SHEET = { vi: 'Cần phân công', en: 'Needs assignment' } as const;

/**
 * A second sheet listing the not-done tasks whose lead is a collective the directory cannot expand
 * ("Các sở, ban, ngành"): the secretariat must name a lead agency for each.
 */
function addNeedsAssignmentSheet(workbook: ExcelJS.Workbook, model: DigestModel, locale: DigestLocale): void {
  if (model.needsAssignment.length === 0) return;
  const w = WORDS[locale];
  const sheet = workbook.addWorksheet(NEEDS_ASSIGNMENT_SHEET[locale]);
  sheet.columns = [{ width: 7 }, { width: 60 }, { width: 40 }];
  sheet.mergeCells(1, 1, 1, 3);
  sheet.getCell(1, 1).value = `${w.needsAssignment} (${model.needsAssignment.length})`;
  sheet.getCell(1, 1).font = { bold: true };
  const header = sheet.getRow(2);
  header.values =
    locale === 'vi' ? ['STT', 'Tên nhiệm vụ', 'Chủ trì (nêu chung)'] : ['No.', 'Task', 'Lead (collective)'];
  header.font = { bold: true };
  model.needsAssignment.forEach((t, i) => {
    const row = sheet.getRow(3 + i);
    row.values = [t.code, t.title, responsibleText(t.lead, locale)];
    row.alignment = { wrapText: true, vertical: 'top' };
  });
}
