import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDigest } from '../../domain/digest/build-digest.ts';
import { confirmLearnedAgency } from '../../store/agencies.ts';
import { loadDigestInput } from '../../store/digest-snapshot.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/db.ts';
import { importPlan } from './import-plan.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../domain/plan/__fixtures__');
const seed = (name: string) => readFileSync(path.join(FIXTURES, name));
const S003 = seed('003_9b0c4ba75028efa0.txt');
const S004 = seed('004_6c047a4e24216869.txt');
const S000 = seed('000_5a551a3742c16920.txt');

describe('importPlan against PostgreSQL', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.drop();
  });

  it('GIVEN seed 003 THEN 42 tasks are stored with their deadlines and lead agencies', async () => {
    const result = await importPlan(t.db, { bytes: S003, fileName: '003.txt', dryRun: false });
    expect(result.kind).toBe('imported');
    if (result.kind !== 'imported') return;
    expect(result.changes).toMatchObject({ created: true, unchanged: false });
    expect(result.changes.added).toHaveLength(42);
    const tasks = await t.db.task.findMany({
      where: { planId: result.changes.planId },
      include: { agencies: { include: { agency: true } } },
      orderBy: { position: 'asc' },
    });
    expect(tasks).toHaveLength(42);
    const task2 = tasks.find((x) => x.code === '2');
    expect(task2).toMatchObject({ deadlineRaw: 'Quý III/2024', deadlineKind: 'quarter', recurring: false });
    expect(task2?.dueDate?.toISOString().slice(0, 10)).toBe('2024-09-30');
    expect(task2?.agencies.filter((a) => a.role === 'lead').map((a) => a.agency.name)).toEqual([
      'Văn phòng Ủy ban nhân dân tỉnh',
    ]);
    const task1 = tasks.find((x) => x.code === '1');
    expect(task1?.deadlineKind).toBe('roadmap');
    expect(
      task1?.agencies
        .filter((a) => a.role === 'lead')
        .map((a) => a.agency.name)
        .sort(),
    ).toEqual(['Công an tỉnh', 'Văn phòng Ủy ban nhân dân tỉnh'].sort());
    // Every lead resolves to the directory; the only row without a single lead agency names a group
    // ("Các sở, ban, ngành"): kept as the collective lead, its members (the departments) are assigned
    // through it so that they are reminded, and the task does not need assigning by hand.
    const direct = (x: (typeof tasks)[number]) =>
      x.agencies.some((a) => a.role === 'lead' && a.viaCollective === null);
    expect(tasks.filter((x) => !direct(x)).map((x) => x.code)).toEqual(['34']);
    const task34 = tasks.find((x) => x.code === '34')!;
    expect(task34.collective).toContain('Các sở, ban, ngành');
    expect(task34.leadCollective).toEqual(['Các sở, ban, ngành']);
    expect(task34.needsAssignment).toBe(false);
    const members = task34.agencies.filter((a) => a.viaCollective === 'Các sở, ban, ngành');
    expect(members.map((a) => a.agency.name)).toContain('Sở Y tế');
    expect(members.every((a) => a.role === 'lead' && a.agency.kind === 'provincial_department')).toBe(true);
    expect(result.preview.needsAssignment).toEqual([]);
    expect(result.preview.unknownAgencies).toEqual([]);
  });

  it('GIVEN the same file again THEN nothing changes', async () => {
    const before = await t.db.task.findMany({ orderBy: { id: 'asc' } });
    const result = await importPlan(t.db, { bytes: S003, fileName: '003.txt', dryRun: false });
    expect(result.kind === 'imported' && result.changes.unchanged).toBe(true);
    expect(await t.db.task.findMany({ orderBy: { id: 'asc' } })).toEqual(before);
  });

  it('GIVEN a revised file THEN tasks are updated by code and the changes are reported', async () => {
    const revised = S003.toString('utf8')
      .replace('Quý III/2024', 'Quý IV/2024')
      .replace(/\n42\t[^\n]*(\n[^\d\n][^\n]*)*$/u, '\n');
    const result = await importPlan(t.db, {
      bytes: Buffer.from(revised),
      fileName: '003-revised.txt',
      dryRun: false,
    });
    expect(result.kind).toBe('imported');
    if (result.kind !== 'imported') return;
    expect(result.changes.unchanged).toBe(false);
    expect(result.changes.updated).toContainEqual({ code: '2', fields: ['deadline'] });
    const task2 = await t.db.task.findFirstOrThrow({ where: { code: '2' } });
    expect(task2.dueDate?.toISOString().slice(0, 10)).toBe('2024-12-31');
  });

  it('GIVEN seed 004 THEN 33 tasks in 7 groups, with a warning that the document announces more', async () => {
    const result = await importPlan(t.db, { bytes: S004, fileName: '004.txt', dryRun: false });
    expect(result.kind).toBe('imported');
    if (result.kind !== 'imported') return;
    expect(result.preview.tasks).toHaveLength(33);
    expect(result.preview.groups.map((g) => g.code)).toEqual(['I', 'II', 'III', 'IV', 'V', 'VI', 'VII']);
    expect(result.preview.warnings.some((w) => /8 nhóm/u.test(w.message))).toBe(true);
    expect(await t.db.task.count({ where: { planId: result.changes.planId } })).toBe(33);
    expect(await t.db.taskGroup.count({ where: { planId: result.changes.planId } })).toBe(7);
  });

  it('GIVEN the truncated 000 THEN it is refused with errors at row 23 and the stray text, and nothing is written', async () => {
    const plans = await t.db.plan.count();
    const result = await importPlan(t.db, { bytes: S000, fileName: '000.txt', dryRun: false });
    expect(result.kind).toBe('preview');
    if (result.kind !== 'preview') return;
    expect(result.preview.errors.map((e) => e.row)).toContain(23);
    expect(result.preview.errors.some((e) => e.row === null && /195/u.test(e.message))).toBe(true);
    expect(result.preview.tasks.map((x) => x.code)).toEqual(
      Array.from({ length: 22 }, (_, i) => String(i + 1)),
    );
    expect(await t.db.plan.count()).toBe(plans);
  });

  it('GIVEN a UTF-16 file with a BOM THEN it reads like the UTF-8 one', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(S003.toString('utf8'), 'utf16le')]);
    const result = await importPlan(t.db, { bytes: utf16, fileName: '003-utf16.txt', dryRun: true });
    expect(result.kind === 'preview' && result.preview.tasks.length).toBe(42);
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), S003]);
    const result2 = await importPlan(t.db, { bytes: bom, fileName: '003-bom.txt', dryRun: true });
    expect(result2.kind === 'preview' && result2.preview.tasks.length).toBe(42);
  });

  it('GIVEN an XLSX and a CSV with headers elsewhere THEN both import', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Phụ lục');
    sheet.addRow(['KẾ HOẠCH THỬ NGHIỆM']);
    sheet.addRow(['TT', 'Tên nhiệm vụ', 'Đơn vị chủ trì', 'Đơn vị phối hợp', 'Thời hạn']);
    sheet.addRow([1, 'Làm sạch dữ liệu hộ tịch', 'Sở Tư pháp', 'CAT', 'Quý II/2025']);
    sheet.addRow([2, 'Cấp chữ ký số cho người dân', 'Sở TT&TT', 'BHXH tỉnh, SYT', '30/06/2025']);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const fromXlsx = await importPlan(t.db, {
      bytes: xlsx,
      fileName: 'kh.xlsx',
      dryRun: false,
      planTitle: 'Kế hoạch thử nghiệm',
    });
    expect(fromXlsx.kind).toBe('imported');
    if (fromXlsx.kind !== 'imported') return;
    expect(fromXlsx.preview.tasks.map((x) => [x.code, x.lead, x.deadline.due])).toEqual([
      ['1', ['Sở Tư pháp'], '2025-06-30'],
      ['2', ['Sở Thông tin và Truyền thông'], '2025-06-30'],
    ]);
    const csv =
      'Danh mục nhiệm vụ\nSTT;Nhiệm vụ;Chủ trì;Phối hợp;Thời gian hoàn thành\n1;"Số hóa hồ sơ; lưu trữ";Sở Nội vụ;;Năm 2025\n';
    const fromCsv = await importPlan(t.db, { bytes: Buffer.from(csv), fileName: 'kh.csv', dryRun: true });
    expect(fromCsv.kind === 'preview' && fromCsv.preview.tasks[0]).toMatchObject({
      title: 'Số hóa hồ sơ; lưu trữ',
      lead: ['Sở Nội vụ'],
      deadline: { kind: 'year', due: '2025-12-31' },
    });
  });

  it.each([
    ['an empty file', Buffer.alloc(0), 'x.txt', /rỗng/u],
    [
      'a binary file',
      Buffer.from([0x00, 0x01, 0x02, 0xff, 0x10, 0x00, 0x00, 0x7f, 0x80, 0x00, 0x00, 0x01]),
      'x.bin',
      /Không đọc được/u,
    ],
    ['a legacy-encoded file', Buffer.from([0x53, 0xf4, 0x20, 0xe0, 0xe1, 0xe2, 0xe3]), 'x.txt', /UTF-8/u],
    ['a damaged xlsx', Buffer.from('PK\u0003\u0004garbage'), 'x.xlsx', /XLSX/u],
  ])(
    'GIVEN %s THEN it is refused with a clear reason and nothing is written',
    async (_n, bytes, fileName, reason) => {
      const plans = await t.db.plan.count();
      const result = await importPlan(t.db, { bytes, fileName, dryRun: false });
      expect(result.kind).toBe('unreadable');
      if (result.kind === 'unreadable') expect(result.reason).toMatch(reason);
      expect(await t.db.plan.count()).toBe(plans);
    },
  );

  it('GIVEN wrong columns THEN the import is refused with an error naming the missing columns', async () => {
    const text = 'STT\tHọ tên\tĐiện thoại\n1\tNguyễn Văn A\t0900000000\n';
    const result = await importPlan(t.db, { bytes: Buffer.from(text), fileName: 'wrong.txt', dryRun: false });
    expect(result.kind).toBe('preview');
    if (result.kind === 'preview') expect(result.preview.errors.length).toBeGreaterThan(0);
  });

  it('GIVEN a ministry plan numbered per group THEN tasks are stored by group + code, bodies learned, collectives flagged in the digest', async () => {
    const bytes = readFileSync(path.resolve(import.meta.dirname, '__fixtures__/bo-nnmt-ministry.txt'));
    const result = await importPlan(t.db, { bytes, fileName: 'bo-nnmt-ministry.txt', dryRun: false });
    expect(result.kind).toBe('imported');
    if (result.kind !== 'imported') return;
    expect(result.changes.added).toContain('II.3');
    expect(result.preview.needsAssignment).toEqual(['III.4']);
    const planKey = result.changes.planKey;
    const learned = await t.db.agency.findUnique({ where: { key: 'moi-van-phong-bo' } });
    expect(learned).toMatchObject({ name: 'Văn phòng Bộ', learnedFrom: planKey });
    const task = await t.db.task.findFirstOrThrow({
      where: { planId: result.changes.planId, code: 'I.1' },
      include: { agencies: { include: { agency: true } } },
    });
    expect(task.agencies.filter((a) => a.role === 'lead').map((a) => a.agency.name)).toEqual([
      'Văn phòng Bộ',
    ]);
    const flagged = await t.db.task.findFirstOrThrow({
      where: { planId: result.changes.planId, code: 'III.4' },
    });
    expect(flagged).toMatchObject({ needsAssignment: true, leadCollective: ['Các đơn vị thuộc Bộ'] });

    const again = await importPlan(t.db, { bytes, fileName: 'bo-nnmt-ministry.txt', dryRun: false });
    expect(again.kind === 'imported' && again.changes.unchanged).toBe(true);

    const { input } = await loadDigestInput(t.db, { kind: 'weekly', asOf: new Date('2025-11-03T02:00:00Z') });
    const mine = input.tasks.filter((x) => x.planId === result.changes.planId);
    expect(mine.every((x) => x.lead.length > 0)).toBe(true);
    expect(mine.find((x) => x.code === 'III.4')).toMatchObject({
      lead: ['Các đơn vị thuộc Bộ'],
      needsAssignment: true,
    });
    const model = buildDigest(input);
    expect(model.needsAssignment.map((x) => x.code)).toContain('III.4');
    expect(model.needsAssignment.find((x) => x.code === 'III.4')?.lead).toEqual(['Các đơn vị thuộc Bộ']);
  });

  it('GIVEN a learned body confirmed by an admin THEN later imports no longer list it as learned', async () => {
    const bytes = readFileSync(path.resolve(import.meta.dirname, '__fixtures__/bo-nnmt-ministry.txt'));
    await importPlan(t.db, { bytes, fileName: 'bo-nnmt-ministry.txt', dryRun: false });
    expect(await confirmLearnedAgency(t.db, 'Vụ Pháp chế')).toBe('Vụ Pháp chế');
    const again = await importPlan(t.db, { bytes, fileName: 'bo-nnmt-ministry.txt', dryRun: true });
    expect(again.kind).toBe('preview');
    if (again.kind === 'unreadable') return;
    const learned = again.preview.learnedAgencies.map((l) => l.name);
    expect(learned).not.toContain('Vụ Pháp chế');
    expect(learned).toContain('Văn phòng Bộ');
    expect(again.preview.tasks.find((x) => x.ref === 'I.1')?.support).toContain('Vụ Pháp chế');
  });
});
