/**
 * The dashboard's task search against PostgreSQL: task.search_text is folded by the database's
 * dashboard_fold exactly as foldQuery folds a query (every Vietnamese letter, both cases), it follows
 * edits of the title, and a search matches every word in any order, with or without diacritics.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/support/db.ts';
import { foldQuery, listTasks, type TaskFilter } from './web-pages.ts';

const LOWER = 'àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ';
const TODAY = '2025-12-01';

describe('task search (folded text in the database)', () => {
  let t: TestDatabase;
  let planId: number;
  const filter = (q: string): TaskFilter => ({ q, sort: 'code', desc: false, page: 1 });
  const codes = async (q: string) =>
    (await listTasks(t.db, { all: true }, filter(q), TODAY)).rows.map((r) => r.code);

  beforeAll(async () => {
    t = await createTestDatabase();
    const plan = await t.db.plan.create({ data: { key: 'search', title: 'Tìm kiếm', sourceHash: 's' } });
    planId = plan.id;
    const task = (code: string, position: number, title: string, objective: string | null = null) =>
      t.db.task.create({ data: { planId, code, position, title, objective } });
    await task('1', 1, `Chữ thường ${LOWER}`);
    await task('2', 2, `CHỮ HOA ${LOWER.toUpperCase()}`);
    await task('3', 3, 'Triển khai  dịch vụ công   trực tuyến', 'Tích hợp căn cước điện tử');
    await task('10', 4, 'Cấp Căn Cước cho người dân');
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('GIVEN every Vietnamese letter in both cases THEN the database folds as foldQuery does', async () => {
    const rows = await t.db.task.findMany({
      select: { code: true, title: true, objective: true, searchText: true },
      orderBy: { position: 'asc' },
    });
    for (const r of rows) {
      expect(r.searchText, r.code).toBe(foldQuery(`${r.code} ${r.title} ${r.objective ?? ''}`));
    }
    expect(rows[0]!.searchText).toContain(
      'aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd',
    );
    expect(rows[1]!.searchText).toBe(rows[0]!.searchText!.replace('1 chu thuong', '2 chu hoa'));
  });

  it('GIVEN words with or without diacritics, in any order THEN every word must match', async () => {
    expect(await codes('căn cước')).toEqual(['3', '10']);
    expect(await codes('CAN CUOC')).toEqual(['3', '10']);
    expect(await codes('dien tu can cuoc')).toEqual(['3']);
    expect(await codes('dịch vụ công trực tuyến')).toEqual(['3']);
    expect(await codes('can cuoc thẻ')).toEqual([]);
    expect(await codes('10')).toEqual(['10']);
    expect(await codes('100%_')).toEqual([]);
  });

  it('GIVEN a title edited THEN the folded text follows', async () => {
    await t.db.task.updateMany({ where: { planId, code: '10' }, data: { title: 'Định danh điện tử' } });
    expect(await codes('dinh danh')).toEqual(['10']);
    expect(await codes('can cuoc')).toEqual(['3']);
  });
});
