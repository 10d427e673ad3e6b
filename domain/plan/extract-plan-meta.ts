import { civilDate, isExistingDate } from '../calendar/civil-date.ts';
import { foldForMatch, normalizeVietnamese } from '../text/normalize-vietnamese.ts';
import type { PlanMeta } from './plan-table.ts';

/** Lines that cite other documents: their numbers and dates are not this document's. */
const CITATION = /^(can cu|theo de nghi|xet de nghi|thuc hien)\b/u;

const DOCUMENT_TYPE = /^(quyet dinh|ke hoach|chi thi|cong van|thong bao|chuong trinh|de an)$/u;

const BODY =
  /^(chu tich |tm |kt |bo truong )?(uy ban nhan dan|ubnd|hoi dong nhan dan|ban chi dao|cong an|van phong|so |bo (?!chi huy)|ngan hang nha nuoc|bao hiem xa hoi viet nam)/u;
/** The second line of a two-line issuer heading: "ỦY BAN NHÂN DÂN" / "THÀNH PHỐ ĐÀ NẴNG". */
const PLACE_LINE = /^(tinh|thanh pho) \S/u;
/** The national heading, which a PDF's two-column header puts between the body and its place line. */
const NATIONAL_HEADING = /^cong hoa xa hoi chu nghia viet nam\b/u;

/**
 * The index of the line naming the body's place ("TỈNH LÂM ĐỒNG") right under the body line `i`, or
 * -1. A PDF reads the two-column header row by row, so the national heading may come in between.
 */
function placeLineAfter(lines: readonly string[], folded: readonly string[], i: number): number {
  const next = NATIONAL_HEADING.test(folded[i + 1] ?? '') ? i + 2 : i + 1;
  const line = lines[next];
  return line !== undefined && isUpperCase(line) && PLACE_LINE.test(folded[next]!) ? next : -1;
}

/** Upper-case words that end a province name: "TỈNH BÌNH ĐỊNH TRONG NĂM 2023". */
const PROVINCE_STOP_WORDS = new Set([
  'TRONG',
  'NĂM',
  'GIAI',
  'ĐẾN',
  'VỀ',
  'VÀ',
  'THEO',
  'TẠI',
  'ỦY',
  'UBND',
  'BAN',
]);

const CENTRAL_CITIES = ['Hà Nội', 'Hồ Chí Minh', 'Hải Phòng', 'Đà Nẵng', 'Cần Thơ', 'Huế'];

function isUpperCase(text: string): boolean {
  return text === text.toUpperCase() && /\p{Lu}/u.test(text);
}

function titleCaseWords(text: string): string {
  return text
    .toLowerCase()
    .split(' ')
    .map((w) => (w === '' ? w : w[0]!.toUpperCase() + w.slice(1)))
    .join(' ');
}

/** "ngày 01 tháng 12 năm 2023" or "ngày 01/12/2023" -> "2023-12-01"; blanks and impossible dates -> null. */
export function parseVietnameseDate(text: string): string | null {
  const match =
    /ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/iu.exec(text) ??
    /ngày\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})/iu.exec(text);
  if (!match) return null;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return isExistingDate(year, month, day) ? civilDate(year, month, day) : null;
}

/** "Số: 4466/QĐ-UBND" -> "4466/QĐ-UBND"; "Số: /QĐ-UBND" (number left blank) -> null. */
function documentNumberIn(text: string): string | null {
  const match = /\bsố\s*:?\s*(\d+[a-z]?)\s*\/\s*([\p{Lu}Đ][\p{Lu}Đ\d]*(?:-[\p{Lu}Đ\d]+)*)/iu.exec(text);
  return match ? `${match[1]}/${match[2]}` : null;
}

function distinctNumbers(folded: readonly string[], pattern: RegExp): number[] {
  const found: number[] = [];
  for (const line of folded) {
    for (const match of line.matchAll(pattern)) {
      const n = Number(match[1]);
      if (n > 0 && !found.includes(n)) found.push(n);
    }
  }
  return found;
}

/**
 * Reads the document's own facts from the prose before the table: number ("Số: 4466/QĐ-UBND", or the
 * "Ban hành kèm theo Quyết định số ..." line of the appendix), issuing body, signing date, province,
 * title line under the document type heading, and the announced numbers of tasks and groups ("Danh mục
 * 42 mô hình", "33 nhiệm vụ", "08 nhóm nhiệm vụ"). Cited documents ("Căn cứ ...") are skipped.
 */
export function extractPlanMeta(proseLines: readonly string[]): PlanMeta {
  const lines = proseLines.map((l) => normalizeVietnamese(l)).filter((l) => l !== '');
  const folded = lines.map((l) => foldForMatch(l));

  let title: string | null = null;
  let documentNumber: string | null = null;
  let issuingBody: string | null = null;
  let issueDate: string | null = null;
  let province: string | null = null;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const key = folded[i]!;
    if (CITATION.test(key)) continue;

    if (title === null && DOCUMENT_TYPE.test(key) && isUpperCase(line)) {
      const next = lines[i + 1];
      if (next !== undefined && !CITATION.test(folded[i + 1]!) && !BODY.test(folded[i + 1]!)) title = next;
    }
    if (issuingBody === null && isUpperCase(line) && BODY.test(key) && !/^(tm|kt) /u.test(key)) {
      const place = placeLineAfter(lines, folded, i);
      issuingBody = place >= 0 && !/\b(tinh|thanh pho)\b/u.test(key) ? `${line} ${lines[place]}` : line;
    }
    if (/^so\b/u.test(key)) {
      documentNumber ??= documentNumberIn(line);
    }
    if (/kem theo/u.test(key)) {
      // The clause may wrap onto the next line: "(Ban hành kèm theo Quyết định số /QĐ-UBND / ngày ...)".
      const clause = `${line} ${lines[i + 1] ?? ''}`;
      documentNumber ??= documentNumberIn(clause);
      issueDate ??= parseVietnameseDate(clause);
      if (issuingBody === null) {
        const by = /\bcủa\s+([^()]+?)\)/u.exec(clause);
        if (by) issuingBody = by[1]!.trim();
      }
    }
    // The place and date line: "Bình Định, ngày 01 tháng 12 năm 2023".
    if (/^[^,]{2,40},\s*ngày\s/iu.test(line)) {
      issueDate ??= parseVietnameseDate(line);
    }
  }

  for (const line of lines) {
    const mixed = /\btỉnh\s+(\p{Lu}\p{Ll}*(?:\s+(?:-\s+)?\p{Lu}\p{Ll}*){0,3})/u.exec(line);
    if (mixed) {
      province = mixed[1]!;
      break;
    }
  }
  if (province === null) {
    for (const line of lines) {
      const upper = /\bTỈNH\s+([\p{Lu}]+(?:\s+[\p{Lu}]+){0,3})/u.exec(line);
      if (!upper) continue;
      const words: string[] = [];
      for (const word of upper[1]!.split(/\s+/u)) {
        if (PROVINCE_STOP_WORDS.has(word)) break;
        words.push(word);
      }
      if (words.length > 0) {
        province = titleCaseWords(words.join(' '));
        break;
      }
    }
  }
  if (province === null) {
    const all = folded.join('\n');
    province = CENTRAL_CITIES.find((city) => all.includes(`thanh pho ${foldForMatch(city)}`)) ?? null;
  }

  return {
    title,
    documentNumber,
    issuingBody,
    issueDate,
    province,
    announcedTasks: distinctNumbers(folded, /\b(\d{1,3}) (?:mo hinh|nhiem vu)\b/gu),
    announcedGroups: distinctNumbers(folded, /\b(\d{1,3}) nhom\b/gu),
  };
}
