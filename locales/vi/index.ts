/**
 * Vietnamese messages (the default locale). Every message the bot sends lives here and in ../en: the
 * English catalogue must have the same keys (the type checker and locales/locales.test.ts enforce it).
 * Values are plain text; channel adapters escape them.
 */
import { zaloVi } from './zalo.ts';

export const vi = {
  statusLabels: {
    not_started: 'Chưa triển khai',
    in_progress: 'Đang triển khai',
    piloting: 'Đang thí điểm',
    done: 'Hoàn thành',
    done_maintained: 'Hoàn thành, duy trì',
    blocked: 'Vướng mắc',
    waiting_central: 'Chờ hướng dẫn của Trung ương',
  },
  buttons: {
    done: '✅ Hoàn thành',
    inProgress: '🔄 Đang triển khai',
    blocked: '⚠️ Vướng mắc',
    waitingCentral: '⏳ Chờ HD TW',
    progress: '📈 Cập nhật tiến độ',
    skip: 'Bỏ qua',
  },
  unknownUser:
    'Xin chào! Đây là bot nhắc việc Đề án 06 dành cho cán bộ đầu mối các cơ quan. Tài khoản này chưa được liên kết. Nếu Tổ công tác đã gửi mã mời, hãy gửi: /start <mã mời>.',
  inviteInvalid: 'Mã mời không đúng. Hãy kiểm tra lại hoặc xin mã mới từ Tổ công tác Đề án 06.',
  inviteExpired: 'Mã mời đã hết hạn. Hãy xin mã mới từ Tổ công tác Đề án 06.',
  inviteUsed: 'Mã mời này đã được dùng. Mỗi mã chỉ dùng một lần; hãy xin mã mới nếu cần.',
  alreadyLinked: (name: string) => `Tài khoản này đã được liên kết với cán bộ ${name}.`,
  linked: (name: string, agency: string) =>
    `Xin chào ${name} (${agency})! Tài khoản đã được liên kết. Bot sẽ nhắc hạn các nhiệm vụ của đơn vị vào giờ hành chính; trả lời ngắn để báo cáo. Gõ /trogiup để xem hướng dẫn.`,
  groupLinked: (title: string) => `Nhóm "${title}" sẽ nhận báo cáo tổng hợp định kỳ của Ban Chỉ đạo.`,
  help: [
    'Cách báo cáo (có dấu hay không dấu đều được):',
    '• Trả lời tin nhắc việc: "xong", "đang làm 60%", "60% đã lắp 5/7 camera", "vướng: chưa có kinh phí", "chờ TW".',
    '• Báo cáo theo mã: "/baocao 12 dang 60 đã lắp 5/7 camera" hoặc "#12 xong".',
    '• Nhiều nhiệm vụ, mỗi dòng một nhiệm vụ: "#3 xong" xuống dòng "#7 đang 40%".',
    'Lệnh: /nhiemvu nhiệm vụ của tôi · /baocao báo cáo · /xingiahan xin gia hạn · /nghiphep nghỉ phép · /ngonngu ngôn ngữ · /trogiup hướng dẫn.',
  ].join('\n'),
  tasksHeader: (agency: string, count: number) => `Nhiệm vụ của ${agency} (${count}):`,
  noTasks: 'Đơn vị của bạn hiện không có nhiệm vụ nào đang theo dõi.',
  taskLine: (code: string, title: string, deadline: string, status: string, timing: string) =>
    `#${code} ${title}\n   Hạn: ${deadline}${timing ? ` (${timing})` : ''} · ${status}`,
  daysLeft: (n: number) => (n === 0 ? 'hạn hôm nay' : `còn ${n} ngày`),
  daysOverdue: (n: number) => `⛔ quá hạn ${n} ngày`,
  lastReport: (status: string, progress: number | null, date: string) =>
    `${status}${progress !== null ? ` ${progress}%` : ''} (báo cáo ${date})`,
  noReportYet: 'chưa có báo cáo',
  reminderHeader: (count: number) =>
    count === 1 ? 'Nhắc việc Đề án 06:' : `Nhắc việc Đề án 06: ${count} nhiệm vụ cần cập nhật`,
  reminderFooter: 'Bấm nút hoặc trả lời tin này để báo cáo, ví dụ: "đang làm 60%".',
  reminderKind: {
    before: (days: number) => `Sắp đến hạn (còn ${days} ngày)`,
    dueToday: 'Đến hạn hôm nay',
    overdue: (days: number) => `Quá hạn ${days} ngày`,
    escalation: (days: number) => `Quá hạn ${days} ngày — đã báo cáo Ban Chỉ đạo`,
    monthly: (day: number) => `Báo cáo định kỳ tháng (hạn ngày ${day})`,
    supportInput: (lead: string) => `Đề nghị gửi ý kiến phối hợp cho ${lead}`,
  },
  askProgress: (code: string) => `#${code}: tiến độ đạt bao nhiêu %? Trả lời một số 0–100, có thể kèm kết quả (ví dụ "60 đã lắp 5/7 camera").`,
  askBlocker: (code: string) => `#${code}: vướng mắc gì? Trả lời ngắn (ví dụ "chưa có kinh phí").`,
  recorded: (code: string, summary: string) => `✔ Đã ghi nhận #${code}: ${summary}.`,
  alreadyRecorded: (code: string) => `#${code}: báo cáo này đã được ghi nhận trước đó.`,
  summaryProgress: (n: number) => `${n}%`,
  summaryResult: (text: string) => `kết quả: ${text}`,
  summaryBlocker: (text: string) => `vướng mắc: ${text}`,
  notYourTask: (code: string, lead: string, support: string) =>
    `Nhiệm vụ #${code} do ${lead || '(chưa rõ)'} chủ trì${support ? `, ${support} phối hợp` : ''}. Đơn vị của bạn không được giao nhiệm vụ này nên không thể báo cáo.`,
  unknownTask: (code: string) => `Không tìm thấy nhiệm vụ #${code}. Gõ /nhiemvu để xem mã các nhiệm vụ của đơn vị.`,
  replyProblem: {
    'no-status': 'Chưa rõ trạng thái.',
    'bad-progress': 'Tiến độ phải là số từ 0 đến 100.',
    'no-task': 'Chưa rõ báo cáo cho nhiệm vụ nào.',
    'ambiguous-status': 'Trạng thái chưa rõ ràng (có hai trạng thái khác nhau).',
    empty: 'Tin nhắn trống.',
    'too-long': 'Tin nhắn quá dài.',
    'unknown-task': 'Không có nhiệm vụ với mã này trong danh sách của đơn vị.',
  },
  replyProblemIntro: 'Chưa ghi nhận báo cáo:',
  replyProblemLine: (line: number, reason: string, suggestion: string) =>
    `${line > 0 ? `Dòng ${line}: ` : ''}${reason} Gửi lại theo dạng: ${suggestion}`,
  masked: (kinds: string) => `Lưu ý: tin nhắn có ${kinds} nên đã được che khi lưu để bảo vệ dữ liệu công dân.`,
  maskedKinds: { citizen_id: 'số CCCD', phone: 'số điện thoại', bank_account: 'số tài khoản' },
  languageChanged: 'Đã chuyển sang tiếng Việt.',
  languageUsage: 'Chọn ngôn ngữ: /ngonngu vi hoặc /ngonngu en',
  notLinked: 'Tài khoản chưa được liên kết. Gửi /start <mã mời> để liên kết.',
  unknownCommand: 'Không hiểu lệnh này. Gõ /trogiup để xem hướng dẫn.',
  fileNotAllowed: 'Chỉ Tổ công tác (quản trị) mới gửi tệp kế hoạch để nhập.',
  skipped: 'Đã bỏ qua.',
  inactive: 'Tài khoản cán bộ này đã ngừng hoạt động. Liên hệ Tổ công tác Đề án 06.',
  // Zalo channel: alerts to admins.
  zalo: zaloVi,
  dateFormat: (d: string) => d.split('-').reverse().join('/'),
};

export type Messages = typeof vi;
