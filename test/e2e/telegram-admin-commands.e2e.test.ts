/**
 * Every administration command in chat, end to end against the fake Bot API server and the real
 * PostgreSQL and Redis: its happy path, a refusal for the wrong role (naming the role needed), and a
 * bad argument answered with the command's usage — in Vietnamese and, through the aliases, in English.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPlan } from '../../handlers/plan-import/import-plan.ts';
import { resolveAgencyId } from '../../store/agencies.ts';
import type { UploadedFile } from '../fakes/telegram-api-server.ts';
import { type AdminChat, type ChatUser, startAdminChat, textOf } from '../support/admin-chat.ts';

const SEED = path.resolve(import.meta.dirname, '../../domain/plan/__fixtures__/003_9b0c4ba75028efa0.txt');
const NEEDS_ADMIN = /chỉ dành cho: Tổ công tác \(quản trị\)\./u;
const VI_USAGE = (cmd: string) => new RegExp(`^Cách dùng:\\n[\\s\\S]*/${cmd}`, 'u');
const EN_USAGE = (cmd: string) => new RegExp(`^Usage:\\n[\\s\\S]*/${cmd}`, 'u');

describe('administration commands on Telegram', () => {
  let chat: AdminChat;
  let admin: ChatUser;
  let adminEn: ChatUser;
  let officer: ChatUser;
  let committee: ChatUser;
  const db = () => chat.app.database.db;
  const task = (code: string) =>
    db().task.findFirstOrThrow({ where: { code }, include: { agencies: { include: { agency: true } } } });

  beforeAll(async () => {
    chat = await startAdminChat();
    await importPlan(db(), { bytes: readFileSync(SEED), fileName: '003.txt', dryRun: false });
    admin = await chat.user(7001, 'Phạm Quản Trị', 'Công an tỉnh', 'admin');
    adminEn = await chat.user(7002, 'Admin Two', 'Công an tỉnh', 'admin', 'en');
    officer = await chat.user(7003, 'Trần Thị Lan', 'VP UBND tỉnh', 'officer');
    committee = await chat.user(7004, 'Lê Ban Chỉ Đạo', 'VP UBND tỉnh', 'committee');
  }, 60_000);

  afterAll(async () => {
    await chat?.close();
  });

  it('GIVEN /canbo THEN lists, adds and deactivates officers; an officer is refused; a bad call gets usage', async () => {
    await Promise.all([
      chat.ask(
        admin,
        '/canbo',
        /^Cán bộ \(4\):[\s\S]*Trần Thị Lan — Văn phòng Ủy ban nhân dân tỉnh · cán bộ đầu mối/u,
      ),
      chat.ask(officer, '/canbo', NEEDS_ADMIN),
      chat.ask(adminEn, '/officers xoa 3', EN_USAGE('officers')),
    ]);
    await chat.ask(
      admin,
      '/canbo them Nguyễn Văn Mới | Sở Y tế | bcd',
      /^Đã thêm cán bộ \d+\. Nguyễn Văn Mới \(Sở Y tế\)/u,
    );
    const added = await db().officer.findFirstOrThrow({ where: { name: 'Nguyễn Văn Mới' } });
    expect(added.role).toBe('committee');
    await chat.ask(adminEn, `/officers ngung ${added.id}`, /^Deactivated officer Nguyễn Văn Mới\./u);
    expect((await db().officer.findUniqueOrThrow({ where: { id: added.id } })).active).toBe(false);
    await chat.ask(
      admin,
      '/canbo them Ai Đó | Sở Không Tồn Tại',
      /Không tìm thấy cơ quan "Sở Không Tồn Tại"/u,
    );
  });

  it('GIVEN an officer reachable only on Zalo and silent for 10 days THEN /canbo flags them unreachable', async () => {
    const agency = await resolveAgencyId(db(), 'Sở Tư pháp');
    const silent = await db().officer.create({ data: { name: 'Hồ Thị Im Lặng', agencyId: agency!.id } });
    await db().channelIdentity.create({
      data: {
        channel: 'zalo',
        chatId: '7001234567890123456',
        officerId: silent.id,
        lastInteractionAt: new Date(Date.now() - 10 * 24 * 3600 * 1000),
      },
    });
    await chat.ask(admin, '/canbo', /Hồ Thị Im Lặng — Sở Tư pháp · cán bộ đầu mối[^\n]*không nhắn được/u);
    await db().officer.update({ where: { id: silent.id }, data: { active: false } });
  });

  it('GIVEN /moi THEN an invite code; the committee is refused; a bad id gets usage', async () => {
    const [sent] = await Promise.all([
      chat.ask(
        admin,
        `/moi ${officer.officerId}`,
        /^Mã mời của Trần Thị Lan: [A-Z2-9]{8} \(hết hạn \d\d\/\d\d\/\d{4}\)/u,
      ),
      chat.ask(committee, `/moi ${officer.officerId}`, NEEDS_ADMIN),
      chat.ask(adminEn, '/invite abc', EN_USAGE('invite')),
    ]);
    const code = /: ([A-Z2-9]{8}) /u.exec(textOf(sent))![1]!;
    expect(await db().inviteCode.findUnique({ where: { code } })).toMatchObject({
      officerId: officer.officerId,
    });
  });

  it('GIVEN /giao THEN lead and support agencies are replaced; an officer is refused; no agency gets usage', async () => {
    await Promise.all([
      chat.ask(
        admin,
        '/giao 5 Sở Y tế; Công an tỉnh | phối hợp Sở Tư pháp',
        /^Đã giao #5: chủ trì .*Sở Y tế.*; phối hợp Sở Tư pháp\./u,
      ),
      chat.ask(officer, '/giao 5 Sở Y tế', NEEDS_ADMIN),
      chat.ask(adminEn, '/assign 5', EN_USAGE('assign')),
    ]);
    const t5 = await task('5');
    const names = (role: string) =>
      t5.agencies
        .filter((a) => a.role === role)
        .map((a) => a.agency.name)
        .sort();
    expect(names('lead')).toEqual(['Công an tỉnh', 'Sở Y tế']);
    expect(names('support')).toEqual(['Sở Tư pháp']);
    const audit = await db().auditLog.findFirstOrThrow({
      where: { action: 'task.assign', targetId: String(t5.id) },
    });
    expect(audit).toMatchObject({ actorId: admin.officerId, actorLabel: 'Phạm Quản Trị' });
  });

  it('GIVEN /coquan THEN an alias and a successor are recorded; an officer is refused; a bad call gets usage', async () => {
    await Promise.all([
      chat.ask(
        admin,
        '/coquan bidanh Tổ PC06 | Công an tỉnh',
        /^Đã thêm bí danh "Tổ PC06" cho Công an tỉnh\./u,
      ),
      chat.ask(officer, '/coquan bidanh X | Công an tỉnh', NEEDS_ADMIN),
      chat.ask(adminEn, '/agency rename A | B', EN_USAGE('agency')),
    ]);
    expect((await resolveAgencyId(db(), 'Tổ PC06'))?.name).toBe('Công an tỉnh');
    await chat.ask(
      admin,
      '/coquan thaythe Sở Tư pháp | Sở Nội vụ',
      /^Từ nay nhiệm vụ của Sở Tư pháp do Sở Nội vụ đảm nhận\./u,
    );
    await chat.ask(admin, '/coquan thaythe Sở Nội vụ | Sở Tư pháp', /hai cơ quan sẽ thay thế lẫn nhau/u);
  });

  it('GIVEN /giahan THEN the deadline moves, the original is kept and it is audited; refused and bad calls', async () => {
    const before = await task('3');
    await Promise.all([
      chat.ask(admin, '/giahan 3 31/12/2030 Chờ bố trí kinh phí', /^Đã gia hạn #3: .* → 31\/12\/2030\./u),
      chat.ask(officer, '/giahan 3 31/12/2030 Lý do', NEEDS_ADMIN),
      chat.ask(adminEn, '/extend_admin 3 31/02/2030 no such day', EN_USAGE('extend_admin')),
    ]);
    const after = await task('3');
    expect(after.dueDate?.toISOString().slice(0, 10)).toBe('2030-12-31');
    expect(after.originalDueDate?.toISOString()).toBe(before.originalDueDate?.toISOString());
    const ext = await db().deadlineExtension.findFirstOrThrow({ where: { taskId: after.id } });
    expect(ext).toMatchObject({
      state: 'approved',
      decidedBy: admin.officerId,
      reason: 'Chờ bố trí kinh phí',
    });
    expect(await db().auditLog.count({ where: { action: 'task.extend', targetId: String(after.id) } })).toBe(
      1,
    );
    await chat.ask(admin, '/giahan ?', VI_USAGE('giahan'));
  });

  it('GIVEN /tamdung and /tieptuc THEN plan, task and officer are paused and resumed; refused and bad calls', async () => {
    await Promise.all([
      chat.ask(admin, '/tamdung nhiemvu 4', /^Đã tạm dừng nhiệm vụ #4/u),
      chat.ask(committee, '/tamdung nhiemvu 4', NEEDS_ADMIN),
      chat.ask(adminEn, '/pause moon 4', EN_USAGE('pause')),
    ]);
    expect((await task('4')).paused).toBe(true);
    await chat.ask(admin, '/tieptuc nhiemvu 4', /^Đã tiếp tục nhiệm vụ #4\./u);
    expect((await task('4')).paused).toBe(false);
    const plan = await db().plan.findFirstOrThrow();
    await chat.ask(adminEn, `/pause kehoach ${plan.id}`, /^Paused the plan/u);
    expect((await db().plan.findFirstOrThrow()).paused).toBe(true);
    await chat.ask(adminEn, `/resume plan ${plan.id}`, /^Resumed the plan/u);
    await chat.ask(admin, `/tamdung canbo ${officer.officerId}`, /^Đã tạm dừng cán bộ Trần Thị Lan/u);
    expect((await db().officer.findUniqueOrThrow({ where: { id: officer.officerId } })).paused).toBe(true);
    await chat.ask(admin, `/tieptuc canbo ${officer.officerId}`, /^Đã tiếp tục cán bộ Trần Thị Lan/u);
    await chat.ask(admin, '/tamdung canbo 99999', /Không có cán bộ mã 99999/u);
  });

  it('GIVEN /quahan THEN admins and the committee see overdue tasks; an officer is refused; args get usage', async () => {
    await Promise.all([
      chat.ask(admin, '/quahan', /^Nhiệm vụ quá hạn \(\d+\):\n#\S+ [\s\S]*quá hạn \d+ ngày/u),
      chat.ask(committee, '/quahan', /^Nhiệm vụ quá hạn/u),
      chat.ask(officer, '/quahan', /chỉ dành cho: Tổ công tác \(quản trị\) hoặc Ban Chỉ đạo\./u),
      chat.ask(adminEn, '/overdue now', EN_USAGE('overdue')),
    ]);
  });

  it('GIVEN /xuat THEN an XLSX document with one row per task; an officer is refused; a bad plan id gets usage', async () => {
    await db().task.update({
      where: { id: (await task('3')).id },
      data: { dueDate: new Date('2030-12-31') },
    });
    const since = chat.fake.calls.length;
    chat.fake.injectText(admin, '/xuat');
    const [doc] = await Promise.all([
      chat.next(admin, /./u, since, 'sendDocument'),
      chat.ask(officer, '/xuat', /Ban Chỉ đạo/u),
      chat.ask(adminEn, '/export all', EN_USAGE('export')),
    ]);
    const file = (doc.params as { document: UploadedFile }).document;
    expect(file.filename).toMatch(/^de-an-06-\d{4}-\d\d-\d\d\.xlsx$/u);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      'Mã',
      'Nhiệm vụ',
      'Cơ quan chủ trì',
      'Thời hạn',
      'Trạng thái',
      'Tiến độ (%)',
      'Báo cáo gần nhất',
      'Vướng mắc',
    ]);
    expect(sheet.rowCount).toBe(43);
    const row3 = sheet.getRows(2, 42)!.find((r) => r.getCell(1).value === '3')!;
    expect(row3.getCell(4).value).toBe('31/12/2030');
  });

  it('GIVEN /thongbao THEN an officer is refused and an empty notice gets usage', async () => {
    await Promise.all([
      chat.ask(officer, '/thongbao Họp giao ban', NEEDS_ADMIN),
      chat.ask(admin, '/thongbao', VI_USAGE('thongbao')),
      chat.ask(adminEn, '/broadcast kehoach x | hello all', EN_USAGE('broadcast')),
    ]);
  });

  it('GIVEN /nhatky THEN the latest entries; the committee is refused; too many lines gets usage', async () => {
    // Six audited actions of its own, the officer's resumption last.
    for (const target of ['nhiemvu 4', 'nhiemvu 5', `canbo ${officer.officerId}`]) {
      await chat.ask(admin, `/tamdung ${target}`, /^Đã tạm dừng/u);
      await chat.ask(admin, `/tieptuc ${target}`, /^Đã tiếp tục/u);
    }
    await Promise.all([
      chat.ask(
        admin,
        '/nhatky 5',
        /^Nhật ký quản trị \(5 mục gần nhất\):[\s\S]*Phạm Quản Trị · officer\.resume officer/u,
      ),
      chat.ask(committee, '/nhatky', NEEDS_ADMIN),
      chat.ask(adminEn, '/audit 999', EN_USAGE('audit')),
    ]);
  });

  it('GIVEN /xingiahan from another agency THEN refused; a bad date gets usage', async () => {
    await Promise.all([
      chat.ask(adminEn, '/extend 2 30/06/2031 waiting for funds', /^Only officers of the lead agency of #2/u),
      chat.ask(officer, '/xingiahan 2 hôm nay', VI_USAGE('xingiahan')),
      chat.ask(committee, '/xingiahan 999 30/06/2031 Chờ kinh phí', /Không tìm thấy nhiệm vụ #999/u),
    ]);
    expect(await db().deadlineExtension.count({ where: { state: 'requested' } })).toBe(0);
  });

  it('GIVEN /giaitrinh THEN an officer may not request one, nor answer for another agency; bad calls get usage', async () => {
    await Promise.all([
      chat.ask(officer, '/giaitrinh 2', NEEDS_ADMIN),
      chat.ask(officer, '/giaitrinh', /chỉ dành cho: Tổ công tác \(quản trị\) hoặc Ban Chỉ đạo/u),
      chat.ask(adminEn, '/explain ***', EN_USAGE('explain')),
      chat.ask(committee, '/giaitrinh 2 Đã xong', /không có yêu cầu giải trình nào đang chờ/u),
    ]);
    await chat.ask(
      admin,
      '/giaitrinh 2 Trả lời hộ',
      /Chỉ cơ quan chủ trì nhiệm vụ #2 mới trả lời giải trình/u,
    );
  });
});
