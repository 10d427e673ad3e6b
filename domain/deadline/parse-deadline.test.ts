import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeVietnamese } from '../text/normalize-vietnamese.ts';
import { parseIsoDate } from './calendar-date.ts';
import type { DeadlineKind } from './deadline.ts';
import { parseDeadline } from './parse-deadline.ts';

interface Row {
  phrase: string;
  kind: DeadlineKind;
  due: string | null;
  start?: string | null;
  recurring?: boolean;
  /** null: no warning expected; a pattern: a warning matching it is expected. */
  warning?: RegExp | null;
  note?: string;
}

function expectParse(row: Row, referenceYear?: number): void {
  const { deadline, warning } = parseDeadline(
    row.phrase,
    referenceYear === undefined ? {} : { referenceYear },
  );
  expect(deadline).toEqual({
    raw: row.phrase.trim(),
    kind: row.kind,
    due: row.due,
    start: row.start ?? null,
    recurring: row.recurring ?? false,
  });
  if (row.warning) expect(warning).toMatch(row.warning);
  else expect(warning).toBeNull();
}

const UNREADABLE = /Could not read/;

/**
 * Every phrase of the "Thời gian hoàn thành" column of the seed documents, copied from the files:
 * 000 (Decision 4466, one cell per line, rows 01-22; row 23 is cut off before its deadline),
 * 003 (the same decision as tab-separated rows, with rows split across pages) and
 * 004 (the 2023 implementation plan). 002 is a report without a deadline column; its only deadline
 * phrase ("hoàn thành trước ngày 31/12/2024", in Phụ lục 1) is listed too.
 */
const SEED_PHRASES: Row[] = [
  {
    note: '000/003 #01 #06 #12-15 #19-21, 003 #23 #39 #40',
    phrase: 'Theo lộ trình triển khai của Cục C06 thuộc Bộ Công an',
    kind: 'roadmap',
    due: null,
  },
  { note: '000/003 #02', phrase: 'Quý III/2024', kind: 'quarter', due: '2024-09-30' },
  {
    note: '000/003 #03 #08-10 #22, 003 #24',
    phrase: 'Năm 2023 và những năm tiếp theo',
    kind: 'year',
    due: '2023-12-31',
    recurring: true,
  },
  { note: '000/003 #04', phrase: 'Quý IV/2023', kind: 'quarter', due: '2023-12-31' },
  { note: '000/003 #05', phrase: 'Năm 2023', kind: 'year', due: '2023-12-31' },
  {
    note: '000/003 #07 #11',
    phrase: 'Năm 2024 và những năm tiếp theo',
    kind: 'year',
    due: '2024-12-31',
    recurring: true,
  },
  { note: '000/003 #16, 003 #33', phrase: 'Quý II/2024', kind: 'quarter', due: '2024-06-30' },
  { note: '000/003 #17, 003 #35-37 #41', phrase: 'Quý I/2024', kind: 'quarter', due: '2024-03-31' },
  { note: '000/003 #18', phrase: 'Năm 2023.', kind: 'year', due: '2023-12-31' },
  {
    note: '003 #25 #26 #28 #29 #34, 004 (15 rows)',
    phrase: 'Thực hiện thường xuyên',
    kind: 'ongoing',
    due: null,
    recurring: true,
  },
  {
    note: '003 #30',
    phrase: 'Năm 2023 và những năm tiếp theo.',
    kind: 'year',
    due: '2023-12-31',
    recurring: true,
  },
  {
    note: '003 #31 #32',
    phrase: 'Trong năm 2023 và những năm tiếp theo.',
    kind: 'year',
    due: '2023-12-31',
    recurring: true,
  },
  {
    note: '003 #27 joined across the page break',
    phrase: 'Trong năm 2023 và những năm tiếp theo',
    kind: 'year',
    due: '2023-12-31',
    recurring: true,
  },
  {
    note: '003 #42',
    phrase: 'Quý I/2024 và những năm tiếp theo',
    kind: 'quarter',
    due: '2024-03-31',
    recurring: true,
  },
  // 003: a row split across a page break leaves its deadline in two cells; the plan parser joins them,
  // but each half on its own must not be misread.
  { note: '003 #12 first page', phrase: 'Theo lộ trình triển khai', kind: 'roadmap', due: null },
  {
    note: '003 #12 next page',
    phrase: 'của Cục C06 thuộc Bộ Công an',
    kind: 'none',
    due: null,
    warning: UNREADABLE,
  },
  {
    note: '003 #22 first page',
    phrase: 'Năm 2023 và những năm tiếp',
    kind: 'year',
    due: '2023-12-31',
    recurring: true,
  },
  { note: '003 #22 next page', phrase: 'theo', kind: 'none', due: null, warning: UNREADABLE },
  {
    note: '003 #27 first page',
    phrase: 'Trong năm 2023 và những năm',
    kind: 'year',
    due: '2023-12-31',
    recurring: true,
  },
  { note: '003 #27 next page', phrase: 'tiếp theo', kind: 'none', due: null, warning: UNREADABLE },
  {
    note: '003 #38 first page',
    phrase: 'Theo lộ trình triển khai của Cục C06 thuộc Bộ',
    kind: 'roadmap',
    due: null,
  },
  { note: '003 #38 next page', phrase: 'Công an', kind: 'none', due: null, warning: UNREADABLE },
  { note: '003 continuation of #17 #33, 004 #15 and group rows', phrase: '', kind: 'none', due: null },
  { note: '004 #1 #6 #16 #18-20 #22', phrase: 'Tháng 3/2023', kind: 'month', due: '2023-03-31' },
  { note: '004 #3', phrase: 'Quý I/2023', kind: 'quarter', due: '2023-03-31' },
  { note: '004 #5', phrase: 'Tháng 7/2023', kind: 'month', due: '2023-07-31' },
  { note: '004 #7 #29', phrase: 'Quý II/2023', kind: 'quarter', due: '2023-06-30' },
  { note: '004 #8', phrase: 'Tháng 9/2023', kind: 'month', due: '2023-09-30' },
  { note: '004 #10 #13 #26 #28', phrase: 'Tháng 6/2023', kind: 'month', due: '2023-06-30' },
  { note: '004 #12', phrase: 'Tháng 4/2023', kind: 'month', due: '2023-04-30' },
  {
    note: '004 #14: the date belongs to the resolution, not to the task',
    phrase: 'Lộ trình theo Nghị quyết 50/NQ-CP, ngày 8/4/2022',
    kind: 'roadmap',
    due: null,
  },
  {
    note: '004 #23',
    phrase: 'Từ quý II/2023 và thực hiện thường xuyên',
    kind: 'ongoing',
    due: null,
    start: '2023-04-01',
    recurring: true,
  },
  { note: '004 #25', phrase: 'Tháng 05/2023', kind: 'month', due: '2023-05-31' },
  { note: '002 Phụ lục 1', phrase: 'hoàn thành trước ngày 31/12/2024', kind: 'date', due: '2024-12-31' },
];

/** Spellings listed in the issue and in notes/domain.md ("Deadlines as written"). */
const VARIANTS: Row[] = [
  // Several quarters or months sharing one word: from the first one's start to the last one's end.
  { phrase: 'Quý II, III/2025', kind: 'quarter', start: '2025-04-01', due: '2025-09-30' },
  { phrase: 'Quý 3 và 4 năm 2025', kind: 'quarter', start: '2025-07-01', due: '2025-12-31' },
  { phrase: 'Quý I, II, III, IV năm 2026', kind: 'quarter', start: '2026-01-01', due: '2026-12-31' },
  { phrase: 'Tháng 6 và 12/2025', kind: 'month', start: '2025-06-01', due: '2025-12-31' },
  { phrase: 'Tháng 9-10/2025', kind: 'month', start: '2025-09-01', due: '2025-10-31' },
  { phrase: 'Q3/2025', kind: 'quarter', due: '2025-09-30' },
  { phrase: 'Q.IV năm 2025', kind: 'quarter', due: '2025-12-31' },
  { phrase: 'trước ngày 30/10/2023', kind: 'date', due: '2023-10-30' },
  { phrase: '30/12/2023', kind: 'date', due: '2023-12-30' },
  { phrase: '30-12-2023', kind: 'date', due: '2023-12-30' },
  { phrase: '30.12.2023', kind: 'date', due: '2023-12-30' },
  { phrase: 'ngày 30 tháng 12 năm 2023', kind: 'date', due: '2023-12-30' },
  { phrase: 'ngày 30 tháng mười hai năm 2023', kind: 'date', due: '2023-12-30' },
  { phrase: 'Chậm nhất ngày 29/02/2024', kind: 'date', due: '2024-02-29' },
  { phrase: '6 tháng đầu năm 2024', kind: 'half_year', due: '2024-06-30' },
  { phrase: '6 tháng cuối năm 2024', kind: 'half_year', due: '2024-12-31' },
  { phrase: 'Trong 6 tháng đầu năm 2024', kind: 'half_year', due: '2024-06-30' },
  { phrase: 'sáu tháng cuối năm 2023', kind: 'half_year', due: '2023-12-31' },
  { phrase: 'Quý 2/2024', kind: 'quarter', due: '2024-06-30' },
  { phrase: 'quý II năm 2024', kind: 'quarter', due: '2024-06-30' },
  { phrase: 'quí IV/2023', kind: 'quarter', due: '2023-12-31' },
  { phrase: 'Quí I/2024', kind: 'quarter', due: '2024-03-31' },
  { phrase: 'Quý 3.2024', kind: 'quarter', due: '2024-09-30' },
  { phrase: 'Quý I - 2024', kind: 'quarter', due: '2024-03-31' },
  { phrase: 'quý một năm 2024', kind: 'quarter', due: '2024-03-31' },
  { phrase: 'quý hai/2024', kind: 'quarter', due: '2024-06-30' },
  { phrase: 'quý ba năm 2024', kind: 'quarter', due: '2024-09-30' },
  { phrase: 'quý bốn năm 2024', kind: 'quarter', due: '2024-12-31' },
  { phrase: 'quý tư/2024', kind: 'quarter', due: '2024-12-31' },
  { phrase: 'tháng mười hai/2023', kind: 'month', due: '2023-12-31' },
  { phrase: 'tháng hai năm 2024', kind: 'month', due: '2024-02-29' },
  { phrase: 'tháng năm năm 2024', kind: 'month', due: '2024-05-31' },
  { phrase: 'Tháng 3 năm 2023', kind: 'month', due: '2023-03-31' },
  { phrase: '03/2023', kind: 'month', due: '2023-03-31' },
  { phrase: 'Quy III/2024', kind: 'quarter', due: '2024-09-30' },
  { phrase: 'thang 3/2023', kind: 'month', due: '2023-03-31' },
  { phrase: 'thuong xuyen', kind: 'ongoing', due: null, recurring: true },
  { phrase: 'QUÝ III/2024', kind: 'quarter', due: '2024-09-30' },
  { phrase: 'THỰC HIỆN THƯỜNG XUYÊN.', kind: 'ongoing', due: null, recurring: true },
  { phrase: 'Quý III/2024.', kind: 'quarter', due: '2024-09-30' },
  { phrase: 'Quý III / 2024', kind: 'quarter', due: '2024-09-30' },
  { phrase: 'cuối quý II/2024', kind: 'quarter', due: '2024-06-30' },
  { phrase: 'hết quý III/2024', kind: 'quarter', due: '2024-09-30' },
  { phrase: 'đến hết năm 2024', kind: 'year', due: '2024-12-31' },
  { phrase: 'trong năm 2023', kind: 'year', due: '2023-12-31' },
  { phrase: 'Cuối năm 2024', kind: 'year', due: '2024-12-31' },
  { phrase: '2025', kind: 'year', due: '2025-12-31' },
  { phrase: 'duy trì thường xuyên', kind: 'ongoing', due: null, recurring: true },
  { phrase: 'Thường xuyên trong năm', kind: 'ongoing', due: null, recurring: true },
  { phrase: 'Thực hiện thường xuyên trong năm', kind: 'ongoing', due: null, recurring: true },
  { phrase: 'thuong xuyen trong nam', kind: 'ongoing', due: null, recurring: true },
  { phrase: 'Duy trì thực hiện hàng năm', kind: 'ongoing', due: null, recurring: true },
  { phrase: 'Hằng năm', kind: 'ongoing', due: null, recurring: true },
  { phrase: 'Năm 2023 và duy trì', kind: 'year', due: '2023-12-31', recurring: true },
  { phrase: 'Quý IV/2023, duy trì thực hiện hàng năm', kind: 'quarter', due: '2023-12-31', recurring: true },
  {
    phrase: 'trước ngày 30/10/2023 và duy trì thường xuyên',
    kind: 'date',
    due: '2023-10-30',
    recurring: true,
  },
  { phrase: 'Theo hướng dẫn của Bộ Công an', kind: 'roadmap', due: null },
  { phrase: 'theo kế hoạch của Bộ Thông tin và Truyền thông', kind: 'roadmap', due: null },
  {
    phrase: 'Theo lộ trình của Chính phủ và thực hiện thường xuyên',
    kind: 'roadmap',
    due: null,
    recurring: true,
  },
  { phrase: 'Theo Kế hoạch số 12/KH-UBND ngày 05/01/2023', kind: 'roadmap', due: null },
  {
    phrase: 'Quý IV/2024 (theo Quyết định số 422/QĐ-TTg ngày 04/4/2022)',
    kind: 'quarter',
    due: '2024-12-31',
  },
  {
    phrase: 'Theo lộ trình, hoàn thành Quý III/2024',
    kind: 'quarter',
    due: '2024-09-30',
    warning: /roadmap as well as a date/,
  },
  { phrase: 'đầu quý II/2024', kind: 'quarter', due: '2024-06-30', warning: /"đầu"/ },
  { phrase: 'Quý II/2023 - Quý IV/2023', kind: 'quarter', due: '2023-12-31', start: '2023-04-01' },
  { phrase: 'từ 01/3 đến 30/6/2024', kind: 'date', due: '2024-06-30', start: '2024-03-01' },
  { phrase: 'Từ tháng 3/2023 đến tháng 6/2023', kind: 'month', due: '2023-06-30', start: '2023-03-01' },
  { phrase: 'Giai đoạn 2023-2025', kind: 'year', due: '2025-12-31', start: '2023-01-01' },
  { phrase: 'Từ ngày 01/7/2024', kind: 'ongoing', due: null, start: '2024-07-01', recurring: true },
  { phrase: '  Quý I/2024 \n', kind: 'quarter', due: '2024-03-31' },
  { phrase: '<b>Quý I/2024</b>', kind: 'quarter', due: '2024-03-31' },
  { phrase: 'Quy\u0301 III/2024', kind: 'quarter', due: '2024-09-30', note: 'decomposed (NFD)' },
  {
    phrase: 'Năm 2023 và những năm tiếp theo'.normalize('NFD'),
    kind: 'year',
    due: '2023-12-31',
    recurring: true,
    note: 'decomposed (NFD)',
  },
  { phrase: '   ', kind: 'none', due: null },
  { phrase: '<b></b>', kind: 'none', due: null },
];

/** Phrases that name no year: read with referenceYear 2024. */
const YEARLESS: Row[] = [
  { phrase: 'trước 15/12', kind: 'date', due: '2024-12-15', warning: /2024 was assumed/ },
  { phrase: 'ngày 15 tháng 12', kind: 'date', due: '2024-12-15', warning: /2024 was assumed/ },
  { phrase: 'quý II', kind: 'quarter', due: '2024-06-30', warning: /2024 was assumed/ },
  { phrase: 'cuối năm', kind: 'year', due: '2024-12-31', warning: /2024 was assumed/ },
  { phrase: '6 tháng đầu năm', kind: 'half_year', due: '2024-06-30', warning: /2024 was assumed/ },
  {
    phrase: 'Quý I hằng năm',
    kind: 'quarter',
    due: '2024-03-31',
    recurring: true,
    warning: /2024 was assumed/,
  },
  {
    phrase: 'từ 01/3 đến 30/6/2025',
    kind: 'date',
    due: '2025-06-30',
    start: '2025-03-01',
    note: 'year borrowed',
  },
  { phrase: 'Quý IV/2023', kind: 'quarter', due: '2023-12-31', note: 'a written year wins' },
];

/** Never guessed: kind none, raw kept, and a warning that says why. */
const REFUSED: Row[] = [
  { phrase: 'trước 15/12', kind: 'none', due: null, warning: /no year/, note: 'no reference year' },
  { phrase: 'Quý II', kind: 'none', due: null, warning: /no year/, note: 'no reference year' },
  { phrase: '31/02/2023', kind: 'none', due: null, warning: /does not exist/ },
  { phrase: '29/02/2023', kind: 'none', due: null, warning: /does not exist/ },
  { phrase: '32/12/2023', kind: 'none', due: null, warning: /not a date/ },
  { phrase: 'Tháng 13/2023', kind: 'none', due: null, warning: /month 13/ },
  { phrase: 'Quý V/2024', kind: 'none', due: null, warning: /not a quarter/ },
  { phrase: 'Quý 5/2024', kind: 'none', due: null, warning: /not a quarter/ },
  { phrase: 'Quý III/24', kind: 'none', due: null, warning: /number 24/ },
  { phrase: 'Năm 1800', kind: 'none', due: null, warning: /out of range/ },
  { phrase: 'Năm 2023 - 2022', kind: 'none', due: null, warning: /ends before it starts/ },
  { phrase: 'Trong vòng 30 ngày kể từ ngày ký', kind: 'none', due: null, warning: /issue date/ },
  { phrase: 'Sau khi có hướng dẫn', kind: 'none', due: null, warning: /another event/ },
  { phrase: 'Tháng sau', kind: 'none', due: null, warning: /another event/ },
  { phrase: 'Chưa xác định', kind: 'none', due: null, warning: UNREADABLE },
  { phrase: 'abc', kind: 'none', due: null, warning: UNREADABLE },
  { phrase: '-', kind: 'none', due: null, warning: UNREADABLE },
];

describe('parseDeadline', () => {
  it.each(SEED_PHRASES)('GIVEN the seed phrase $phrase ($note) THEN it is $kind due $due', (row) => {
    expectParse(row);
  });

  it.each(VARIANTS)('GIVEN the variant $phrase THEN it is $kind due $due', (row) => {
    expectParse(row);
  });

  it.each(YEARLESS)('GIVEN $phrase and reference year 2024 THEN it is $kind due $due', (row) => {
    expectParse(row, 2024);
  });

  it.each(REFUSED)('GIVEN $phrase THEN it is refused with a warning', (row) => {
    expectParse(row);
  });

  it('GIVEN a reference year that is not a year THEN a yearless phrase is refused', () => {
    expect(parseDeadline('quý II', { referenceYear: 2024.5 }).deadline.kind).toBe('none');
  });
});

const DATED: ReadonlySet<DeadlineKind> = new Set(['date', 'month', 'quarter', 'half_year', 'year']);
const FRAGMENTS = [
  'quý',
  'quí',
  'III',
  'iv',
  '2',
  '/',
  '-',
  '.',
  '2024',
  '2023',
  'năm',
  'tháng',
  'ngày',
  '30/6',
  '31/02',
  '13',
  'từ',
  'đến',
  'trước',
  'thường xuyên',
  'hằng năm',
  'và những năm tiếp theo',
  '6 tháng đầu năm',
  'lộ trình',
  'Nghị quyết 50/NQ-CP',
  'đầu',
  'mười hai',
  '<b>',
  '\u0301',
];
const phraseLike = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 8 }).map((parts) => parts.join(' '));
const anyInput = fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), phraseLike);

describe('parseDeadline properties', () => {
  it('GIVEN any string THEN it never throws, keeps the trimmed input and either reads it or explains', () => {
    fc.assert(
      fc.property(
        anyInput,
        fc.option(fc.integer({ min: 1990, max: 2100 }), { nil: undefined }),
        (s, year) => {
          const { deadline, warning } = parseDeadline(s, year === undefined ? {} : { referenceYear: year });
          expect(deadline.raw).toBe(s.trim());
          if (normalizeVietnamese(s) !== '') expect(deadline.kind !== 'none' || warning !== null).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('GIVEN any string THEN dates are real YYYY-MM-DD days, present exactly for dated kinds, start before due', () => {
    fc.assert(
      fc.property(anyInput, (s) => {
        const { deadline } = parseDeadline(s, { referenceYear: 2024 });
        expect(deadline.due !== null).toBe(DATED.has(deadline.kind));
        for (const d of [deadline.due, deadline.start])
          if (d !== null) expect(parseIsoDate(d)).not.toBeNull();
        if (deadline.start !== null && deadline.due !== null)
          expect(deadline.start <= deadline.due).toBe(true);
        if (deadline.kind === 'ongoing') expect(deadline.recurring).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
