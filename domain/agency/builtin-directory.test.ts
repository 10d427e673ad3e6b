import { describe, expect, it } from 'vitest';
import { AgencyDirectory } from './agency-directory.ts';
import { BUILTIN_AGENCIES } from './builtin-directory.ts';

const directory = new AgencyDirectory(BUILTIN_AGENCIES);

describe('BUILTIN_AGENCIES', () => {
  it('GIVEN the built-in entries THEN keys are unique kebab-case ASCII', () => {
    const keys = BUILTIN_AGENCIES.map((e) => e.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.filter((k) => !/^[a-z0-9]+(-[a-z0-9]+)*$/u.test(k))).toEqual([]);
  });

  it('GIVEN every built-in entry THEN its current holder is an active built-in entry', () => {
    const stranded = BUILTIN_AGENCIES.filter((e) => !directory.currentHolder(e.key).active).map((e) => e.key);
    expect(stranded).toEqual([]);
  });

  it('GIVEN an inactive built-in entry THEN it names a successor, and an active one does not', () => {
    for (const entry of BUILTIN_AGENCIES) {
      if (entry.active) expect(entry.successorKey ?? null, entry.key).toBeNull();
      else expect(directory.get(entry.successorKey ?? ''), entry.key).not.toBeNull();
    }
  });

  it.each([
    ['so-thong-tin-truyen-thong', 'so-khoa-hoc-cong-nghe'],
    ['so-ke-hoach-dau-tu', 'so-tai-chinh'],
    ['so-giao-thong-van-tai', 'so-xay-dung'],
    ['so-nong-nghiep-ptnt', 'so-nong-nghiep-moi-truong'],
    ['so-tai-nguyen-moi-truong', 'so-nong-nghiep-moi-truong'],
    ['so-lao-dong-tbxh', 'so-noi-vu'],
    ['ban-dan-toc', 'so-dan-toc-ton-giao'],
    ['cuc-thong-ke-tinh', 'thong-ke-tinh'],
    ['so-van-hoa-the-thao', 'so-van-hoa-the-thao-du-lich'],
    ['so-du-lich', 'so-van-hoa-the-thao-du-lich'],
    ['bo-thong-tin-truyen-thong', 'bo-khoa-hoc-cong-nghe'],
    ['so-y-te', 'so-y-te'],
    ['cong-an-tinh', 'cong-an-tinh'],
    ['van-phong-ubnd-tinh', 'van-phong-ubnd-tinh'],
  ])('GIVEN the 2023 agency %s THEN its tasks are held by %s after 2025', (from, to) => {
    expect(directory.currentHolder(from).key).toBe(to);
  });

  it.each([
    ['Sở Nội vụ', 'provincial_department'],
    ['Công an tỉnh', 'police'],
    ['Phòng PC06', 'police'],
    ['Văn phòng UBND tỉnh', 'provincial_office'],
    ['UBND tỉnh', 'people_committee'],
    ['Kho bạc Nhà nước', 'central'],
    ['Bộ Công an', 'central'],
    ['VNPT', 'state_enterprise'],
    ['Tỉnh đoàn', 'other'],
  ])('GIVEN %s THEN its kind is %s', (name, kind) => {
    expect(directory.lookup(name)?.kind).toBe(kind);
  });

  it('GIVEN Phòng PC06 THEN it is its own entry, not an alias of Công an tỉnh', () => {
    expect(directory.lookup('PC06')?.key).toBe('phong-pc06');
    expect(directory.lookup('Công an tỉnh')?.key).toBe('cong-an-tinh');
  });
});
