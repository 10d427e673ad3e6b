/**
 * A scripted plan of 12 tasks with reports and reminders, counted by hand in `build-digest.test.ts`.
 * As of Friday 15/11/2024 08:00 (Vietnam); the weekly period starts Friday 08/11/2024 08:00.
 */
import type { Deadline, DeadlineKind } from '../../deadline/deadline.ts';
import type { ReportStatus } from '../../reply/report-status.ts';
import type { DigestInput, DigestTask } from '../digest-input.ts';

/** An instant at a Vietnam wall-clock time ('YYYY-MM-DD', 'HH:MM'). */
export function vn(date: string, time = '09:00'): Date {
  return new Date(`${date}T${time}:00+07:00`);
}

function deadline(kind: DeadlineKind, due: string | null): Deadline {
  return { raw: due ?? '', kind, due, start: null, recurring: kind === 'ongoing' };
}

function task(
  id: number,
  groupCode: string | null,
  status: ReportStatus,
  dl: Deadline,
  extra: Partial<DigestTask> = {},
): DigestTask {
  return {
    id,
    planId: 1,
    code: String(id),
    groupCode,
    title: `Mô hình ${id}: tiện ích số ${id}`,
    lead: ['Công an tỉnh'],
    deadline: dl,
    originalDue: null,
    extended: false,
    status,
    progress: null,
    result: null,
    blocker: null,
    lastReportAt: null,
    doneAt: null,
    previousStatus: status,
    ...extra,
  };
}

/** The snapshot; see the hand count in the test. */
export function scriptedInput(): DigestInput {
  const b4 = 'Chưa có hướng dẫn kết nối dữ liệu hộ tịch <b>điện tử</b> & "liên thông"';
  const b9 = 'Thiết bị xác minh giá cao (10-12 triệu đồng/01 thiết bị), các cơ sở chưa mua';
  return {
    kind: 'weekly',
    asOf: vn('2024-11-15', '08:00'),
    period: { from: vn('2024-11-08', '08:00'), to: vn('2024-11-15', '08:00') },
    previous: {
      tasks: 12,
      done: 2,
      in_progress: 5,
      blocked: 0,
      waiting_central: 2,
      not_started: 3,
      overdue: 2,
      done_on_time: 1,
      done_late: 1,
      within_deadline: 7,
      without_deadline: 3,
    },
    plans: [{ id: 1, title: 'Danh mục 42 mô hình điểm thực hiện Đề án 06 trên địa bàn tỉnh' }],
    groups: [
      { planId: 1, code: 'I', title: 'NHÓM TIỆN ÍCH PHỤC VỤ GIẢI QUYẾT TTHC & DVC' },
      { planId: 1, code: 'II', title: 'NHÓM TIỆN ÍCH PHÁT TRIỂN KINH TẾ - XÃ HỘI' },
    ],
    tasks: [
      task(1, 'I', 'done', deadline('quarter', '2024-06-30'), {
        doneAt: vn('2024-06-20'),
        lastReportAt: vn('2024-11-05'),
        result: 'Đã triển khai 25/25 DVC thiết yếu',
      }),
      task(2, 'I', 'done_maintained', deadline('month', '2024-03-31'), {
        doneAt: vn('2024-05-10'),
        lastReportAt: vn('2024-11-10'),
        previousStatus: 'in_progress',
      }),
      task(3, 'I', 'in_progress', deadline('quarter', '2024-09-30'), {
        lead: ['Sở Y tế'],
        progress: 60,
        lastReportAt: vn('2024-10-20'),
      }),
      task(4, 'I', 'blocked', deadline('date', '2024-11-10'), {
        lead: ['Sở Tư pháp', 'Công an tỉnh'],
        lastReportAt: vn('2024-11-12'),
        blocker: b4,
        previousStatus: 'in_progress',
      }),
      task(5, 'I', 'waiting_central', deadline('roadmap', null), { lastReportAt: vn('2024-09-01') }),
      task(6, 'II', 'in_progress', deadline('date', '2024-11-20'), {
        lastReportAt: vn('2024-11-14'),
        previousStatus: 'not_started',
      }),
      task(7, 'II', 'not_started', deadline('date', '2024-11-29'), { lead: ['Sở Giáo dục và Đào tạo'] }),
      task(8, 'II', 'in_progress', deadline('date', '2024-12-31'), {
        originalDue: '2024-10-31',
        extended: true,
        lastReportAt: vn('2024-11-01'),
      }),
      task(9, 'II', 'piloting', deadline('year', '2024-12-31'), {
        lead: ['Sở Thông tin và Truyền thông'],
        lastReportAt: vn('2024-11-13'),
        blocker: b9,
      }),
      task(10, 'II', 'not_started', deadline('month', '2024-08-31'), {
        lead: ['Sở Xây dựng'],
        lastReportAt: vn('2024-11-02'),
      }),
      task(11, 'II', 'done', deadline('ongoing', null), {
        doneAt: vn('2024-10-01'),
        lastReportAt: vn('2024-10-01'),
      }),
      task(12, null, 'waiting_central', deadline('none', null), { lastReportAt: vn('2024-10-25') }),
    ],
    reports: [
      {
        taskId: 3,
        officerName: 'Lê Văn Cường',
        agencyName: 'Sở Y tế',
        status: 'in_progress',
        progress: 60,
        result: null,
        blocker: 'Vướng cũ, ngoài kỳ',
        reportedAt: vn('2024-10-20'),
      },
      {
        taskId: 4,
        officerName: 'Nguyễn Văn An',
        agencyName: 'Sở Tư pháp',
        status: 'blocked',
        progress: null,
        result: null,
        blocker: b4,
        reportedAt: vn('2024-11-12'),
      },
      {
        taskId: 4,
        officerName: 'Nguyễn Văn An',
        agencyName: 'Sở Tư pháp',
        status: 'blocked',
        progress: null,
        result: null,
        blocker: b4,
        reportedAt: vn('2024-11-12'),
      },
      {
        taskId: 9,
        officerName: 'Trần Thị Bình',
        agencyName: 'Sở Thông tin và Truyền thông',
        status: 'piloting',
        progress: null,
        result: null,
        blocker: b9,
        reportedAt: vn('2024-11-13'),
      },
      {
        taskId: 6,
        officerName: 'Phạm Minh Đức',
        agencyName: 'Công an tỉnh',
        status: 'in_progress',
        progress: 40,
        result: 'Đã khảo sát',
        blocker: '  ',
        reportedAt: vn('2024-11-14'),
      },
    ],
    reminders: [
      { officerId: 10, agencyName: 'Sở Xây dựng', taskCode: '10', sentAt: vn('2024-11-11'), answered: false },
      { officerId: 10, agencyName: 'Sở Xây dựng', taskCode: '10', sentAt: vn('2024-11-14'), answered: false },
      { officerId: 3, agencyName: 'Sở Y tế', taskCode: '3', sentAt: vn('2024-11-11'), answered: false },
      { officerId: 3, agencyName: 'Sở Y tế', taskCode: '3', sentAt: vn('2024-11-13'), answered: true },
      {
        officerId: 7,
        agencyName: 'Sở Giáo dục và Đào tạo',
        taskCode: '7',
        sentAt: vn('2024-11-12'),
        answered: false,
      },
      {
        officerId: 8,
        agencyName: 'Sở Công Thương',
        taskCode: '8',
        sentAt: vn('2024-11-01'),
        answered: false,
      },
    ],
    unreachable: [{ officerName: 'Hồ Thị Giang', agencyName: 'Sở Xây dựng', channel: 'zalo' }],
    explanations: [
      { taskId: 10, requestedAt: vn('2024-11-11'), answer: null, answeredAt: null },
      { taskId: 3, requestedAt: vn('2024-11-01'), answer: 'Đang chờ kinh phí', answeredAt: vn('2024-11-05') },
    ],
  };
}
