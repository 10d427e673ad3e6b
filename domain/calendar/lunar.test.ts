import { describe, expect, it } from 'vitest';
import { addDays, dateParts } from './civil-date.ts';
import { lunarNewYear, lunarToSolar } from './lunar.ts';

describe('Vietnamese lunar calendar (UTC+7)', () => {
  it.each([
    [2023, '2023-01-22'],
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
    [2007, '2007-02-17'], // China: 2007-02-18
    [1985, '1985-01-21'], // China: 1985-02-20
  ])('GIVEN lunar year %i THEN mùng 1 Tết is %s', (year, expected) => {
    expect(lunarNewYear(year)).toBe(expected);
  });

  it.each([
    [2023, '2023-04-29'],
    [2024, '2024-04-18'],
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
  ])('GIVEN year %i THEN Giỗ Tổ (10/3 lunar) is %s', (year, expected) => {
    expect(lunarToSolar(10, 3, year)).toBe(expected);
  });

  it('GIVEN every year 1900-2199 THEN Tết falls between 21 January and 20 February', () => {
    for (let y = 1900; y <= 2199; y++) {
      const tet = lunarNewYear(y);
      expect(dateParts(tet).year).toBe(y);
      expect(tet >= `${y}-01-21` && tet <= `${y}-02-20`).toBe(true);
      // Lunar years last 353-355 or 383-385 days.
      const len = (Date.parse(lunarNewYear(y + 1 > 2199 ? y : y + 1)) - Date.parse(tet)) / 86_400_000;
      if (y < 2199) expect([353, 354, 355, 383, 384, 385]).toContain(len);
    }
  });

  it('GIVEN a year outside 1200-2199 THEN it throws', () => {
    expect(() => lunarNewYear(1100)).toThrow(RangeError);
    expect(() => lunarNewYear(2200)).toThrow(RangeError);
  });

  it('GIVEN 30 Chạp of a year whose last month has 29 days THEN it throws', () => {
    // Tết Ất Tỵ 2025 had no "30 Tết": the day before mùng 1 was 29 Chạp.
    expect(addDays(lunarNewYear(2025), -1)).toBe(lunarToSolar(29, 12, 2024));
    expect(() => lunarToSolar(30, 12, 2024)).toThrow(RangeError);
    // Tết 2024 had one: 30 Chạp Quý Mão = 2024-02-09.
    expect(lunarToSolar(30, 12, 2023)).toBe('2024-02-09');
  });
});
