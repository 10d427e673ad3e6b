import { describe, expect, it } from 'vitest';
import type { AgencyEntry } from './agency.ts';
import { AgencyDirectory } from './agency-directory.ts';
import { BUILTIN_AGENCIES } from './builtin-directory.ts';

const directory = new AgencyDirectory(BUILTIN_AGENCIES);

function make(key: string, successorKey: string | null, active = successorKey === null): AgencyEntry {
  return { key, name: `Cơ quan ${key}`, kind: 'other', aliases: [], successorKey, active };
}

describe('AgencyDirectory.lookup', () => {
  it.each([
    ['Sở Thông tin và Truyền thông', 'so-thong-tin-truyen-thong'],
    ['Sở Thông tin và Truyền thông tỉnh Bình Định', 'so-thong-tin-truyen-thong'],
    ['Sở TT và TT', 'so-thong-tin-truyen-thong'],
    ['Sở TT&TT tỉnh', 'so-thong-tin-truyen-thong'],
    ['so thong tin va truyen thong', 'so-thong-tin-truyen-thong'],
    ['Sở Thông tin Truyền thông', 'so-thong-tin-truyen-thong'],
    ['stttt', 'so-thong-tin-truyen-thong'],
    ['Sở Lao động – Thương binh và Xã hội', 'so-lao-dong-tbxh'],
    ['Sở Lao động-Thương binh và Xã hội', 'so-lao-dong-tbxh'],
    ['Sở LĐ-TB&XH', 'so-lao-dong-tbxh'],
    ['SLĐTBXH', 'so-lao-dong-tbxh'],
    ['Sở GD&ĐT', 'so-giao-duc-dao-tao'],
    ['SGDĐT', 'so-giao-duc-dao-tao'],
    ['Sở KH&ĐT', 'so-ke-hoach-dau-tu'],
    ['Sở TN&MT', 'so-tai-nguyen-moi-truong'],
    ['Sở NN&PTNT', 'so-nong-nghiep-ptnt'],
    ['Sở VHTT&DL', 'so-van-hoa-the-thao-du-lich'],
    ['Sở KH&CN', 'so-khoa-hoc-cong-nghe'],
    ['Sở GTVT', 'so-giao-thong-van-tai'],
    ['Uỷ ban nhân dân tỉnh', 'ubnd-tinh'],
    ['UBND tỉnh Gia Lai', 'ubnd-tinh'],
    ['VP UBND tỉnh', 'van-phong-ubnd-tinh'],
    ['Văn phòng UBND tỉnh', 'van-phong-ubnd-tinh'],
    ['Văn phòng Ủy ban nhân dân tỉnh', 'van-phong-ubnd-tinh'],
    ['Cong an tinh Binh Dinh', 'cong-an-tinh'],
    ['CAT', 'cong-an-tinh'],
    ['Phòng PC06', 'phong-pc06'],
    ['BHXH tỉnh', 'bhxh-tinh'],
    ['Bảo hiểm xã hội Việt Nam', 'bhxh-viet-nam'],
    ['Cục C06 thuộc Bộ Công an', 'cuc-c06'],
    ['Ban Dân tộc tỉnh', 'ban-dan-toc'],
    ['Sở Y tế'.normalize('NFD'), 'so-y-te'],
    ['  - Sở Y tế. ', 'so-y-te'],
  ])('GIVEN %j THEN it is %s', (name, key) => {
    expect(directory.lookup(name)?.key).toBe(key);
  });

  it.each([
    ['several agencies', 'Sở Y tế, Công an tỉnh'],
    ['an unknown body', 'Hội Nông dân tỉnh'],
    ['a group', 'Các sở, ban, ngành'],
    ['empty text', ''],
    ['a name followed by more', 'Sở Y tế và Hội Nông dân'],
  ])('GIVEN %s THEN it is null', (_name, text) => {
    expect(directory.lookup(text)).toBeNull();
  });

  it.each([
    ['UBND huyện Tuy Phước', 'ubnd-huyen-tuy-phuoc', 'UBND huyện Tuy Phước', 'district_committee', false],
    [
      'Ủy ban nhân dân thị xã An Nhơn',
      'ubnd-thi-xa-an-nhon',
      'UBND thị xã An Nhơn',
      'district_committee',
      false,
    ],
    ['UBND TP Quy Nhơn', 'ubnd-thanh-pho-quy-nhon', 'UBND thành phố Quy Nhơn', 'district_committee', false],
    ['ubnd tx an nhon', 'ubnd-thi-xa-an-nhon', 'UBND thị xã An Nhon', 'district_committee', false],
    ['UBND xã Cát Tiến', 'ubnd-xa-cat-tien', 'UBND xã Cát Tiến', 'commune_committee', true],
    ['UBND phường Ghềnh Ráng', 'ubnd-phuong-ghenh-rang', 'UBND phường Ghềnh Ráng', 'commune_committee', true],
  ])('GIVEN the local committee %j THEN a %s entry is synthesised', (text, key, name, kind, active) => {
    const fresh = new AgencyDirectory(BUILTIN_AGENCIES);
    const entry = fresh.lookup(text);
    expect(entry).toMatchObject({ key, kind, active, successorKey: null });
    expect(entry?.name).toBe(name);
    expect(fresh.get(key)).toBe(entry);
    expect(fresh.currentHolder(key)).toBe(entry);
  });

  it('GIVEN every built-in name and alias THEN it looks up to its own entry', () => {
    const misses = BUILTIN_AGENCIES.flatMap((entry) =>
      [entry.name, entry.shortName ?? entry.name, ...entry.aliases]
        .filter((alias) => directory.lookup(alias)?.key !== entry.key)
        .map((alias) => `${entry.key}: ${alias}`),
    );
    expect(misses).toEqual([]);
  });
});

describe('AgencyDirectory construction', () => {
  it('GIVEN an admin alias THEN lookup and parsing use it', () => {
    const withAlias = new AgencyDirectory(BUILTIN_AGENCIES, [
      { alias: 'Tổ giúp việc Đề án 06', key: 'phong-pc06' },
    ]);
    expect(withAlias.lookup('Tổ giúp việc Đề án 06 tỉnh')?.key).toBe('phong-pc06');
    expect(directory.lookup('Tổ giúp việc Đề án 06')).toBeNull();
  });

  it('GIVEN an admin alias spelled like a built-in one THEN the admin alias wins', () => {
    const withAlias = new AgencyDirectory(BUILTIN_AGENCIES, [{ alias: 'Bưu điện', key: 'vnpt-tinh' }]);
    expect(withAlias.lookup('Bưu điện')?.key).toBe('vnpt-tinh');
  });

  it.each([
    ['a duplicate key', [make('a', null), make('a', null)], [], /Duplicate agency key "a"/],
    [
      'an alias claimed twice',
      [
        { ...make('a', null), aliases: ['Sở X'] },
        { ...make('b', null), aliases: ['So X'] },
      ],
      [],
      /already used by "a"/,
    ],
    [
      'an alias for an unknown key',
      [make('a', null)],
      [{ alias: 'X', key: 'zzz' }],
      /unknown agency key "zzz"/,
    ],
  ])('GIVEN %s THEN the constructor throws', (_name, entries, aliases, message) => {
    expect(() => new AgencyDirectory(entries, aliases)).toThrow(message);
  });

  it('GIVEN the directory THEN entries() lists the given entries in order', () => {
    expect(directory.entries().map((e) => e.key)).toEqual(BUILTIN_AGENCIES.map((e) => e.key));
    expect(directory.get('so-y-te')?.name).toBe('Sở Y tế');
    expect(directory.get('nope')).toBeNull();
  });
});

describe('AgencyDirectory.currentHolder', () => {
  it('GIVEN Sở Thông tin và Truyền thông THEN Sở Khoa học và Công nghệ holds its tasks', () => {
    expect(directory.currentHolder('so-thong-tin-truyen-thong').name).toBe('Sở Khoa học và Công nghệ');
  });

  it('GIVEN a two-step chain THEN it follows both steps', () => {
    const chain = new AgencyDirectory([make('a', 'b'), make('b', 'c'), make('c', null)]);
    expect(chain.currentHolder('a').key).toBe('c');
    expect(chain.currentHolder('c').key).toBe('c');
  });

  it.each([
    ['a two-entry cycle', [make('a', 'b', false), make('b', 'a', true)], 'a', 'b'],
    ['a self-loop', [make('a', 'a', true)], 'a', 'a'],
    [
      'a cycle of inactive entries',
      [make('a', 'b', false), make('b', 'c', false), make('c', 'a', false)],
      'b',
      'b',
    ],
  ])('GIVEN %s THEN it returns without hanging', (_name, entries, from, expected) => {
    expect(new AgencyDirectory(entries).currentHolder(from).key).toBe(expected);
  });

  it('GIVEN a successor key that does not exist THEN it stops at the last known entry', () => {
    expect(new AgencyDirectory([make('a', 'gone', false)]).currentHolder('a').key).toBe('a');
  });

  it('GIVEN an unknown key THEN it throws', () => {
    expect(() => directory.currentHolder('nope')).toThrow(RangeError);
  });
});
