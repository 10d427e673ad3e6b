/**
 * Personal numbers never reach the database in clear: reports, an extension reason, an explanation answer,
 * a pending broadcast, an officer added by chat and a Zalo report, all carrying citizen ID, phone and bank
 * account numbers, go through the fake Bot API and the fake Zalo OA into the whole service; then every
 * text, JSON and array column of every table is read back and searched for the numbers' digits. The
 * nightly retention job then empties the raw payloads older than INBOUND_RETENTION_DAYS.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPlan } from '../../handlers/plan-import/import-plan.ts';
import { INBOUND_PURGE_JOB_NAME } from '../../jobs/catalog.ts';
import { processPlanningJob } from '../../jobs/reminders/planning-worker.ts';
import { resolveAgencyId } from '../../store/agencies.ts';
import { createInvite, createOfficer } from '../../store/officers.ts';
import { saveZaloToken } from '../../store/zalo-tokens.ts';
import { type FakeTelegram, startFakeTelegramServer } from '../fakes/telegram-api-server.ts';
import { type FakeZalo, startFakeZaloServer } from '../fakes/zalo-api-server.ts';
import { startTestApp, TEST_BOT_TOKEN, type TestApp } from '../support/app.ts';
import { waitUntil } from '../support/wait-until.ts';

const SEED = path.resolve(import.meta.dirname, '../../domain/plan/__fixtures__/003_9b0c4ba75028efa0.txt');
const OFFICER_TG = { id: 7101, first_name: 'Lan', language_code: 'vi' };
const ADMIN_TG = { id: 7109, first_name: 'Tổ công tác', language_code: 'vi' };
const OFFICER_ZALO = '8757318465512397777';

/** The planted numbers as typed, and the digits that must appear nowhere. */
const PLANTED = {
  cccd: { typed: '001 099 012 345', digits: '001099012345' },
  cmnd: { typed: '125 678 901', digits: '125678901' },
  mobile: { typed: '0912.345.678', digits: '0912345678' },
  intl: { typed: '+84 987 654 321', digits: '987654321' },
  landline: { typed: '0256 3821 456', digits: '02563821456' },
  bank: { typed: '1903 5566 7788 99', digits: '19035566778899' },
} as const;

type Sent = { chat_id?: unknown; text?: unknown };

/** Every text, JSON and array column of every table of the public schema, read as text. */
async function dumpDatabase(app: TestApp): Promise<Array<{ where: string; value: string }>> {
  const db = app.database.db;
  const columns = await db.$queryRaw<Array<{ table_name: string; column_name: string }>>`
    SELECT table_name, column_name FROM information_schema.columns
    WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'json', 'jsonb', 'ARRAY')`;
  const out: Array<{ where: string; value: string }> = [];
  for (const { table_name: table, column_name: column } of columns) {
    const rows = await db.$queryRawUnsafe<Array<{ v: string | null }>>(
      `SELECT "${column}"::text AS v FROM "${table}"`,
    );
    for (const row of rows) if (row.v !== null) out.push({ where: `${table}.${column}`, value: row.v });
  }
  return out;
}

describe('personal numbers are stored nowhere in clear', () => {
  let tg: FakeTelegram;
  let zalo: FakeZalo;
  let app: TestApp;
  let seq = 0;

  const db = () => app.database.db;
  const tgTextTo = (chatId: number, pattern: RegExp) =>
    tg.waitFor(
      (c) =>
        c.method === 'sendMessage' &&
        String((c.params as Sent).chat_id) === String(chatId) &&
        pattern.test(String((c.params as Sent).text)),
      20_000,
    );
  const zaloSay = async (text: string) => {
    const event = {
      event_name: 'user_send_text',
      sender: { id: OFFICER_ZALO },
      recipient: { id: zalo.oaId },
      message: { msg_id: `pd-${++seq}`, text },
      user_id_by_app: '9757318465512397777',
    };
    const { rawBody, headers } = zalo.signEvent(event);
    const res = await app.runtime.server!.inject({
      method: 'POST',
      url: '/webhooks/zalo',
      payload: rawBody,
      headers,
    });
    expect(res.statusCode).toBe(200);
  };

  beforeAll(async () => {
    tg = await startFakeTelegramServer({ token: TEST_BOT_TOKEN });
    zalo = await startFakeZaloServer();
    app = await startTestApp({
      telegram: tg,
      env: {
        ZALO_APP_ID: zalo.appId,
        ZALO_APP_SECRET: zalo.appSecret,
        ZALO_OA_SECRET_KEY: zalo.oaSecretKey,
        ZALO_API_BASE: zalo.apiBase,
        ZALO_OAUTH_BASE: zalo.oauthBase,
      },
    });
    await saveZaloToken(db(), zalo.issueTokens(), new Date());
    await importPlan(db(), { bytes: readFileSync(SEED), fileName: '003.txt', dryRun: false });
    const vpub = await resolveAgencyId(db(), 'VP UBND tỉnh');
    const police = await resolveAgencyId(db(), 'Công an tỉnh');
    const officer = await createOfficer(db(), {
      name: 'Trần Thị Lan',
      agencyId: vpub!.id,
      role: 'officer',
      locale: 'vi',
      phone: PLANTED.mobile.typed,
    });
    const admin = await createOfficer(db(), {
      name: 'Tổ công tác',
      agencyId: police!.id,
      role: 'admin',
      locale: 'vi',
    });
    const code = async (officerId: number) =>
      (await createInvite(db(), { officerId, purpose: 'officer', now: new Date() })).code;
    tg.injectText(OFFICER_TG, `/start ${await code(officer.id)}`);
    await tgTextTo(OFFICER_TG.id, /Xin chào Trần Thị Lan/u);
    tg.injectText(ADMIN_TG, `/start ${await code(admin.id)}`);
    await tgTextTo(ADMIN_TG.id, /Xin chào Tổ công tác/u);
    await zaloSay(await code(officer.id));
    await waitUntil(() => zalo.sent.find((m) => m.userId === OFFICER_ZALO), 'the Zalo greeting', 20_000);
  }, 90_000);

  afterAll(async () => {
    await app?.close();
    await tg?.close();
    await zalo?.close();
  });

  it('GIVEN reports, an extension reason, an explanation, a broadcast and an officer with numbers THEN the dump holds none in clear', async () => {
    const p = PLANTED;
    tg.injectText(
      OFFICER_TG,
      `#2 đang thực hiện 50%, vướng mắc: gọi anh Nam ${p.mobile.typed}, CCCD ${p.cccd.typed}`,
    );
    await tgTextTo(OFFICER_TG.id, /#2/u);
    tg.injectText(OFFICER_TG, `/xingiahan 2 31/12/2030 chờ kinh phí, STK ${p.bank.typed} Vietcombank`);
    await tgTextTo(ADMIN_TG.id, /chờ kinh phí/u);
    tg.injectText(ADMIN_TG, '/giaitrinh 2');
    await tgTextTo(ADMIN_TG.id, /Đã gửi yêu cầu giải trình #2/u);
    tg.injectText(OFFICER_TG, `/giaitrinh 2 Đã liên hệ số máy bàn ${p.landline.typed}, CMND ${p.cmnd.typed}`);
    await waitUntil(
      async () =>
        (await db().explanationRequest.findFirst({ where: { answer: { not: null } } })) ?? undefined,
      'the explanation answer',
      20_000,
    );
    tg.injectText(ADMIN_TG, `/thongbao Họp lúc 14h, liên hệ ${p.intl.typed}`);
    await waitUntil(
      async () => (await db().conversation.count()) > 0 || undefined,
      'the pending broadcast',
      20_000,
    );
    tg.injectText(ADMIN_TG, `/canbo them Nguyễn Văn B ${p.mobile.typed} | VP UBND tỉnh`);
    await waitUntil(
      async () => (await db().auditLog.count({ where: { action: 'officer.add' } })) > 0 || undefined,
      'the officer added by chat',
      20_000,
    );
    await zaloSay(`#2 đang thực hiện 60%, STK ${p.bank.typed}, sđt ${p.intl.typed}`);
    await waitUntil(
      async () => (await db().statusReport.count({ where: { channel: 'zalo' } })) > 0 || undefined,
      'the Zalo report',
      20_000,
    );
    // Let the confirmations and the admins' notices reach the outbox (they quote what was typed).
    await waitUntil(
      async () =>
        (await db().delivery.count({ where: { state: { in: ['pending', 'sending'] } } })) === 0 || undefined,
      'the outbox to settle',
      30_000,
    );

    const dump = await dumpDatabase(app);
    expect(dump.length).toBeGreaterThan(50);
    const leaks = dump.flatMap(({ where, value }) => {
      const digitsOnly = value.replace(/(?<=\d)[ .-]+(?=\d)/gu, '');
      return Object.entries(PLANTED)
        .filter(([, n]) => digitsOnly.includes(n.digits))
        .map(([kind]) => `${where}: ${kind}`);
    });
    expect([...new Set(leaks)]).toEqual([]);
    // The masked forms are there: the data was stored, only the numbers hidden.
    const reports = await db().statusReport.findMany({ orderBy: { id: 'asc' } });
    expect(reports.map((r) => r.blocker ?? r.result ?? '').join(' ')).toMatch(/\*{7}678/u);
    expect(reports.some((r) => r.progress === 50)).toBe(true);
    const extension = await db().deadlineExtension.findFirstOrThrow();
    expect(extension.reason).toMatch(/STK \*{11}899 Vietcombank/u);
    // What the platforms still show is untouched: dates, percentages, task codes, document numbers.
    expect(extension.newDue.toISOString().slice(0, 10)).toBe('2030-12-31');
  }, 180_000);

  it('GIVEN payloads older than INBOUND_RETENTION_DAYS THEN the nightly purge empties them and keeps the rest', async () => {
    const old = new Date(Date.now() - 91 * 86_400_000);
    await db().inboundMessage.updateMany({ where: { id: { gt: 0 } }, data: { receivedAt: old } });
    const fresh = await db().inboundMessage.create({
      data: {
        channel: 'telegram',
        platformId: 'retention-fresh',
        chatId: '1',
        userId: '1',
        text: 'mới',
        payload: { text: 'mới' },
      },
    });
    const before = await db().inboundMessage.count();
    const result = await processPlanningJob(
      {
        db: db(),
        now: () => new Date(),
        schedules: [],
        plan: async () => undefined,
        planningQueue: undefined as never,
        digestsQueue: undefined as never,
        inboundRetentionDays: 90,
      },
      { name: INBOUND_PURGE_JOB_NAME, data: {} },
    );
    expect(result).toMatchObject({ done: 'purged-inbound', purged: before - 1 });
    const rows = await db().inboundMessage.findMany();
    expect(rows).toHaveLength(before);
    for (const row of rows) {
      if (row.id === fresh.id) expect(row.payload).toEqual({ text: 'mới' });
      else expect(row.payload).toEqual({});
    }
    expect(rows.filter((r) => r.text !== null).length).toBeGreaterThan(1);
  });
});
