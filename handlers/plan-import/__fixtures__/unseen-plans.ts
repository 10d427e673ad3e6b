/**
 * Expected readings of the three unseen-plan fixtures (a province's, a centrally-run city's and a
 * ministry's Đề án 06 plan written for these tests after the 2025 reorganisation): every task's identity,
 * group, lead (as the import names it), deadline kind, due and start date; the bodies learned; the tasks
 * needing assignment. Used by the table tests and by `scripts/measure-lead-accuracy.ts`.
 */
import type { DeadlineKind } from '../../../domain/deadline/deadline.ts';

export interface ExpectedRow {
  ref: string;
  group: string | null;
  lead: string[];
  kind: DeadlineKind;
  due: string | null;
  start: string | null;
}

export interface ExpectedPlan {
  file: string;
  level: 'province' | 'city' | 'ministry';
  issueDate: string;
  tasks: ExpectedRow[];
  learned: string[];
  needsAssignment: string[];
}

function row(
  ref: string,
  group: string | null,
  lead: string[],
  kind: DeadlineKind,
  due: string | null,
  start: string | null,
): ExpectedRow {
  return { ref, group, lead, kind, due, start };
}

export const UNSEEN_PLANS: readonly ExpectedPlan[] = [
  {
    file: 'lam-dong-province.txt',
    level: 'province',
    issueDate: '2025-08-12',
    tasks: [
      row('1', 'I', ['Công an tỉnh'], 'date', '2025-09-11', null),
      row('2', 'I', ['Sở Khoa học và Công nghệ'], 'month', '2025-10-31', null),
      row('3', 'I', ['Trung tâm Phục vụ hành chính công tỉnh'], 'quarter', '2025-12-31', null),
      row('4', 'I', ['Sở Y tế'], 'date', '2025-12-31', null),
      row('5', 'I', ['Ban Quản lý Khu kinh tế tỉnh'], 'year', '2025-12-31', null),
      row('6', 'II', ['Sở Giáo dục và Đào tạo'], 'ongoing', null, '2025-08-12'),
      row('7', 'II', ['Thuế tỉnh'], 'ongoing', null, null),
      row('8', 'II', ['Sở Nông nghiệp và Môi trường'], 'month', '2026-06-30', null),
      row('9', 'II', ['Các sở, ban, ngành'], 'quarter', '2025-09-30', null),
      row('10', 'II', ['Sở Văn hóa, Thể thao và Du lịch'], 'month', '2025-09-30', null),
      row('11', 'II', ['UBND các xã, phường, đặc khu'], 'month', '2025-12-31', null),
      row('12', 'II', ['Văn phòng Ủy ban nhân dân tỉnh'], 'year', '2026-12-31', '2025-01-01'),
    ],
    learned: [
      'Trung tâm Phục vụ hành chính công tỉnh',
      'Bệnh viện Đa khoa tỉnh Lâm Đồng',
      'Kho bạc Nhà nước khu vực XII',
      'Báo và Phát thanh, Truyền hình Lâm Đồng',
      'Hội Nông dân tỉnh',
      'Liên đoàn Lao động tỉnh',
    ],
    needsAssignment: ['11'],
  },
  {
    file: 'da-nang-city.csv',
    level: 'city',
    issueDate: '2025-09-05',
    tasks: [
      row('1', null, ['Ủy ban nhân dân thành phố'], 'ongoing', null, null),
      row('2', null, ['Công an thành phố'], 'month', '2025-09-30', null),
      row('3', null, ['Văn phòng Ủy ban nhân dân thành phố'], 'quarter', '2025-12-31', null),
      row('4', null, ['Sở Khoa học và Công nghệ'], 'date', '2025-12-31', null),
      row('5', null, ['Trung tâm Phục vụ hành chính công thành phố'], 'ongoing', null, '2025-09-05'),
      row('6', null, ['Thuế thành phố'], 'ongoing', null, null),
      row('7', null, ['Sở Y tế'], 'month', '2025-11-30', null),
      row('8', null, ['Sở Giáo dục và Đào tạo'], 'year', '2026-12-31', '2025-01-01'),
      row('9', null, ['Sở Du lịch'], 'quarter', '2026-03-31', null),
      row(
        '10',
        null,
        ['Ban Quản lý Khu công nghệ cao và các khu công nghiệp Đà Nẵng'],
        'date',
        '2025-10-20',
        null,
      ),
      row('11', null, ['Thành đoàn'], 'month', '2025-12-31', null),
      row('12', null, ['Bộ Chỉ huy Quân sự thành phố'], 'year', '2025-12-31', null),
      row('13', null, ['Sở Tài chính'], 'month', '2025-10-31', null),
      row('14', null, ['UBND các xã, phường, đặc khu'], 'quarter', '2025-12-31', null),
    ],
    learned: [
      'Trung tâm Phục vụ hành chính công thành phố',
      'Trung tâm Chuyển đổi số thành phố',
      'Công ty TNHH MTV Phát triển hạ tầng số Đà Nẵng',
      'Kho bạc Nhà nước khu vực XIII',
      'Ngân hàng Nhà nước Khu vực 11',
      'Ban Quản lý Khu công nghệ cao và các khu công nghiệp Đà Nẵng',
    ],
    needsAssignment: ['14'],
  },
  {
    file: 'bo-nnmt-ministry.txt',
    level: 'ministry',
    issueDate: '2025-10-20',
    tasks: [
      row('I.1', 'I', ['Văn phòng Bộ'], 'date', '2025-11-19', null),
      row('I.2', 'I', ['Cục Quản lý đất đai'], 'quarter', '2026-03-31', null),
      row('I.3', 'I', ['Cục Quản lý đất đai'], 'month', '2025-12-31', null),
      row('II.1', 'II', ['Trung tâm Chuyển đổi số và Thống kê nông nghiệp'], 'date', '2025-12-19', null),
      row('II.2', 'II', ['Cục Môi trường'], 'month', '2025-11-30', null),
      row(
        'II.3',
        'II',
        ['Trung tâm Chuyển đổi số và Thống kê nông nghiệp'],
        'year',
        '2026-12-31',
        '2025-01-01',
      ),
      row('II.4', 'II', ['Cục Thủy sản và Kiểm ngư'], 'date', '2025-11-04', null),
      row('III.1', 'III', ['Vụ Kế hoạch - Tài chính'], 'ongoing', null, null),
      row('III.2', 'III', ['Đảng ủy Bộ'], 'ongoing', null, null),
      row('III.3', 'III', ['Thanh tra Bộ'], 'ongoing', null, '2025-10-20'),
      row('III.4', 'III', ['Các đơn vị thuộc Bộ'], 'quarter', '2025-12-31', null),
    ],
    learned: [
      'Văn phòng Bộ',
      'Vụ Pháp chế',
      'Cục Quản lý đất đai',
      'Trung tâm Chuyển đổi số và Thống kê nông nghiệp',
      'Cục Môi trường',
      'Vụ Kế hoạch - Tài chính',
      'Cục Thủy sản và Kiểm ngư',
      'Viện Nghiên cứu Hải sản',
      'Đảng ủy Bộ',
      'Công đoàn Bộ',
      'Đoàn Thanh niên Bộ',
      'Báo Nông nghiệp và Môi trường',
      'Thanh tra Bộ',
      'Vụ Tổ chức cán bộ',
    ],
    needsAssignment: ['III.4'],
  },
];
