/**
 * A draft report to the steering committee shaped like the province's official letter (seed 002):
 * heading, title, summary with the counts, overdue tasks and blockers, signature placeholder, and the
 * appendix table per task (STT, name, results, blockers, note).
 */
import { Document, Packer, PageOrientation, type Paragraph, Table, TableRow, WidthType } from 'docx';
import { formatDeadline } from '../../../domain/deadline/format-deadline.ts';
import type { DigestModel, DigestRow } from '../../../domain/digest/digest-model.ts';
import { nounLabel } from '../../../domain/digest/digest-summary.ts';
import { statusLabel } from '../../../domain/reply/report-status.ts';
import { asOfText, dmy, groupTitle, instantDmy, responsibleText, roman, WORDS } from './digest-labels.ts';
import { para, runs, tableCell, twoColumns } from './docx-parts.ts';

/** Options of the draft. */
export interface DocxOptions {
  /** Province name, e.g. "Bình Định"; dots when absent. */
  province?: string;
  /** Document number, e.g. "9287/BC-UBND"; a blank to fill in when absent. */
  documentNumber?: string;
}

const W = WORDS.vi;

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function noteOf(row: DigestRow, needsAssignment: boolean): string {
  const notes = [statusLabel(row.status, 'vi')];
  if (needsAssignment) notes.push(W.needsAssignmentNote);
  if (row.progress !== null) notes.push(`Tiến độ: ${row.progress}%`);
  notes.push(`Thời hạn: ${formatDeadline(row.deadline, 'vi')}`);
  if (row.extended && row.originalDue !== null) notes.push(W.extended(dmy(row.originalDue)));
  if (row.daysOverdue !== null) notes.push(`Quá hạn ${row.daysOverdue} ngày`);
  notes.push(`Chủ trì: ${responsibleText(row.lead, 'vi')}`);
  if (row.note) notes.push(row.note);
  return notes.join('\n');
}

function appendix(model: DigestModel): Table {
  const noun = nounLabel(model.noun, 'vi');
  const header = ['STT', `Tên ${noun}`, 'Kết quả triển khai', 'Khó khăn, vướng mắc', 'Ghi chú'];
  const needsAssignment = new Set(model.needsAssignment.map((t) => t.taskId));
  const rows = [
    new TableRow({
      tableHeader: true,
      children: header.map((h) => tableCell(h, { bold: true, center: true })),
    }),
  ];
  model.groups.forEach((g, i) => {
    const title = `${groupTitle(g.title, 'vi').toUpperCase()} (${String(g.totals.tasks).padStart(2, '0')} ${noun.toUpperCase()})`;
    rows.push(
      new TableRow({
        children: [
          tableCell(roman(i + 1), { bold: true, center: true }),
          tableCell(title, { bold: true, span: 4 }),
        ],
      }),
    );
    for (const r of g.rows) {
      rows.push(
        new TableRow({
          children: [
            tableCell(r.code, { center: true }),
            tableCell(r.title),
            tableCell(r.result ?? ''),
            tableCell(r.blocker ?? ''),
            tableCell(noteOf(r, needsAssignment.has(r.taskId))),
          ],
        }),
      );
    }
  });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: [700, 3600, 4200, 3600, 2470],
    rows,
  });
}

/**
 * "4. Nhiệm vụ cần phân công cơ quan chủ trì": the not-done tasks whose lead is a collective nobody is
 * assigned for, with the collective as the plan wrote it. Absent when there are none.
 */
function needsAssignmentSection(model: DigestModel): Paragraph[] {
  if (model.needsAssignment.length === 0) return [];
  return [
    para(`4. ${W.needsAssignment}`, { bold: true }),
    ...model.needsAssignment.map((t) =>
      para(
        `- ${t.code}. ${t.title}: chủ trì “${responsibleText(t.lead, 'vi')}”, cần phân công cơ quan chủ trì cụ thể.`,
        {
          indent: true,
          justify: true,
        },
      ),
    ),
  ];
}

/** The draft report as a .docx file (Times New Roman 13 pt, A4; the appendix on landscape pages). */
export async function renderDigestDocx(model: DigestModel, opts: DocxOptions = {}): Promise<Buffer> {
  const letterhead: Letterhead = {
    province: opts.province?.trim() || '...',
    number: opts.documentNumber?.trim() || '      /BC-UBND',
    planTitle: model.planTitles.length === 1 ? lowerFirst(model.planTitles[0] ?? '') : 'Đề án 06',
  };
  const letter = [
    heading(letterhead, model.today),
    para(''),
    ...titleLines(letterhead, model),
    ...resultsSection(model),
    ...overdueSection(model),
    ...blockersSection(model),
    ...needsAssignmentSection(model),
    ...closing(model),
  ];
  const margin = { top: 1134, bottom: 1134, left: 1701, right: 850 };
  const doc = new Document({
    creator: 'Đề án 06 bot',
    title: `Báo cáo kết quả thực hiện ${letterhead.planTitle}`,
    styles: { default: { document: { run: { font: 'Times New Roman', size: 26 } } } },
    sections: [
      { properties: { page: { margin } }, children: letter },
      {
        properties: {
          page: { margin: { ...margin, left: 1134 }, size: { orientation: PageOrientation.LANDSCAPE } },
        },
        children: annexPages(letterhead, model),
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** What the letter says about itself: the province ("..." when unknown), its number and the plan's title. */
interface Letterhead {
  province: string;
  /** The document number, or a blank to fill in ("      /BC-UBND"). */
  number: string;
  /** The one plan's title (lower-cased first letter), or "Đề án 06" for several plans. */
  planTitle: string;
}

/** The two-column heading: the province's committee and number; the national motto and the date line. */
function heading(letterhead: Letterhead, today: string): Table {
  const { province, number } = letterhead;
  const [year, month] = [today.slice(0, 4), today.slice(5, 7)];
  return twoColumns(
    [
      para(`UBND TỈNH ${province.toUpperCase()}`, { bold: true, center: true }),
      para('_______', { center: true }),
      para(`Số: ${number}`, { center: true }),
    ],
    [
      para('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, center: true }),
      para('Độc lập - Tự do - Hạnh phúc', { bold: true, center: true }),
      para(`${province}, ngày ... tháng ${month} năm ${year}`, { italics: true, center: true }),
    ],
    38,
  );
}

/** "BÁO CÁO", what it reports on, and the date its figures are as of. */
function titleLines(letterhead: Letterhead, model: DigestModel): Paragraph[] {
  return [
    para('BÁO CÁO', { bold: true, center: true }),
    para(`Kết quả thực hiện ${letterhead.planTitle}`, { bold: true, center: true }),
    para(`(Số liệu tính đến ${asOfText(model)})`, { italics: true, center: true }),
  ];
}

/** A dash item for each text, indented; "Không có." when there is none. */
function bullets(items: string[]): Paragraph[] {
  return items.length === 0
    ? [para('Không có.', { indent: true })]
    : items.map((i) => para(`- ${i}`, { indent: true, justify: true }));
}

/** "1. Kết quả chung": the summary sentence and the counts by deadline, pointing to the appendix. */
function resultsSection(model: DigestModel): Paragraph[] {
  const t = model.totals;
  return [
    para('1. Kết quả chung', { bold: true }),
    runs([{ text: `Kết quả tính đến ngày ${dmy(model.today)}: ` }, { text: model.summary.vi }], {
      indent: true,
      justify: true,
    }),
    para(
      `Về thời hạn: hoàn thành đúng hạn ${t.done_on_time}, hoàn thành quá hạn ${t.done_late}, chưa hoàn thành nhưng còn trong hạn ${t.within_deadline}, quá hạn ${t.overdue}, không có thời hạn cụ thể ${t.without_deadline}.`,
      { indent: true, justify: true },
    ),
    para('(Chi tiết tại Phụ lục kèm theo)', { italics: true, center: true }),
  ];
}

/** "2. Các nhiệm vụ quá hạn": each overdue task with its days late, due date and lead. */
function overdueSection(model: DigestModel): Paragraph[] {
  return [
    para(`2. Các ${nounLabel(model.noun, 'vi')} quá hạn`, { bold: true }),
    ...bullets(
      model.overdue.map(
        (o) =>
          `${o.code}. ${o.title}: quá ${o.daysOverdue} ngày (hạn ${dmy(o.due)}), cơ quan chủ trì: ${responsibleText(o.lead, 'vi')}.`,
      ),
    ),
  ];
}

/** "3. Khó khăn, vướng mắc": each blocker as reported, with who reported it and when. */
function blockersSection(model: DigestModel): Paragraph[] {
  return [
    para('3. Khó khăn, vướng mắc', { bold: true }),
    ...bullets(
      model.blockers.map(
        (b) =>
          `${b.code}. ${b.title}: “${b.text}” (${b.officerName}, ${b.agencyName}, ${instantDmy(b.reportedAt)}).`,
      ),
    ),
  ];
}

/** The proposals to fill in (numbered after the optional section 4), then recipients and signature. */
function closing(model: DigestModel): (Paragraph | Table)[] {
  return [
    para(`${model.needsAssignment.length > 0 ? 5 : 4}. Đề xuất, kiến nghị`, { bold: true }),
    para('......................................................................', { indent: true }),
    para(''),
    twoColumns(
      [
        para('Nơi nhận:', { bold: true, italics: true, size: 24 }),
        para('- Ban Chỉ đạo Đề án 06 tỉnh;\n- Tổ công tác Đề án 06;\n- Lưu: VT.', { size: 22 }),
      ],
      [
        para('TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH', { bold: true, center: true }),
        para('(Ký, ghi rõ họ tên)', { italics: true, center: true }),
      ],
      45,
    ),
  ];
}

/** The appendix pages: its title, what it covers, which report it belongs to, and the table per task. */
function annexPages(letterhead: Letterhead, model: DigestModel): (Paragraph | Table)[] {
  return [
    para('Phụ lục', { bold: true, center: true }),
    para(
      `Kết quả triển khai ${model.totals.tasks} ${nounLabel(model.noun, 'vi')} — ${W.asOf.toLowerCase()} ${asOfText(model)}`,
      { bold: true, center: true },
    ),
    para(`(Kèm theo Báo cáo số ${letterhead.number} của UBND tỉnh ${letterhead.province})`, {
      italics: true,
      center: true,
    }),
    appendix(model),
  ];
}
