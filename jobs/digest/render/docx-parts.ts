/**
 * Small builders for the DOCX draft report (Vietnamese administrative document layout).
 */
import {
  AlignmentType,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';

/** How a paragraph looks. */
export interface ParaStyle {
  bold?: boolean;
  italics?: boolean;
  center?: boolean;
  justify?: boolean;
  size?: number;
  indent?: boolean;
}

/** A paragraph of one run; `\n` in `text` becomes a line break. */
export function para(text: string, style: ParaStyle = {}): Paragraph {
  const lines = text.split('\n');
  return new Paragraph({
    alignment: style.center
      ? AlignmentType.CENTER
      : style.justify
        ? AlignmentType.JUSTIFIED
        : AlignmentType.LEFT,
    spacing: { after: 80 },
    ...(style.indent ? { indent: { firstLine: 567 } } : {}),
    children: lines.map(
      (line, i) =>
        new TextRun({
          text: line,
          bold: style.bold ?? false,
          italics: style.italics ?? false,
          ...(style.size === undefined ? {} : { size: style.size }),
          break: i > 0 ? 1 : 0,
        }),
    ),
  });
}

/** A paragraph made of several runs (e.g. a label in bold followed by plain text). */
export function runs(
  parts: { text: string; bold?: boolean; italics?: boolean }[],
  style: ParaStyle = {},
): Paragraph {
  return new Paragraph({
    alignment: style.justify ? AlignmentType.JUSTIFIED : AlignmentType.LEFT,
    spacing: { after: 80 },
    ...(style.indent ? { indent: { firstLine: 567 } } : {}),
    children: parts.map(
      (p) => new TextRun({ text: p.text, bold: p.bold ?? false, italics: p.italics ?? false }),
    ),
  });
}

/** A borderless two-column block (heading, signature): each side a list of paragraphs. */
export function twoColumns(left: Paragraph[], right: Paragraph[], leftPercent: number): Table {
  const cell = (children: Paragraph[], pct: number): TableCell =>
    new TableCell({ children, width: { size: pct, type: WidthType.PERCENTAGE }, borders: TableBorders.NONE });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: TableBorders.NONE,
    rows: [new TableRow({ children: [cell(left, leftPercent), cell(right, 100 - leftPercent)] })],
  });
}

/** One cell of the appendix table; `\n` separates paragraphs. */
export function tableCell(
  text: string,
  opts: { bold?: boolean; center?: boolean; span?: number } = {},
): TableCell {
  const paragraphs = (text === '' ? [''] : text.split('\n')).map(
    (line) =>
      new Paragraph({
        alignment: opts.center ? AlignmentType.CENTER : AlignmentType.LEFT,
        children: [new TextRun({ text: line, bold: opts.bold ?? false, size: 24 })],
      }),
  );
  return new TableCell({
    children: paragraphs,
    verticalAlign: VerticalAlign.TOP,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    ...(opts.span === undefined ? {} : { columnSpan: opts.span }),
  });
}
