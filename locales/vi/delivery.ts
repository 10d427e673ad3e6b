/** Messages about delivery to officers' chats: alerts to the working group (admins). */
export const deliveryVi = {
  telegramUnreachable: (name: string, agency: string, hasFallback: boolean) =>
    [
      `⚠️ Không gửi được tin qua Telegram cho cán bộ ${name} (${agency}): cán bộ đã chặn bot, rời nhóm, xoá tài khoản hoặc chưa từng mở cuộc trò chuyện với bot.`,
      hasFallback
        ? 'Tin nhắn đang được gửi qua Zalo thay thế.'
        : 'Cán bộ chưa có kênh nào khác để nhận nhắc việc.',
      'Đề nghị liên hệ cán bộ: mở Telegram, bỏ chặn bot và gửi một tin nhắn bất kỳ (ví dụ /trogiup). Bot sẽ gửi được tin trở lại ngay sau đó.',
    ].join('\n'),
};
