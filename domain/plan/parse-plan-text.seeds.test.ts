import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { foldForMatch } from '../text/normalize-vietnamese.ts';
import { parsePlanText } from './parse-plan-text.ts';
import type { PlanRow } from './plan-table.ts';

/** Real plan documents kept in `__fixtures__/` next to this test, read only by tests. */
const seed = (name: string): string =>
  readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

const draft = parsePlanText(seed('003_9b0c4ba75028efa0.txt'));
const plan2023 = parsePlanText(seed('004_6c047a4e24216869.txt'));
const extracted = parsePlanText(seed('000_5a551a3742c16920.txt'));

const byCode = (rows: readonly PlanRow[], code: string): PlanRow => {
  const row = rows.find((r) => r.code === code);
  if (!row) throw new Error(`no row ${code}`);
  return row;
};

describe('GIVEN the draft decision 003 (tab-separated, split across pages)', () => {
  it('THEN it reads 42 models in order, without errors, as a TSV table', () => {
    expect(draft.format).toBe('tsv');
    expect(draft.errors).toEqual([]);
    expect(draft.rows.map((r) => r.code)).toEqual(Array.from({ length: 42 }, (_, i) => String(i + 1)));
    expect(draft.columns).toEqual(['code', 'title', 'objective', 'lead', 'support', 'deadline']);
    expect(draft.groups).toEqual([]);
    expect(draft.warnings).toEqual([]);
  });

  it('THEN the document facts come from the prose before the table', () => {
    expect(draft.meta).toEqual({
      title:
        'Phê duyệt Danh mục 42 mô hình thực hiện Đề án “Phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử phục vụ chuyển đổi số quốc gia giai đoạn 2022-2025, tầm nhìn đến năm 2030” trên địa bàn tỉnh Bình Định',
      documentNumber: null,
      issuingBody: 'CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH',
      issueDate: null,
      province: 'Bình Định',
      announcedTasks: [42],
      announcedGroups: [],
    });
  });

  it.each([
    [
      '1',
      66,
      'Triển khai hiệu quả 53 dịch vụ công thiết yếu.',
      'Công an tỉnh, Văn phòng Ủy ban nhân dân tỉnh',
      'Các cơ quan chuyên môn thuộc tỉnh, địa phương liên quan',
      'Theo lộ trình triển khai của Cục C06 thuộc Bộ Công an',
    ],
    [
      '5',
      72,
      'Khám chữa bệnh sử dụng thẻ CCCD và VNeID.',
      'Sở Y tế',
      'Công an tỉnh, Bảo hiểm xã hội tỉnh, Sở Thông tin và Truyền thông, Sở Y tế.',
      'Năm 2023',
    ],
    [
      '12',
      81,
      'Triển khai Camera AI kiểm soát ra/vào tại Khu du lịch.',
      'Sở Du lịch',
      'Công an tỉnh, Sở Thông tin và Truyền thông.',
      'Theo lộ trình triển khai của Cục C06 thuộc Bộ Công an',
    ],
    [
      '17',
      89,
      'Triển khai giải pháp xử phạt giao thông và trật tự an toàn xã hội.',
      'Công an tỉnh',
      'Sở Thông tin và truyền thông, Sở giao thông vận tải và các cơ quan, đơn vị có liên quan',
      'Quý I/2024',
    ],
    [
      '22',
      97,
      'Triển khai đảm bảo điều kiện công dân số.',
      'Công an tỉnh',
      'Sở Thông tin và Truyền thông, UBND các huyện, thị xã, thành phố',
      'Năm 2023 và những năm tiếp theo',
    ],
    [
      '33',
      114,
      'Quản lý thông tin người sử dụng đất, chủ sở hữu nhà ở, tài sản gắn liền với đất thông qua Cơ sở dữ liệu quốc gia về dân cư, VNeID.',
      'Sở Tài Nguyên và Môi trường',
      'Công an tỉnh, Sở Thông tin và Truyền thông, UBND các huyện, thị xã, thành phố.',
      'Quý II/2024',
    ],
    [
      '38',
      122,
      'Phân tích tình hình du lịch thông qua lưu trú.',
      'Sở Du lịch',
      'Công an tỉnh, Sở Thông tin và Truyền thông, địa phương',
      'Theo lộ trình triển khai của Cục C06 thuộc Bộ Công an',
    ],
    [
      '42',
      129,
      'Tổ chức đào tạo, tập huấn an ninh, an toàn, bảo mật thông tin cho người sử dụng cuối (end user).',
      'Công an tỉnh',
      'Các cơ quan, đơn vị liên quan',
      'Quý I/2024 và những năm tiếp theo',
    ],
  ])(
    'THEN model %s (line %i) reads exactly, continuation rows merged',
    (code, line, title, lead, support, deadline) => {
      const row = byCode(draft.rows, code);
      expect(row.line).toBe(line);
      expect(row.group).toBeNull();
      expect(row.cells.title).toBe(title);
      expect(row.cells.lead).toBe(lead);
      expect(row.cells.support).toBe(support);
      expect(row.cells.deadline).toBe(deadline);
    },
  );

  it('THEN a continued objective keeps its full text and no header row became a task', () => {
    expect(byCode(draft.rows, '17').cells.objective).toBe(
      'Sử dụng hệ thống quản lý, đăng ký xe của Bộ Công an triển khai thông qua Cơ sở dữ liệu quốc gia về dân cư để xác minh các phương tiện vi phạm thông qua hệ thống giám sát thông minh tại IOC phục vụ công tác xử phạt giao thông và đảm bảo TTATXH',
    );
    expect(
      draft.rows.filter((r) => r.cells.title === 'Mô hình' || r.cells.lead === 'Cơ quan chủ trì'),
    ).toEqual([]);
  });
});

describe('GIVEN the 2023 plan 004 (group rows, announced counts that disagree)', () => {
  it('THEN it reads 33 tasks in 7 groups I..VII without errors', () => {
    expect(plan2023.errors).toEqual([]);
    expect(plan2023.rows).toHaveLength(33);
    expect(plan2023.rows.map((r) => r.code)).toEqual(Array.from({ length: 33 }, (_, i) => String(i + 1)));
    expect(plan2023.groups.map((g) => g.code)).toEqual(['I', 'II', 'III', 'IV', 'V', 'VI', 'VII']);
    expect(plan2023.groups[0]).toEqual({ code: 'I', title: 'VỀ CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH', line: 134 });
    expect(plan2023.groups[4]).toEqual({
      code: 'V',
      title: 'XÂY DỰNG HỆ SINH THÁI DỮ LIỆU DÙNG CHUNG',
      line: 172,
    });
    expect(plan2023.columns).toEqual(['code', 'title', 'lead', 'support', 'output', 'deadline']);
  });

  it('THEN every task carries the group above it', () => {
    const groupOf = Object.fromEntries(plan2023.rows.map((r) => [r.code, r.group]));
    expect([groupOf['1'], groupOf['7'], groupOf['8'], groupOf['15'], groupOf['16'], groupOf['20']]).toEqual([
      'I',
      'I',
      'II',
      'II',
      'III',
      'III',
    ]);
    expect([
      groupOf['21'],
      groupOf['22'],
      groupOf['23'],
      groupOf['27'],
      groupOf['28'],
      groupOf['33'],
    ]).toEqual(['IV', 'IV', 'V', 'V', 'VI', 'VII']);
  });

  it('THEN it warns that the text announces 8 groups and 34 tasks, and about the empty deadline of task 15', () => {
    const texts = plan2023.warnings.map((w) => w.message);
    expect(plan2023.meta.announcedGroups).toEqual([8]);
    expect(plan2023.meta.announcedTasks).toEqual([33, 34]);
    expect(texts).toContain(
      'Văn bản nêu 8 nhóm nhiệm vụ nhưng bảng có 7 nhóm. Hãy đối chiếu bản gốc xem có thiếu dòng tiêu đề nhóm không.',
    );
    expect(texts).toContain(
      'Văn bản nêu 34 nhiệm vụ nhưng bảng có 33. Hãy đối chiếu bản gốc xem có thiếu hoặc thừa dòng không.',
    );
    expect(texts.some((t) => t.startsWith('Văn bản nêu 33 '))).toBe(false);
    expect(plan2023.warnings.filter((w) => w.column === 'Thời gian hoàn thành')).toEqual([
      expect.objectContaining({ row: 15, line: 157 }),
    ]);
    expect(plan2023.warnings).toHaveLength(3);
  });

  it.each([
    [
      '1',
      135,
      'Tham mưu ban hành Chỉ thị',
      'Công an tỉnh',
      'Các sở, ban, ngành',
      'Chỉ thị của Ban Thường vụ Tỉnh ủy',
      'Tháng 3/2023',
    ],
    [
      '10',
      147,
      'Rà soát, cải tiến quy trình tiếp nhận, hướng dẫn hỗ trợ người dân, doanh nghiệp tại Bộ phận Một cửa',
      'Các sở, ban, ngành, UBND các huyện, thị xã, thành phố',
      'Văn phòng UBND tỉnh',
      'Báo cáo kết quả thực hiện',
      'Tháng 6/2023',
    ],
    [
      '12',
      154,
      'Hoàn thành kết nối',
      'Văn phòng UBND tỉnh',
      undefined,
      'Báo cáo kết quả thực hiện',
      'Tháng 4/2023',
    ],
    [
      '15',
      157,
      'Đẩy nhanh tiến độ số hóa, tổ chức tập huấn quy trình số hóa dữ liệu cho cán bộ tại Trung tâm Phục vụ hành chính công tỉnh, Bộ phận một cửa cấp huyện',
      'Văn phòng UBND tỉnh',
      'Các sở, ban, ngành, UBND các huyện, thị xã, thành phố, UBND các xã, phường, thị trấn',
      'Kế hoạch tập huấn, hướng dẫn việc số hóa',
      undefined,
    ],
    [
      '23',
      173,
      'Triển khai nhập dữ liệu hộ tịch',
      'Sở Tư pháp',
      'Công an tỉnh',
      'Báo cáo kết quả thực hiện',
      'Từ quý II/2023 và thực hiện thường xuyên',
    ],
    [
      '25',
      175,
      'Hoàn thiện cơ sở dữ liệu cán bộ',
      'Sở Nội vụ',
      'Các sở, ban, ngành, UBND các huyện, thị xã, thành phố, UBND các xã, phường, thị trấn',
      'Báo cáo kết quả thực hiện',
      'Tháng 05/2023',
    ],
    [
      '14',
      156,
      'Tiếp tục rà soát, bố trí trang thiết bị',
      'UBND các huyện, thị xã, thành phố',
      'Sở Tài chính, Sở Thông tin và Truyền thông',
      'Báo cáo kết quả đầu tư mua sắm trang thiết bị',
      'Lộ trình theo Nghị quyết 50/NQ-CP, ngày 8/4/2022',
    ],
    [
      '31',
      188,
      'Tổ chức triển khai cho Đoàn thanh niên',
      'Ban Thường vụ Tỉnh đoàn',
      'Công an tỉnh',
      'Báo cáo kết quả thực hiện',
      'Thực hiện thường xuyên',
    ],
  ])('THEN task %s (line %i) reads exactly', (code, line, titleStart, lead, support, output, deadline) => {
    const row = byCode(plan2023.rows, code);
    expect(row.line).toBe(line);
    expect(row.cells.title?.startsWith(titleStart)).toBe(true);
    expect(row.cells.lead).toBe(lead);
    expect(row.cells.support).toBe(support);
    expect(row.cells.output).toBe(output);
    expect(row.cells.deadline).toBe(deadline);
  });

  it('THEN markup inside cells is gone', () => {
    expect(plan2023.rows.some((r) => Object.values(r.cells).some((c) => /<\/?[a-z]/u.test(c ?? '')))).toBe(
      false,
    );
    expect(byCode(plan2023.rows, '8').cells.title).toContain(
      '( đặc biệt là lĩnh vực Tư pháp và Tài nguyên Môi trường )',
    );
  });
});

describe('GIVEN the signed decision 000 (one cell per line, partly NFD, cut off inside row 23)', () => {
  it('THEN it is read as cell-per-line and refused with the cut-off row 23 and the stray text', () => {
    expect(extracted.format).toBe('cell-per-line');
    expect(extracted.errors).toHaveLength(2);
    expect(extracted.errors[0]).toMatchObject({ row: 23, line: 192, column: 'Cơ quan chủ trì' });
    expect(extracted.errors[0]!.message).toContain(
      '“Cơ quan chủ trì”, “Cơ quan phối hợp”, “Thời gian hoàn thành”',
    );
    expect(extracted.errors[1]).toMatchObject({ row: null, line: 195, column: null });
    expect(extracted.errors[1]!.message).toContain('Triển khai tuyên truyền chính sách');
  });

  it('THEN its facts name decision 4466/QĐ-UBND of 1 December 2023 and warn about 22 of 42 models', () => {
    expect(extracted.meta).toMatchObject({
      documentNumber: '4466/QĐ-UBND',
      issueDate: '2023-12-01',
      issuingBody: 'CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH',
      province: 'Bình Định',
      announcedTasks: [42],
    });
    expect(extracted.warnings.map((w) => w.message)).toEqual([
      'Văn bản nêu 42 mô hình nhưng bảng có 22. Hãy đối chiếu bản gốc xem có thiếu hoặc thừa dòng không.',
    ]);
  });

  it('THEN all text is NFC', () => {
    for (const row of extracted.rows) {
      for (const text of Object.values(row.cells)) expect(text).toBe(text?.normalize('NFC'));
    }
  });

  /** Wording the signed decision changed from the draft: "quét"/"quẹt", "..."/"…", "–"/"-", "binh"/"bình". */
  const EDITED_IN_SOURCE = new Set(['18:title', '19:support']);

  it.each(Array.from({ length: 22 }, (_, i) => String(i + 1)))(
    'THEN row %s has the same code, title, lead, support and deadline as in the draft',
    (code) => {
      const signed = extracted.rows[Number(code) - 1]!;
      const fromDraft = draft.rows[Number(code) - 1]!;
      expect(signed.code).toBe(code);
      expect(fromDraft.code).toBe(code);
      for (const column of ['title', 'lead', 'support', 'deadline'] as const) {
        if (EDITED_IN_SOURCE.has(`${code}:${column}`)) {
          expect(signed.cells[column]).not.toBe(fromDraft.cells[column]);
          expect(foldForMatch(signed.cells[column] ?? '')).toBe(foldForMatch(fromDraft.cells[column] ?? ''));
        } else {
          expect(signed.cells[column]).toBe(fromDraft.cells[column]);
        }
      }
    },
  );
});
