/**
 * Builds plan appendices as Word files (with the `docx` package) and as the same plan pasted as
 * tab-separated text, from one description: used to make the unseen-style fixtures and the bench's
 * generated 500-task plan. The Word table uses the merges real appendices use: a two-row header
 * ("Cơ quan thực hiện" over "Chủ trì" | "Phối hợp"), group rows spanning the table, a deadline cell
 * merged down over several tasks, and line breaks inside header cells.
 */
import {
  AlignmentType,
  Document,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalMergeType,
  WidthType,
} from 'docx';

export interface PlanTaskSpec {
  stt: string;
  title: string;
  lead: string;
  support: string;
  deadline: string;
  output: string;
}

export interface PlanSpec {
  /** Letterhead: issuing body (two lines), number, place and date. */
  body: [string, string];
  number: string;
  placeDate: string;
  /** Document type and title lines. */
  kind: string;
  title: string;
  /** Prose before the appendix. */
  prose: string[];
  groups: { code: string; title: string; tasks: PlanTaskSpec[] }[];
  /** Consecutive tasks with the same deadline share one merged cell (Word vMerge). */
  mergeSharedDeadlines: boolean;
}

const text = (value: string, opts: { bold?: boolean } = {}) =>
  value
    .split('\n')
    .map(
      (line, i) => new TextRun({ text: line, ...(i > 0 && { break: 1 }), ...(opts.bold && { bold: true }) }),
    );

const cell = (value: string, opts: { bold?: boolean; columnSpan?: number; rowSpan?: number } = {}) =>
  new TableCell({
    children: [new Paragraph({ children: text(value, opts) })],
    ...(opts.columnSpan && { columnSpan: opts.columnSpan }),
    ...(opts.rowSpan && { rowSpan: opts.rowSpan }),
  });

function headerRows(): TableRow[] {
  const top = new TableRow({
    tableHeader: true,
    children: [
      cell('STT', { bold: true, rowSpan: 2 }),
      cell('Nội dung nhiệm vụ', { bold: true, rowSpan: 2 }),
      cell('Cơ quan thực hiện', { bold: true, columnSpan: 2 }),
      cell('Thời gian\nhoàn thành', { bold: true, rowSpan: 2 }),
      cell('Sản phẩm', { bold: true, rowSpan: 2 }),
    ],
  });
  const bottom = new TableRow({
    tableHeader: true,
    children: [cell('Chủ trì', { bold: true }), cell('Phối hợp', { bold: true })],
  });
  return [top, bottom];
}

/** How many tasks from `index` share the deadline of task `index` (1 when merging is off). */
function runLength(tasks: readonly PlanTaskSpec[], index: number, merge: boolean): number {
  if (!merge) return 1;
  let n = 1;
  while (tasks[index + n] && tasks[index + n]!.deadline === tasks[index]!.deadline) n++;
  return n;
}

function taskRows(tasks: readonly PlanTaskSpec[], merge: boolean): TableRow[] {
  const rows: TableRow[] = [];
  let covered = 0;
  tasks.forEach((task, index) => {
    const cells = [cell(task.stt), cell(task.title), cell(task.lead), cell(task.support)];
    if (covered > 0) {
      covered -= 1;
      cells.push(new TableCell({ children: [new Paragraph('')], verticalMerge: VerticalMergeType.CONTINUE }));
    } else {
      const span = runLength(tasks, index, merge);
      cells.push(
        span > 1
          ? new TableCell({
              children: [new Paragraph({ children: text(task.deadline) })],
              verticalMerge: VerticalMergeType.RESTART,
            })
          : cell(task.deadline),
      );
      covered = span - 1;
    }
    cells.push(cell(task.output));
    rows.push(new TableRow({ children: cells }));
  });
  return rows;
}

/** The plan as a Word document: letterhead, title, prose, then the appendix table. */
export async function planDocx(spec: PlanSpec): Promise<Buffer> {
  const centered = (value: string, bold = false) =>
    new Paragraph({ alignment: AlignmentType.CENTER, children: text(value, { bold }) });
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      ...headerRows(),
      ...spec.groups.flatMap((group) => [
        new TableRow({
          children: [cell(group.code, { bold: true }), cell(group.title, { bold: true, columnSpan: 5 })],
        }),
        ...taskRows(group.tasks, spec.mergeSharedDeadlines),
      ]),
    ],
  });
  const doc = new Document({
    sections: [
      {
        properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } },
        children: [
          centered(spec.body[0], true),
          centered(spec.body[1], true),
          centered(`Số: ${spec.number}`),
          centered(spec.placeDate),
          centered(spec.kind, true),
          centered(spec.title, true),
          ...spec.prose.map((line) => new Paragraph(line)),
          centered('PHỤ LỤC', true),
          table,
          new Paragraph('Nơi nhận:'),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** The same plan pasted as text from its Word table: tab-separated, every row whole. */
export function planTsv(spec: PlanSpec): string {
  const clean = (value: string) => value.replace(/\n/gu, ' ');
  const lines = [
    spec.body.join(' '),
    `Số: ${spec.number}`,
    spec.placeDate,
    spec.kind,
    spec.title,
    ...spec.prose,
    [
      'STT',
      'Nội dung nhiệm vụ',
      'Cơ quan chủ trì',
      'Cơ quan phối hợp',
      'Thời gian hoàn thành',
      'Sản phẩm',
    ].join('\t'),
  ];
  for (const group of spec.groups) {
    lines.push(`${group.code}. ${group.title}`);
    for (const t of group.tasks) {
      lines.push([t.stt, t.title, t.lead, t.support, t.deadline, t.output].map(clean).join('\t'));
    }
  }
  return `${lines.join('\n')}\n`;
}
