/**
 * The administration flows end to end against the fake Bot API server: importing a plan by sending the
 * file (preview with buttons, confirm, tasks in the database), an officer's extension request approved
 * with the admin's button, a broadcast confirmed once, and a request for explanation answered by reply.
 *
 * The plan file goes through the running bot: the fake Bot API server serves getFile and the download.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileFetcher } from '../../handlers/admin/file-fetcher.ts';
import type { IncomingMessage } from '../../handlers/channel.ts';
import { createInboundHandler } from '../../handlers/conversation/create-inbound-handler.ts';
import { importPlan } from '../../handlers/plan-import/import-plan.ts';
import { type AdminChat, type ChatUser, markupOf, startAdminChat } from '../support/admin-chat.ts';

const SEED = readFileSync(
  path.resolve(import.meta.dirname, '../../domain/plan/__fixtures__/003_9b0c4ba75028efa0.txt'),
);

describe('administration flows on Telegram', () => {
  let chat: AdminChat;
  let admin: ChatUser;
  let officer: ChatUser;
  let police: ChatUser;
  const db = () => chat.app.database.db;
  const files = new Map<string, Uint8Array>([['FILE-003', SEED]]);
  const fetcher: FileFetcher = {
    fetch: async (_channel, fileId) => {
      const bytes = files.get(fileId);
      if (!bytes) throw new Error(`no file ${fileId}`);
      return bytes;
    },
  };
  const upload = (user: ChatUser, platformId: string, fileId: string): IncomingMessage => ({
    channel: 'telegram',
    platformId,
    chatId: String(user.id),
    userId: String(user.id),
    kind: 'file',
    text: '',
    file: { fileId, fileName: 'phu-luc-003.txt', mimeType: 'text/plain', size: SEED.length },
    isGroup: false,
    receivedAt: new Date(),
    raw: { test: platformId },
  });

  /** Each test's own set-up: seed 003 imported (what the upload test imports through the bot), unless it is. */
  const ensurePlanImported = async () => {
    if ((await db().task.count()) > 0) return;
    await importPlan(db(), { bytes: SEED, fileName: 'phu-luc-003.txt', dryRun: false });
  };

  beforeAll(async () => {
    chat = await startAdminChat();
    admin = await chat.user(8001, 'Phạm Quản Trị', 'Công an tỉnh', 'admin');
    officer = await chat.user(8002, 'Trần Thị Lan', 'VP UBND tỉnh', 'officer');
    police = await chat.user(8003, 'Lê Minh', 'Công an tỉnh', 'officer', 'en');
  }, 60_000);

  afterAll(async () => {
    await chat?.close();
  });

  it('GIVEN an admin uploads a plan file THEN preview with buttons, Confirm imports it, a second Confirm does nothing', async () => {
    // Through the running bot end to end: the document arrives as an update, the bot downloads it
    // with getFile and the file URL of the fake Bot API server, previews it, and imports on Confirm.
    const mark = chat.fake.calls.length;
    chat.fake.injectDocument(admin, { fileName: 'phu-luc-003.txt', bytes: SEED, mimeType: 'text/plain' });
    const preview = await chat.next(admin, /^Xem trước tệp kế hoạch ".*": 42 nhiệm vụ/u, mark);
    expect(chat.fake.calls.slice(mark).some((c) => c.method === 'getFile')).toBe(true);
    expect(markupOf(preview)).toContain('/nhap_ok');
    expect(markupOf(preview)).toContain('/nhap_huy');
    expect(await db().task.count()).toBe(0);

    const refused = chat.fake.calls.length;
    chat.fake.injectDocument(officer, { fileName: 'phu-luc-003.txt', bytes: SEED, mimeType: 'text/plain' });
    await chat.next(officer, /Chỉ Tổ công tác \(quản trị\) mới gửi tệp/u, refused);

    await chat.press(
      admin,
      '/nhap_ok',
      preview,
      /^Đã nhập kế hoạch: thêm 42, cập nhật 0, loại bỏ 0 nhiệm vụ\./u,
    );
    expect(await db().task.count()).toBe(42);
    expect(await db().auditLog.count({ where: { action: 'plan.import', actorId: admin.officerId } })).toBe(1);
    await chat.press(admin, '/nhap_ok', preview, /^Không có thao tác nào đang chờ xác nhận/u);
  });

  it('GIVEN a file the bot cannot download THEN the admin is told and nothing is imported', async () => {
    const handler = createInboundHandler(
      { db: db(), outbox: chat.app.runtime.outbox, now: () => new Date() },
      { files: fetcher, enabledChannels: () => new Set(['telegram']) },
    );
    const mark = chat.fake.calls.length;
    const message = upload(admin, 'upload-missing', 'NO-SUCH-FILE');
    await chat.app.runtime.intake.accept(message);
    const stored = await db().inboundMessage.findUniqueOrThrow({
      where: { channel_platformId: { channel: message.channel, platformId: message.platformId } },
    });
    expect(await handler.handle(message, stored.id)).toBe('rejected');
    await chat.next(admin, /^Không tải được tệp/u, mark);
  });

  it('GIVEN an officer asks for an extension THEN the admin approves with a button and both are told', async () => {
    await ensurePlanImported();
    const task2 = await db().task.findFirstOrThrow({ where: { code: '2' } });
    const since = chat.fake.calls.length;
    await chat.ask(
      officer,
      '/xingiahan 2 30/06/2031 Chờ bố trí kinh phí',
      /^Đã gửi đề nghị gia hạn #2 đến 30\/06\/2031/u,
    );
    const request = await chat.next(
      admin,
      /^Đề nghị gia hạn từ Trần Thị Lan \(Văn phòng Ủy ban nhân dân tỉnh\)\n#2 [\s\S]*Lý do: Chờ bố trí kinh phí/u,
      since,
    );
    const ext = await db().deadlineExtension.findFirstOrThrow({ where: { taskId: task2.id } });
    expect(ext.state).toBe('requested');
    expect(markupOf(request)).toContain(`/gh_duyet ${ext.id}`);

    const pressed = chat.fake.calls.length;
    await chat.press(
      admin,
      `/gh_duyet ${ext.id}`,
      request,
      /^#2: đã duyệt đề nghị gia hạn của Trần Thị Lan\./u,
    );
    await chat.next(officer, /^✅ Đề nghị gia hạn #2 đã được duyệt: hạn mới 30\/06\/2031\./u, pressed);
    const after = await db().task.findUniqueOrThrow({ where: { id: task2.id } });
    expect(after.dueDate?.toISOString().slice(0, 10)).toBe('2031-06-30');
    expect(after.originalDueDate?.toISOString().slice(0, 10)).toBe('2024-09-30');
    expect(await db().deadlineExtension.findUniqueOrThrow({ where: { id: ext.id } })).toMatchObject({
      state: 'approved',
      decidedBy: admin.officerId,
      requestedBy: officer.officerId,
    });
    const audit = await db().auditLog.findMany({
      where: { actorId: admin.officerId },
      orderBy: { id: 'asc' },
    });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['extension.approve', 'task.extend']));
    expect(audit.find((a) => a.action === 'task.extend')?.before).toMatchObject({ dueDate: '2024-09-30' });

    await chat.press(admin, `/gh_tuchoi ${ext.id}`, request, /^Đề nghị gia hạn #2 đã được duyệt trước đó\./u);
    expect((await db().task.findUniqueOrThrow({ where: { id: task2.id } })).dueDate?.toISOString()).toBe(
      after.dueDate?.toISOString(),
    );
    await chat.ask(officer, `/gh_duyet ${ext.id}`, /chỉ dành cho: Tổ công tác/u);
  });

  it('GIVEN /thongbao THEN the recipient count with buttons; Confirm sends once to each officer', async () => {
    await ensurePlanImported();
    const preview = await chat.ask(
      admin,
      '/thongbao Họp giao ban Đề án 06 lúc 8h thứ Hai',
      /^Gửi thông báo tới 2 cán bộ của kế hoạch/u,
    );
    expect(markupOf(preview)).toContain('/tb_ok');
    const since = chat.fake.calls.length;
    await chat.press(admin, '/tb_ok', preview, /^Đã gửi thông báo tới 2 cán bộ\./u);
    await chat.next(officer, /^📢 Thông báo của Tổ công tác Đề án 06:\nHọp giao ban/u, since);
    await chat.next(police, /^📢 Notice from the Đề án 06 working group:\nHọp giao ban/u, since);
    await chat.press(admin, '/tb_ok', preview, /^Không có thao tác nào đang chờ xác nhận/u);
    expect(await db().delivery.count({ where: { kind: 'broadcast' } })).toBe(2);
  });

  it('GIVEN /giaitrinh <task> THEN the lead agency is asked; a reply records the answer and the admin is told', async () => {
    await ensurePlanImported();
    const since = chat.fake.calls.length;
    await chat.ask(admin, '/giaitrinh 2', /^Đã gửi yêu cầu giải trình #2 tới 1 cán bộ/u);
    const request = await chat.next(officer, /^YÊU CẦU GIẢI TRÌNH\nNhiệm vụ #2 /u, since);
    await chat.ask(admin, '/giaitrinh', /^Yêu cầu giải trình chưa trả lời \(1\):\n#2 /u);

    const answered = chat.fake.calls.length;
    chat.fake.injectText(officer, 'Chưa được cấp kinh phí, dự kiến xong quý II/2031', {
      replyToMessageId: (request.result as { message_id: number }).message_id,
    });
    await chat.next(officer, /^Đã ghi nhận nội dung giải trình nhiệm vụ #2\./u, answered);
    await chat.next(admin, /^Giải trình #2 từ Trần Thị Lan:\nChưa được cấp kinh phí/u, answered);
    const row = await db().explanationRequest.findFirstOrThrow();
    expect(row).toMatchObject({
      answeredBy: officer.officerId,
      answer: 'Chưa được cấp kinh phí, dự kiến xong quý II/2031',
    });
    expect(row.answeredAt).not.toBeNull();
    expect(await db().statusReport.count()).toBe(0);
    await chat.ask(admin, '/giaitrinh', /^Không có yêu cầu giải trình nào đang chờ\./u);
  });
});
