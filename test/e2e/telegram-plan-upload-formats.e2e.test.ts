/**
 * Plan files sent to the bot as the secretariat has them, through the running bot and the fake Bot
 * API server: a Word appendix previewed then imported on Confirm (the pending step keeps a file
 * reference, not the bytes), and files over the size limit refused before any download.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminChat, type ChatUser, markupOf, startAdminChat, textOf } from '../support/admin-chat.ts';

const WORD = readFileSync(
  path.resolve(import.meta.dirname, '../fixtures/plans/lamdong-cchc-2026-2030-plan.docx'),
);
const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const MB = 1024 * 1024;

describe('plan files sent to the bot', () => {
  let chat: AdminChat;
  let admin: ChatUser;
  const db = () => chat.app.database.db;

  beforeAll(async () => {
    chat = await startAdminChat();
    admin = await chat.user(8101, 'Phạm Quản Trị', 'Sở Nội vụ', 'admin');
  }, 60_000);

  afterAll(async () => {
    await chat?.close();
  });

  it('GIVEN an admin sends the Word plan THEN a preview of 56 tasks, a file reference pending, Confirm imports it', async () => {
    const mark = chat.fake.calls.length;
    chat.fake.injectDocument(admin, { fileName: 'ke-hoach-cchc.docx', bytes: WORD, mimeType: DOCX_MIME });
    const preview = await chat.next(admin, /^Xem trước tệp kế hoạch ".*": 56 nhiệm vụ/u, mark);
    expect(markupOf(preview)).toContain('/nhap_ok');
    // Collective leads the directory cannot expand ("Các cơ quan, đơn vị liên quan") are flagged at once.
    expect(textOf(preview)).toMatch(/cần phân công \(\/giao\): III\.2, III\.4, IV\.1/u);
    const pending = await db().conversation.findFirstOrThrow({ where: { kind: 'confirm-import' } });
    expect(Object.keys(pending.data as object).sort()).toEqual(['fileId', 'fileName', 'sha256', 'size']);
    expect(JSON.stringify(pending.data).length).toBeLessThan(400);

    const pressed = chat.fake.calls.length;
    await chat.press(
      admin,
      '/nhap_ok',
      preview,
      /^Đã nhập kế hoạch: thêm 56, cập nhật 0, loại bỏ 0 nhiệm vụ\./u,
    );
    // Confirm downloads the referenced file again (and checks it is the one previewed).
    expect(chat.fake.calls.slice(pressed).some((c) => c.method === 'getFile')).toBe(true);
    expect(await db().task.count()).toBe(56);
    expect(await db().taskGroup.count()).toBe(7);
  }, 120_000);

  it('GIVEN a file the update declares over 20 MB THEN refused without asking for it', async () => {
    const mark = chat.fake.calls.length;
    chat.fake.injectDocument(admin, {
      fileName: 'big.docx',
      bytes: WORD,
      mimeType: DOCX_MIME,
      size: 25 * MB,
    });
    await chat.next(admin, /^Tệp lớn hơn 20 MB: bot không tải về/u, mark);
    expect(chat.fake.calls.slice(mark).some((c) => c.method === 'getFile')).toBe(false);
  }, 60_000);

  it('GIVEN an update without file_size for a 25 MB file THEN getFile refuses it and nothing is downloaded', async () => {
    const mark = chat.fake.calls.length;
    chat.fake.injectDocument(admin, {
      fileName: 'big.pdf',
      bytes: WORD,
      mimeType: 'application/pdf',
      size: 25 * MB,
      omitSizeInUpdate: true,
    });
    await chat.next(admin, /^Tệp lớn hơn 20 MB: bot không tải về/u, mark);
    const getFile = chat.fake.calls.slice(mark).find((c) => c.method === 'getFile');
    expect(getFile?.status).toBe(400);
  }, 60_000);
});
