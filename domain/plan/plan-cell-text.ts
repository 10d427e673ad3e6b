import { normalizeVietnamese } from '../text/normalize-vietnamese.ts';

const BULLET_AT_LINE_START = /^[•●▪◦·‣∙]\s*/gmu;

/**
 * Canonical text of one table cell: normalised Vietnamese (NFC, tone placement, no markup, tidy spaces),
 * line breaks kept, bullet glyphs at line starts written as "- ", a cell wrapped in single "*" unwrapped.
 */
export function normalizeCell(raw: string): string {
  let text = normalizeVietnamese(raw).replace(BULLET_AT_LINE_START, '- ');
  const italic = /^\*([^*]+)\*$/su.exec(text);
  if (italic) text = italic[1]!.trim();
  return text;
}

const TASK_CODE = /^((?:[IVX]{1,6}\.)?\d{1,3}[a-zđ]?(?:\.\d{1,3}[a-zđ]?)*)[.)]?$/iu;

/**
 * The task code in an STT cell: "1", "01.", "12a", "1.2", "3)", "II.3" -> "1", "1", "12a", "1.2", "3",
 * "II.3" (a ministry's numbering restarting in each group, written with its group numeral).
 * Leading zeros of each number are dropped. Returns null when the cell is not a task number.
 */
export function parseTaskCode(stt: string): string | null {
  const text = stt.trim();
  const match = TASK_CODE.exec(text);
  if (!match) return null;
  const roman = /^([IVX]{1,6})\./u.exec(match[1]!);
  if (/^[ivx]+\./iu.test(match[1]!) && (!roman || !ROMAN.test(roman[1]!))) return null;
  return match[1]!
    .split('.')
    .map((part) => part.replace(/^0+(?=\d)/u, ''))
    .join('.');
}

/** The group numeral a task code is written with ("II.3" -> "II"), or null ("3", "1.2"). */
export function groupOfTaskCode(code: string): string | null {
  return /^([IVX]{1,6})\.\d/u.exec(code)?.[1] ?? null;
}

/** The numeric value of a task code when it is a plain integer ("12" -> 12), else null. */
export function taskCodeNumber(code: string | null): number | null {
  return code !== null && /^\d+$/u.test(code) ? Number(code) : null;
}

const ROMAN = /^(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})$/u;

/** A group heading in one cell: "I", "II.", "III. VỀ AN NINH" -> code and the heading text after it. */
export function parseGroupHeading(text: string): { code: string; title: string } | null {
  const match = /^([IVX]{1,6})(?:[.):]|(?=\s)|$)\s*(.*)$/su.exec(text.trim());
  if (!match || !ROMAN.test(match[1]!)) return null;
  return { code: match[1]!, title: match[2]!.trim() };
}

/** The text that follows a table: receivers, signature blocks, notes. Matched on normalised text. */
const TABLE_END: readonly RegExp[] = [
  /^(nơi nhận|lưu|ghi chú|người lập|người ký)\s*:/iu,
  /^(KT|TM|KTL|TL|Q)\.\s*\p{Lu}/u,
  /^(CHỦ TỊCH|PHÓ CHỦ TỊCH|GIÁM ĐỐC|PHÓ GIÁM ĐỐC|TRƯỞNG BAN|PHÓ TRƯỞNG BAN|CHÁNH VĂN PHÒNG)$/u,
];

/** True when a cell starts the part after the table ("Nơi nhận:", "KT. CHỦ TỊCH", "Ghi chú:"). */
export function isTableEnd(text: string): boolean {
  const normalized = normalizeVietnamese(text);
  return TABLE_END.some((pattern) => pattern.test(normalized));
}

/** True for the column-number row under some headers: "(1)", "(2)", "(3)" ... or "1", "2", "3" ... */
export function isColumnNumberRow(cells: readonly string[]): boolean {
  const filled = cells.map((c) => c.trim()).filter((c) => c !== '');
  if (filled.length < 3) return false;
  return filled.every((cell, index) => {
    const match = /^\(?(\d{1,2})\)?$/u.exec(cell);
    return match !== null && Number(match[1]) === index + 1;
  });
}

/** A short quotation of a text for messages. */
export function snippet(text: string, max = 60): string {
  const flat = text.replace(/\s+/gu, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}
