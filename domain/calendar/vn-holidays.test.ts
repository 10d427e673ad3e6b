import { describe, expect, it } from 'vitest';
import { vietnamHolidays } from './vn-holidays.ts';

const dates = (year: number, adjacent?: 'before' | 'after'): string[] =>
  vietnamHolidays(year, adjacent ? { nationalDayAdjacent: adjacent } : {}).map((h) => h.date);

describe('vietnamHolidays (Labour Code 2019, art. 112)', () => {
  it.each([
    [
      2023,
      // 1/1 Sunday -> 2/1; Giỗ Tổ 29/4 Saturday -> 2/5; 30/4 Sunday -> 3/5 (the official 29/4-3/5 break).
      [
        ['2023-01-01', '2023-01-02'],
        ['2023-01-21', '2023-01-22', '2023-01-23', '2023-01-24', '2023-01-25'],
        ['2023-04-29', '2023-04-30', '2023-05-01', '2023-05-02', '2023-05-03'],
        ['2023-09-01', '2023-09-02', '2023-09-04'],
      ],
    ],
    [
      2024,
      // Tết: 30 Chạp (Fri 9/2) .. mùng 4; 1/9 is a Sunday -> 3/9 (the official 2-3/9 weekdays off).
      [
        ['2024-01-01'],
        ['2024-02-09', '2024-02-10', '2024-02-11', '2024-02-12', '2024-02-13'],
        ['2024-04-18', '2024-04-30', '2024-05-01'],
        ['2024-09-01', '2024-09-02', '2024-09-03'],
      ],
    ],
    [
      2025,
      // Tết: 29 Chạp (there was no 30 Tết) = 28/1 .. mùng 4 = Sat 1/2, no extra day for the Saturday.
      [
        ['2025-01-01'],
        ['2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-01'],
        ['2025-04-07', '2025-04-30', '2025-05-01'],
        ['2025-09-01', '2025-09-02'],
      ],
    ],
    [
      2026,
      // Giỗ Tổ 26/4 is a Sunday -> Monday 27/4.
      [
        ['2026-01-01'],
        ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'],
        ['2026-04-26', '2026-04-27', '2026-04-30', '2026-05-01'],
        ['2026-09-01', '2026-09-02'],
      ],
    ],
  ])('GIVEN year %i THEN the days off by law are exactly the expected ones', (year, expected) => {
    expect(dates(year)).toEqual(expected.flat());
  });

  it('GIVEN 2022 (1/1 Sat, Giỗ Tổ 10/4 Sun, 30/4 Sat, 1/5 Sun) THEN the official compensatory days follow', () => {
    const comp = vietnamHolidays(2022).filter((h) => h.compensatory);
    expect(comp.map((h) => h.date)).toEqual(['2022-01-03', '2022-04-11', '2022-05-02', '2022-05-03']);
    expect(comp[2]?.name.vi).toBe('Nghỉ bù Ngày Chiến thắng (30/4)');
    expect(comp[3]?.name.en).toBe("Compensatory day off for International Workers' Day");
  });

  it.each([
    [2024, 'before', ['2024-09-01', '2024-09-02', '2024-09-03']],
    [2024, 'after', ['2024-09-02', '2024-09-03']],
    [2026, 'after', ['2026-09-02', '2026-09-03']],
  ] as const)('GIVEN %i and the adjacent day %s THEN National Day is %j', (year, adjacent, expected) => {
    expect(dates(year, adjacent).filter((d) => d.slice(5, 7) === '09')).toEqual(expected);
  });

  it('GIVEN any year THEN names are bilingual, dates unique and sorted', () => {
    for (let y = 2000; y <= 2100; y++) {
      const list = vietnamHolidays(y);
      const ds = list.map((h) => h.date);
      expect(new Set(ds).size).toBe(ds.length);
      expect([...ds].sort()).toEqual(ds);
      expect(ds.every((d) => d.startsWith(`${y}-`))).toBe(true);
      expect(list.filter((h) => h.name.vi.startsWith('Tết Nguyên đán'))).toHaveLength(5);
      expect(list.every((h) => h.name.vi.length > 0 && h.name.en.length > 0)).toBe(true);
    }
  });

  it('GIVEN a caller mutating the result THEN the next call is unaffected', () => {
    const first = vietnamHolidays(2025);
    first.pop();
    expect(vietnamHolidays(2025)).toHaveLength(11);
  });
});
