/**
 * Vietnamese messages (the default locale). Every message the bot sends lives here and in ../en: the
 * English catalogue must have the same keys (the type checker and locales/locales.test.ts enforce it).
 * Values are plain text; channel adapters escape them.
 */
import { deliveryVi } from './delivery.ts';
import { webVi } from './web.ts';
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
    '• Có thể gửi ảnh, tệp, video hay ghi âm kèm chú thích là báo cáo: tệp được lưu làm minh chứng.',
    '• Sửa tin đã gửi (Telegram) thì báo cáo được cập nhật theo tin đã sửa.',
  ].join('\n'),
  helpCommandsHeader: 'Lệnh:',
  commandSummaries: {
    nhiemvu: 'nhiệm vụ của tôi',
    baocao: 'báo cáo tiến độ',
    trogiup: 'hướng dẫn',
    ngonngu: 'ngôn ngữ',
    xingiahan: 'xin gia hạn',
    nghiphep: 'nghỉ phép',
    tonghop: 'báo cáo tổng hợp',
    canbo: 'quản lý cán bộ',
    moi: 'tạo mã mời',
    giao: 'giao nhiệm vụ',
    coquan: 'bí danh và thay thế cơ quan',
    giahan: 'gia hạn nhiệm vụ',
    tamdung: 'tạm dừng nhắc việc',
    tieptuc: 'tiếp tục nhắc việc',
    quahan: 'nhiệm vụ quá hạn',
    xuat: 'xuất bảng tình hình',
    thongbao: 'gửi thông báo',
    nhatky: 'nhật ký quản trị',
    giaitrinh: 'giải trình',
    web: 'trang theo dõi trên web',
  },
  groupInviteRefused:
    'Mã mời cán bộ chỉ dùng trong tin nhắn riêng với bot (không dùng trong nhóm). Hãy mở bot và gửi: /start <mã mời>.',
  groupNotLinked: 'Bạn chưa liên kết tài khoản với bot. Hãy nhắn riêng cho bot: /start <mã mời>.',
  anonymousAdmin:
    'Bot không biết ai gửi tin nhắn này: bạn đang nhắn dưới tên nhóm (quản trị viên ẩn danh). Hãy tắt chế độ ẩn danh hoặc nhắn riêng cho bot để gửi bằng tài khoản của chính mình.',
  forwardedNotRead:
    'Bot không ghi nhận tin nhắn chuyển tiếp làm báo cáo của bạn. Hãy tự gõ báo cáo bằng lời của mình, ví dụ "#12 đang làm 60%" hoặc "xong".',
  mediaNotRead: (kind: string) =>
    `Bot chưa đọc được ${kind}. Hãy gõ báo cáo bằng chữ, ví dụ "#12 đang làm 60%" hoặc "xong"; có thể gửi ảnh hay tệp kèm chú thích là nội dung báo cáo.`,
  mediaKinds: {
    sticker: 'nhãn dán',
    voice: 'tin nhắn thoại không có chú thích',
    video_note: 'video tròn',
    location: 'vị trí',
    contact: 'danh bạ',
    other: 'loại tin nhắn này',
  },
  evidenceKinds: { photo: 'ảnh', document: 'tệp', video: 'video', voice: 'ghi âm' },
  evidence: (kind: string, size: string) => `📎 minh chứng: ${kind}${size ? ` (${size})` : ''}`,
  evidenceKept: (kind: string) => `Đã lưu ${kind} làm minh chứng.`,
  editApplied: 'Tin nhắn đã sửa: báo cáo trước đó được thay bằng nội dung mới (lịch sử vẫn được lưu).',
  editNothingBefore: 'Tin nhắn đã sửa được đọc như một báo cáo mới.',
  commandAlreadyRun:
    'Lệnh này đã được nhận trước đó nên không chạy lại. Hãy kiểm tra kết quả (ví dụ /canbo) rồi gửi lại lệnh nếu cần.',
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
  ambiguousTask: (code: string, choices: string, example: string) =>
    `Đơn vị của bạn có nhiều nhiệm vụ số ${code}: ${choices}. Hãy ghi kèm nhóm, ví dụ "#${example} xong".`,
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
  // --- Administration (issue 8): roles, admin commands, extensions, explanations, audit ---
  admin: {
    roles: { officer: 'cán bộ đầu mối', committee: 'Ban Chỉ đạo', admin: 'Tổ công tác (quản trị)' },
    needRole: (roles: string) => `Lệnh này chỉ dành cho: ${roles}.`,
    or: ' hoặc ',
    usageIntro: 'Cách dùng:',
    usage: {
      canbo: '/canbo — danh sách cán bộ\n/canbo them <họ tên> | <cơ quan> [| vai trò: canbo, bcd, quantri]\n/canbo ngung <mã cán bộ>',
      moi: '/moi <mã cán bộ> — tạo mã mời liên kết tài khoản (hết hạn sau 72 giờ)',
      giao: '/giao <mã nhiệm vụ> <cơ quan chủ trì; ...> [| phối hợp <cơ quan; ...>]',
      coquan:
        '/coquan bidanh <bí danh> | <cơ quan>\n/coquan thaythe <cơ quan cũ> | <cơ quan mới>\n/coquan xacnhan <cơ quan mới học>',
      giahan: '/giahan <mã nhiệm vụ> <dd/mm/yyyy> <lý do>',
      tamdung: '/tamdung kehoach <mã kế hoạch> | nhiemvu <mã nhiệm vụ> | canbo <mã cán bộ>',
      tieptuc: '/tieptuc kehoach <mã kế hoạch> | nhiemvu <mã nhiệm vụ> | canbo <mã cán bộ>',
      quahan: '/quahan — các nhiệm vụ quá hạn',
      xuat: '/xuat [mã kế hoạch] — xuất bảng tình hình thực hiện (XLSX)',
      thongbao: '/thongbao [kehoach <mã> |] <nội dung> — gửi thông báo tới cán bộ của kế hoạch',
      nhatky: '/nhatky [số dòng] — nhật ký thao tác quản trị',
      xingiahan: '/xingiahan <mã nhiệm vụ> <dd/mm/yyyy> <lý do>',
      giaitrinh:
        '/giaitrinh — các yêu cầu giải trình chưa trả lời\n/giaitrinh <mã nhiệm vụ> — gửi yêu cầu giải trình (Tổ công tác)\n/giaitrinh <mã nhiệm vụ> <nội dung> — trả lời giải trình (cơ quan chủ trì)',
    },
    buttons: { confirm: '✅ Xác nhận', cancel: '✖ Hủy', approve: '✅ Duyệt', reject: '✖ Từ chối' },
    taskNotFound: (code: string) => `Không tìm thấy nhiệm vụ #${code}.`,
    taskAmbiguous: (code: string, plans: string) =>
      `Mã #${code} có trong nhiều kế hoạch (${plans}). Ghi rõ <mã kế hoạch>/<mã nhiệm vụ>, ví dụ ${plans.split(', ')[0]}/${code}.`,
    officerNotFound: (id: string) => `Không có cán bộ mã ${id}.`,
    planNotFound: (id: string) => `Không có kế hoạch mã ${id}.`,
    agencyNotFound: (name: string) => `Không tìm thấy cơ quan "${name}" trong danh mục (gõ tên đầy đủ, tên viết tắt hoặc bí danh).`,
    officersHeader: (n: number) => `Cán bộ (${n}):`,
    officerLine: (id: number, name: string, agency: string, role: string, flags: string) =>
      `${id}. ${name} — ${agency} · ${role}${flags ? ` · ${flags}` : ''}`,
    flags: {
      inactive: 'đã ngừng',
      paused: 'tạm dừng',
      head: 'thủ trưởng',
      notLinked: 'chưa liên kết',
      unreachable: 'không nhắn được (Zalo quá 7 ngày hoặc đã chặn)',
    },
    officerAdded: (id: number, name: string, agency: string) =>
      `Đã thêm cán bộ ${id}. ${name} (${agency}). Tạo mã mời: /moi ${id}`,
    officerDeactivated: (name: string) => `Đã ngừng tài khoản cán bộ ${name}.`,
    inviteCreated: (name: string, code: string, until: string) =>
      `Mã mời của ${name}: ${code} (hết hạn ${until}). Cán bộ mở bot và gửi: /start ${code}`,
    assigned: (code: string, lead: string, support: string) =>
      `Đã giao #${code}: chủ trì ${lead}${support ? `; phối hợp ${support}` : ''}.`,
    aliasAdded: (alias: string, agency: string) => `Đã thêm bí danh "${alias}" cho ${agency}.`,
    successorSet: (from: string, to: string) => `Từ nay nhiệm vụ của ${from} do ${to} đảm nhận.`,
    agencyConfirmed: (name: string) => `Đã xác nhận cơ quan "${name}" vào danh mục.`,
    successorCycle: 'Không thể thay thế: hai cơ quan sẽ thay thế lẫn nhau.',
    dateNotFuture: 'Hạn mới phải sau ngày hôm nay.',
    extended: (code: string, from: string, to: string) => `Đã gia hạn #${code}: ${from} → ${to}. Hạn gốc của kế hoạch được giữ lại.`,
    noDate: 'chưa có hạn',
    paused: (what: string) => `Đã tạm dừng ${what}: không nhắc việc cho đến khi tiếp tục.`,
    resumed: (what: string) => `Đã tiếp tục ${what}.`,
    targets: {
      plan: (label: string) => `kế hoạch "${label}"`,
      task: (label: string) => `nhiệm vụ ${label}`,
      officer: (label: string) => `cán bộ ${label}`,
    },
    overdueHeader: (n: number) => `Nhiệm vụ quá hạn (${n}):`,
    overdueLine: (code: string, title: string, lead: string, days: number, status: string) =>
      `#${code} ${title}\n   ${lead || '(chưa rõ chủ trì)'} · quá hạn ${days} ngày · ${status}`,
    noOverdue: 'Không có nhiệm vụ nào quá hạn.',
    exportCaption: (n: number) => `Tình hình thực hiện: ${n} nhiệm vụ.`,
    exportEmpty: 'Chưa có nhiệm vụ nào để xuất.',
    broadcastPreview: (n: number, plan: string, text: string) =>
      `Gửi thông báo tới ${n} cán bộ của kế hoạch "${plan}"?\n\n${text}`,
    broadcastNoRecipients: 'Kế hoạch này chưa có cán bộ nào để nhận thông báo.',
    broadcastNoPlan: 'Chưa có kế hoạch nào.',
    broadcastSent: (n: number, unreachable: number) =>
      `Đã gửi thông báo tới ${n} cán bộ${unreachable ? `; ${unreachable} cán bộ chưa liên kết tài khoản` : ''}.`,
    broadcastMessage: (text: string) => `📢 Thông báo của Tổ công tác Đề án 06:\n${text}`,
    cancelled: 'Đã hủy.',
    nothingToConfirm: 'Không có thao tác nào đang chờ xác nhận (có thể đã hết hạn).',
    auditHeader: (n: number) => `Nhật ký quản trị (${n} mục gần nhất):`,
    auditLine: (at: string, actor: string, action: string, target: string, change: string) =>
      `${at} · ${actor} · ${action} ${target}${change ? `\n   ${change}` : ''}`,
    auditEmpty: 'Nhật ký trống.',
    importPreview: (title: string, tasks: number, groups: number) =>
      `Xem trước tệp kế hoạch "${title}": ${tasks} nhiệm vụ, ${groups} nhóm.`,
    importWarnings: (n: number) => `Cảnh báo (${n}):`,
    importUnknown: (names: string) => `Cơ quan chưa có trong danh mục: ${names}`,
    importLearned: (names: string) =>
      `Cơ quan mới học từ kế hoạch (xác nhận: /coquan xacnhan; gộp: /coquan thaythe): ${names}`,
    importNeedsAssignment: (codes: string) =>
      `Nhiệm vụ chủ trì nêu chung, chưa có cơ quan để nhắc — cần phân công (/giao): ${codes}`,
    importErrors: (n: number) => `Tệp có ${n} lỗi nên chưa nhập gì. Sửa và gửi lại:`,
    importIssueLine: (row: string, column: string, message: string) =>
      `• ${row ? `Dòng ${row}` : ''}${column ? ` (${column})` : ''}: ${message}`,
    importAsk: 'Bấm Xác nhận để nhập vào cơ sở dữ liệu, hoặc Hủy.',
    imported: (added: number, updated: number, removed: number) =>
      `Đã nhập kế hoạch: thêm ${added}, cập nhật ${updated}, loại bỏ ${removed} nhiệm vụ.`,
    importUnchanged: 'Tệp này đã được nhập trước đó: không có gì thay đổi.',
    importUnreadable: (reason: string) => `Không đọc được tệp: ${reason}`,
    fileFetchFailed: 'Không tải được tệp từ máy chủ của ứng dụng chat. Hãy gửi lại tệp.',
    fileTooLarge: (mb: number) => `Tệp lớn hơn ${mb} MB: bot không tải về. Hãy gửi tệp chỉ gồm bảng phụ lục.`,
    importFileChanged:
      'Tệp trên máy chủ chat không còn giống tệp đã xem trước nên không nhập. Hãy gửi lại tệp để xem trước.',
    extensionRequested: (code: string, date: string) =>
      `Đã gửi đề nghị gia hạn #${code} đến ${date} tới Tổ công tác. Bạn sẽ được báo khi có quyết định.`,
    extensionNotLead: (code: string) => `Chỉ cán bộ của cơ quan chủ trì nhiệm vụ #${code} mới xin gia hạn được.`,
    extensionForAdmins: (officer: string, agency: string, code: string, title: string, from: string, to: string, reason: string) =>
      `Đề nghị gia hạn từ ${officer} (${agency})\n#${code} ${title}\nHạn hiện tại: ${from} → đề nghị: ${to}\nLý do: ${reason}`,
    extensionApproved: (code: string, to: string) => `✅ Đề nghị gia hạn #${code} đã được duyệt: hạn mới ${to}.`,
    extensionRejected: (code: string, to: string) => `✖ Đề nghị gia hạn #${code} đến ${to} không được duyệt.`,
    extensionDecided: (code: string, decision: string, officer: string) => `#${code}: đã ${decision} đề nghị gia hạn của ${officer}.`,
    decisionWords: { approved: 'duyệt', rejected: 'từ chối' },
    extensionAlreadyDecided: (code: string, decision: string) => `Đề nghị gia hạn #${code} đã được ${decision} trước đó.`,
    extensionUnknown: 'Không tìm thấy đề nghị gia hạn này.',
    noAdmins: 'Chưa có tài khoản quản trị nào để nhận đề nghị.',
    explanationRequest: (code: string, title: string, due: string) =>
      `YÊU CẦU GIẢI TRÌNH\nNhiệm vụ #${code} ${title}\nHạn: ${due}. Đề nghị thủ trưởng và cán bộ đầu mối giải trình lý do chậm tiến độ và giải pháp khắc phục.\nTrả lời tin này, hoặc gửi: /giaitrinh ${code} <nội dung giải trình>`,
    explanationSent: (code: string, n: number) => `Đã gửi yêu cầu giải trình #${code} tới ${n} cán bộ của cơ quan chủ trì.`,
    explanationNoRecipients: (code: string) => `Cơ quan chủ trì #${code} chưa có cán bộ nào để nhận yêu cầu giải trình.`,
    explanationRecorded: (code: string) => `Đã ghi nhận nội dung giải trình nhiệm vụ #${code}.`,
    explanationNoOpen: (code: string) => `Nhiệm vụ #${code} không có yêu cầu giải trình nào đang chờ trả lời.`,
    explanationNotYours: (code: string) => `Chỉ cơ quan chủ trì nhiệm vụ #${code} mới trả lời giải trình.`,
    explanationForAdmin: (code: string, officer: string, text: string) => `Giải trình #${code} từ ${officer}:\n${text}`,
    openHeader: (n: number) => `Yêu cầu giải trình chưa trả lời (${n}):`,
    openLine: (code: string, title: string, lead: string, date: string) => `#${code} ${title}\n   ${lead} · yêu cầu ngày ${date}`,
    noOpen: 'Không có yêu cầu giải trình nào đang chờ.',
  },
  // Reminders feature: /nghiphep (leave).
  leaveCommand: {
    usage:
      'Cú pháp: /nghiphep <nghỉ đến hết ngày dd/mm/yyyy> [tên hoặc mã người thay]. Ví dụ: /nghiphep 20/12/2025 Nguyễn Văn B. Kết thúc sớm: /nghiphep off',
    recorded: (until: string, deputy: string | null) =>
      `Đã ghi nhận nghỉ phép đến hết ngày ${until}. ${deputy ? `Nhắc việc trong thời gian này gửi cho ${deputy}.` : 'Nhắc việc trong thời gian này gửi cho cán bộ khác của đơn vị.'}`,
    ended: 'Đã kết thúc nghỉ phép. Bạn sẽ nhận nhắc việc như thường lệ.',
    notOnLeave: 'Bạn không có lịch nghỉ phép nào.',
    badDate: (text: string) => `"${text}" không phải ngày hợp lệ. Viết ngày theo dạng dd/mm/yyyy, ví dụ 20/12/2025.`,
    pastDate: 'Ngày kết thúc nghỉ phép phải từ hôm nay trở đi.',
    deputyNotFound: (name: string) =>
      `Không tìm thấy cán bộ "${name}" đang hoạt động trong đơn vị của bạn để nhận thay nhắc việc.`,
    deputyAmbiguous: (names: string) => `Có nhiều cán bộ khớp: ${names}. Gửi lại với mã số của người thay.`,
    deputySelf: 'Người nhận thay phải là một cán bộ khác của đơn vị.',
  },
  // Inbound queue: a message whose handling failed for good (alert to admins).
  inboundFailed: (id: number, channel: string, chatId: string, detail: string) =>
    `Không xử lý được tin nhắn #${id} (${channel}, chat ${chatId}) sau nhiều lần thử: ${detail}. Tin nhắn vẫn được lưu; khi đã khắc phục, chạy: npm run cli -- inbound retry ${id}`,
  // Zalo channel: alerts to admins.
  zalo: zaloVi,
  delivery: deliveryVi,
  web: webVi,
  dateFormat: (d: string) => d.split('-').reverse().join('/'),
  // Digests (/tonghop)
  digestNotAllowed:
    'Chỉ thành viên Ban Chỉ đạo hoặc quản trị viên (Tổ công tác) mới xem được báo cáo tổng hợp. Tài khoản của bạn là cán bộ đầu mối.',
  digestUsage: 'Dùng: /tonghop (báo cáo tuần), /tonghop thang (tháng), /tonghop quy (quý).',
  digestChartCaption: 'Tiến độ theo nhóm nhiệm vụ',
  digestXlsxCaption: 'Bảng tổng hợp chi tiết',
  digestTruncated: (n: number) => `… còn ${n} tin nhắn nữa: xem đầy đủ trong bảng tính đính kèm.`,
};

export type Messages = typeof vi;
