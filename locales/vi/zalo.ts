/** Messages of the Zalo channel (issue 5): alerts to the working group (admins). */
export const zaloVi = {
  tokenBroken: (at: string, reason: string) =>
    [
      `⚠️ Zalo OA: từ ${at} bot không gửi được tin qua Zalo vì Zalo từ chối làm mới mã truy cập (${reason}).`,
      'Cán bộ đã liên kết Telegram vẫn nhận tin qua Telegram. Để khôi phục Zalo, quản trị viên OA làm như sau:',
      '1) Chạy: npm run cli -- zalo auth-url',
      '2) Mở đường dẫn in ra trong trình duyệt, đăng nhập bằng tài khoản quản trị OA và bấm đồng ý cấp quyền.',
      '3) Trên trang được chuyển tới, chép giá trị code trong thanh địa chỉ và chạy: npm run cli -- zalo exchange <code> (mã chỉ dùng được trong 10 phút).',
      'Kiểm tra lại: npm run cli -- zalo status',
    ].join('\n'),
  officerUnreachable: (name: string, agency: string) =>
    [
      `⚠️ Không gửi được tin qua Zalo cho cán bộ ${name} (${agency}): đã quá 7 ngày cán bộ không tương tác với Zalo OA (hoặc đã bỏ quan tâm OA), và cán bộ chưa có Telegram để gửi thay.`,
      'Đề nghị liên hệ cán bộ: mở Zalo, vào Zalo OA của Tổ công tác, bấm Quan tâm (nếu chưa) và gửi một tin nhắn bất kỳ, ví dụ "xin chào". Bot sẽ gửi được tin trở lại ngay sau đó.',
      'Hoặc liên kết thêm Telegram bằng mã mời để không lỡ nhắc việc.',
    ].join('\n'),
};
