/**
 * The Zalo channel end to end: the whole service (startTestApp) with the fake Zalo OA and the fake
 * Telegram Bot API, the real PostgreSQL and Redis. Signed webhooks in, messages out through the outbox,
 * fallback to Telegram outside the 7-day window, admins told when nothing can reach an officer, and the
 * OA token refreshed once when it expires in the middle of a batch.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZaloClient } from '../../bot/zalo/zalo-client.ts';
import { addressOfficer } from '../../handlers/delivery/address-officer.ts';
import { importPlan } from '../../handlers/plan-import/import-plan.ts';
import { composeReminder } from '../../handlers/reminders/compose-reminder.ts';
import { notifyUnreachableZaloOfficers } from '../../handlers/zalo/zalo-alerts.ts';
import { resolveAgencyId } from '../../store/agencies.ts';
import { listAttempts } from '../../store/deliveries.ts';
import { createInvite, createOfficer } from '../../store/officers.ts';
import { tasksByCode } from '../../store/tasks.ts';
import { readZaloToken, saveZaloToken } from '../../store/zalo-tokens.ts';
import { type FakeTelegram, startFakeTelegramServer } from '../fakes/telegram-api-server.ts';
import { type FakeZalo, startFakeZaloServer } from '../fakes/zalo-api-server.ts';
import { startTestApp, TEST_BOT_TOKEN, type TestApp } from '../support/app.ts';
import { waitUntil } from '../support/wait-until.ts';

const SEED = path.resolve(import.meta.dirname, '../../domain/plan/__fixtures__/003_9b0c4ba75028efa0.txt');
const LAN_ZALO = '8757318465512391234';
const HUNG_ZALO = '8757318465512395678';
const LAN_TG = { id: 6001, first_name: 'Lan', language_code: 'vi' };
const ADMIN_TG = { id: 6009, first_name: 'Tổ công tác', language_code: 'vi' };
const DAY = 24 * 3600 * 1000;

type TgSent = { chat_id?: unknown; text?: unknown };

describe('officer conversation on Zalo', () => {
  let tg: FakeTelegram;
  let zalo: FakeZalo;
  let app: TestApp;
  let lanId: number;
  let hungId: number;
  let msgSeq = 0;

  const db = () => app.database.db;
  const textEvent = (userId: string, text: string, msgId = `mid-${Date.now()}-${++msgSeq}`) => ({
    event_name: 'user_send_text',
    sender: { id: userId },
    recipient: { id: zalo.oaId },
    message: { msg_id: msgId, text },
    user_id_by_app: `9${userId.slice(1)}`,
  });
  const post = (rawBody: string, headers: Record<string, string>) =>
    app.runtime.server!.inject({ method: 'POST', url: '/webhooks/zalo', payload: rawBody, headers });
  /** Posts a signed event; after a 200, waits until the inbound queue handled it. */
  const send = async (event: object, opts?: Parameters<FakeZalo['signEvent']>[1]) => {
    const { rawBody, headers } = zalo.signEvent(event, opts);
    const answer = await post(rawBody, headers);
    if (answer.statusCode === 200) await app.inboundSettled();
    return answer;
  };
  const zaloTextTo = (userId: string, pattern: RegExp) =>
    waitUntil(
      () =>
        zalo.sent.find(
          (m) => m.userId === userId && pattern.test(String((m.message as { text?: unknown }).text ?? '')),
        ),
      `a Zalo message to ${userId} matching ${pattern}`,
    );
  const tgTextTo = (chatId: number, pattern: RegExp) =>
    tg.waitFor(
      (c) =>
        c.method === 'sendMessage' &&
        String((c.params as TgSent).chat_id) === String(chatId) &&
        pattern.test(String((c.params as TgSent).text)),
      15_000,
    );
  /** Waits until the outbox has nothing left in flight (replies included). */
  const outboxSettled = () =>
    waitUntil(
      async () =>
        (await db().delivery.count({ where: { state: { in: ['pending', 'sending'] } } })) === 0 || undefined,
      'the outbox to settle',
    );
  const zaloIdentity = (chatId: string) =>
    db().channelIdentity.findUniqueOrThrow({ where: { channel_chatId: { channel: 'zalo', chatId } } });
  /** Queues a reminder to an officer, addressed as the reminders feature does; returns the address. */
  const remind = async (officerId: number, dedupKey: string, text: string) => {
    const address = await addressOfficer(
      db(),
      officerId,
      app.now.value,
      new Set(app.runtime.channels.keys()),
    );
    await app.runtime.outbox.enqueue([
      { dedupKey, kind: 'reminder', officerId, ...address!, message: { text } },
    ]);
    return address;
  };
  const deliveryIn = (dedupKey: string, state: 'sent' | 'undeliverable') =>
    waitUntil(async () => {
      const row = await db().delivery.findUniqueOrThrow({ where: { dedupKey } });
      return row.state === state ? row : undefined;
    }, `delivery ${dedupKey} to be ${state}`);

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
    lanId = (
      await createOfficer(db(), { name: 'Trần Thị Lan', agencyId: vpub!.id, role: 'officer', locale: 'vi' })
    ).id;
    hungId = (
      await createOfficer(db(), { name: 'Phạm Văn Hùng', agencyId: vpub!.id, role: 'officer', locale: 'vi' })
    ).id;
    const admin = await createOfficer(db(), {
      name: 'Tổ công tác',
      agencyId: police!.id,
      role: 'admin',
      locale: 'vi',
    });
    const code = async (officerId: number) =>
      (await createInvite(db(), { officerId, purpose: 'officer', now: new Date() })).code;
    tg.injectText(LAN_TG, `/start ${await code(lanId)}`);
    await tgTextTo(LAN_TG.id, /Xin chào Trần Thị Lan/u);
    tg.injectText(ADMIN_TG, `/start ${await code(admin.id)}`);
    await tgTextTo(ADMIN_TG.id, /Xin chào Tổ công tác/u);
    // Zalo users link by sending the bare invite code to the OA.
    expect((await send(textEvent(LAN_ZALO, (await code(lanId)).toLowerCase()))).statusCode).toBe(200);
    await zaloTextTo(LAN_ZALO, /Xin chào Trần Thị Lan/u);
    expect((await send(textEvent(HUNG_ZALO, await code(hungId)))).statusCode).toBe(200);
    await zaloTextTo(HUNG_ZALO, /Xin chào Phạm Văn Hùng/u);
    await outboxSettled();
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await tg?.close();
    await zalo?.close();
  });

  it('GIVEN the console probe, a missing, forged or stale signature THEN 200, then 401s, and nothing stored', async () => {
    const before = await db().inboundMessage.count();
    expect((await post('{}', { 'content-type': 'application/json' })).statusCode).toBe(200);
    const event = textEvent(LAN_ZALO, '#2 xong');
    const { rawBody } = zalo.signEvent(event);
    expect((await post(rawBody, { 'content-type': 'application/json' })).statusCode).toBe(401);
    expect((await send(event, { oaSecretKey: 'guessed-secret' })).statusCode).toBe(401);
    const replayed = await send(event, { timestamp: String(Date.now() - 2 * 3600_000) });
    expect(replayed.statusCode).toBe(401);
    expect(await db().inboundMessage.count()).toBe(before);
  });

  it('GIVEN a reminder for a Zalo officer THEN it goes out as a CS message with oa.query buttons', async () => {
    const [task] = await tasksByCode(db(), '2');
    const message = composeReminder([{ task: task!, kind: 'T-7' }], { locale: 'vi', today: '2024-09-23' });
    await app.runtime.outbox.enqueue([
      {
        dedupKey: 'zalo-reminder-2',
        kind: 'reminder',
        officerId: lanId,
        to: { channel: 'zalo', chatId: LAN_ZALO },
        message,
        context: { taskIds: message.taskIds },
      },
    ]);
    const sent = await zaloTextTo(LAN_ZALO, /^Nhắc việc Đề án 06:[\s\S]*#2 /u);
    const buttons = (sent.message as { attachment: { payload: { buttons: Array<Record<string, string>> } } })
      .attachment.payload.buttons;
    expect(buttons.map((b) => b['payload'])).toEqual([
      '#2 xong',
      '#2 dang',
      '#2 vuong',
      '#2 cho',
      '#2 tiendo',
    ]);
    expect(buttons.every((b) => b['type'] === 'oa.query.hide' && (b['title'] ?? '').length > 0)).toBe(true);
  });

  it('GIVEN "#2 xong" on Zalo THEN recorded exactly like on Telegram, confirmed through the OA, a redelivery processed once', async () => {
    tg.injectText(LAN_TG, '#2 xong');
    await tgTextTo(LAN_TG.id, /Đã ghi nhận #2: Hoàn thành, 100%/u);
    const event = textEvent(LAN_ZALO, '#2 xong', 'mid-report-2');
    const { rawBody, headers } = zalo.signEvent(event);
    expect((await post(rawBody, headers)).statusCode).toBe(200);
    await zaloTextTo(LAN_ZALO, /Đã ghi nhận #2: Hoàn thành, 100%/u);
    const deliveries = await db().delivery.count();
    // Zalo delivers at least once: the same event again is acknowledged and ignored.
    expect((await post(rawBody, headers)).statusCode).toBe(200);
    expect(await db().delivery.count()).toBe(deliveries);
    expect(await db().inboundMessage.count({ where: { channel: 'zalo', platformId: 'mid-report-2' } })).toBe(
      1,
    );

    const reports = await db().statusReport.findMany({
      where: { task: { code: '2' }, officerId: lanId },
      include: { inbound: true },
      orderBy: { id: 'asc' },
    });
    expect(reports.map((r) => r.channel)).toEqual(['telegram', 'zalo']);
    const fields = (r: (typeof reports)[number]) => ({
      taskId: r.taskId,
      officerId: r.officerId,
      status: r.status,
      progress: r.progress,
      result: r.result,
      blocker: r.blocker,
      masked: r.masked,
    });
    expect(fields(reports[1]!)).toEqual(fields(reports[0]!));
    expect(fields(reports[1]!)).toMatchObject({ status: 'done', progress: 100 });
    expect(reports[1]!.inbound).toMatchObject({
      platformId: 'mid-report-2',
      outcome: 'processed',
      chatId: LAN_ZALO,
    });
    const task = await db().task.findFirstOrThrow({ where: { code: '2' } });
    expect(task.status).toBe('done');
  });

  it('GIVEN follow and unfollow events THEN the interaction time moves and an unfollow marks the chat unreachable', async () => {
    await db().channelIdentity.update({
      where: { channel_chatId: { channel: 'zalo', chatId: LAN_ZALO } },
      data: { lastInteractionAt: new Date(Date.now() - 10 * DAY) },
    });
    app.now.value = new Date(Date.now() + 1000);
    const follow = {
      event_name: 'follow',
      oa_id: zalo.oaId,
      follower: { id: LAN_ZALO },
      source: 'oa_profile',
    };
    expect((await send(follow)).statusCode).toBe(200);
    expect((await zaloIdentity(LAN_ZALO)).lastInteractionAt).toEqual(app.now.value);
    const unfollow = { ...follow, event_name: 'unfollow', timestamp: String(Date.now() + 1) };
    expect((await send(unfollow)).statusCode).toBe(200);
    expect((await zaloIdentity(LAN_ZALO)).unreachableSince).toEqual(app.now.value);
    expect((await send(textEvent(LAN_ZALO, '/trogiup'))).statusCode).toBe(200);
    expect(await zaloIdentity(LAN_ZALO)).toMatchObject({
      unreachableSince: null,
      lastInteractionAt: app.now.value,
    });
    await outboxSettled();
  });

  it('GIVEN Zalo answers -230 THEN the message falls back to the officer Telegram', async () => {
    zalo.setLastInteraction(LAN_ZALO, new Date(Date.now() - 8 * DAY));
    const address = await remind(lanId, 'zalo-fallback-1', 'Nhắc việc: kiểm tra #5');
    expect(address).toMatchObject({
      to: { channel: 'zalo', chatId: LAN_ZALO },
      fallback: [{ channel: 'telegram', chatId: String(LAN_TG.id) }],
    });
    await tgTextTo(LAN_TG.id, /^Nhắc việc: kiểm tra #5$/u);
    const delivery = await deliveryIn('zalo-fallback-1', 'sent');
    expect(delivery.channel).toBe('telegram');
    expect((await listAttempts(db(), delivery.id)).map((a) => a.outcome)).toEqual(['outside-window', 'sent']);
    // With a fallback that worked, the Zalo chat is not marked and nobody is alarmed.
    expect((await zaloIdentity(LAN_ZALO)).unreachableSince).toBeNull();
    zalo.setLastInteraction(LAN_ZALO, new Date());
  });

  it('GIVEN an officer only on Zalo and outside the window THEN undeliverable, and the admins are told once what to do', async () => {
    zalo.setLastInteraction(HUNG_ZALO, new Date(Date.now() - 8 * DAY));
    expect((await remind(hungId, 'zalo-nofallback-1', 'Nhắc việc #7'))?.fallback).toEqual([]);
    await deliveryIn('zalo-nofallback-1', 'undeliverable');
    await waitUntil(
      async () => (await zaloIdentity(HUNG_ZALO)).unreachableSince ?? undefined,
      'the chat to be marked',
    );

    const deps = {
      db: db(),
      outbox: app.runtime.outbox,
      now: () => app.now.value,
      channels: new Set(app.runtime.channels.keys()),
    };
    expect(await notifyUnreachableZaloOfficers(deps)).toBe(1);
    const notice = await tgTextTo(ADMIN_TG.id, /Không gửi được tin qua Zalo cho cán bộ Phạm Văn Hùng/u);
    expect(String((notice.params as TgSent).text)).toMatch(/gửi một tin nhắn bất kỳ/u);
    expect(await notifyUnreachableZaloOfficers(deps)).toBe(0);
    expect((await zaloIdentity(HUNG_ZALO)).adminsToldAt).not.toBeNull();

    // The officer writes to the OA: reachable again, and a later episode would be reported afresh.
    zalo.setLastInteraction(HUNG_ZALO, new Date());
    expect((await send(textEvent(HUNG_ZALO, '/nhiemvu'))).statusCode).toBe(200);
    expect(await zaloIdentity(HUNG_ZALO)).toMatchObject({ unreachableSince: null, adminsToldAt: null });
    const notices = tg
      .sent(ADMIN_TG.id)
      .filter((c) => /Phạm Văn Hùng/u.test(String((c.params as TgSent).text)));
    expect(notices).toHaveLength(1);
  });

  it('GIVEN the access token expires in the middle of a batch THEN every message is delivered after one refresh', async () => {
    const users = Array.from({ length: 8 }, (_, i) => `87573184655123900${String(i).padStart(2, '0')}`);
    await outboxSettled();
    const refreshesBefore = zalo.refreshCount;
    const sentBefore = zalo.sent.length;
    // Each OpenAPI call takes 300 ms, so that some sends are still in flight when the token dies.
    zalo.failNext(users.length, { delayMs: 300 });
    await app.runtime.outbox.enqueue(
      users.map((u, i) => ({
        dedupKey: `zalo-batch-${i}`,
        kind: 'broadcast' as const,
        officerId: null,
        to: { channel: 'zalo' as const, chatId: u },
        message: { text: `Thông báo ${i}` },
      })),
    );
    await waitUntil(() => zalo.sent.length > sentBefore || undefined, 'the first message of the batch');
    zalo.expireAccessToken();
    await waitUntil(() => zalo.sent.length >= sentBefore + users.length || undefined, 'the whole batch');
    expect(new Set(zalo.sent.slice(sentBefore).map((m) => m.userId))).toEqual(new Set(users));
    expect(zalo.refreshCount).toBe(refreshesBefore + 1);
    await outboxSettled();
    const rows = await db().delivery.findMany({ where: { dedupKey: { startsWith: 'zalo-batch-' } } });
    expect(rows.map((r) => r.state)).toEqual(users.map(() => 'sent'));
  });
  it('GIVEN the refresh chain is broken THEN the admins are told once, Zalo messages go to Telegram, set-tokens repairs it', async () => {
    await outboxSettled();
    const stored = await readZaloToken(db());
    // Someone spends the refresh token behind the bot's back (or Zalo revoked the grant): the chain is dead.
    await new ZaloClient({
      apiBase: zalo.apiBase,
      oauthBase: zalo.oauthBase,
      appId: zalo.appId,
      appSecret: zalo.appSecret,
      getAccessToken: async () => '',
    }).refreshAccessToken(stored!.refreshToken, new Date());
    zalo.expireAccessToken();
    expect((await remind(lanId, 'zalo-broken-1', 'Nhắc việc #9'))?.to.channel).toBe('zalo');
    await tgTextTo(LAN_TG.id, /^Nhắc việc #9$/u);
    const alert = await tgTextTo(ADMIN_TG.id, /Zalo OA: từ .* bot không gửi được tin qua Zalo/u);
    expect(String((alert.params as TgSent).text)).toContain('npm run cli -- zalo auth-url');
    expect((await readZaloToken(db()))?.brokenAt).toBeInstanceOf(Date);
    expect((await zaloIdentity(LAN_ZALO)).unreachableSince).toBeNull();
    const logs = app.logs.join('\n');
    expect(logs).toMatch(/refresh was refused/u);
    for (const token of [stored!.accessToken, stored!.refreshToken]) expect(logs).not.toContain(token);

    // A second Zalo message fails fast (no Zalo call, no second alert) and falls back too.
    const refreshes = zalo.refreshCount;
    await remind(lanId, 'zalo-broken-2', 'Nhắc việc #10');
    await tgTextTo(LAN_TG.id, /^Nhắc việc #10$/u);
    expect(zalo.refreshCount).toBe(refreshes);
    await outboxSettled();
    expect(
      tg.sent(ADMIN_TG.id).filter((c) => /Zalo OA: từ/u.test(String((c.params as TgSent).text))),
    ).toHaveLength(1);

    await saveZaloToken(db(), zalo.issueTokens(), new Date());
    await remind(lanId, 'zalo-repaired-1', 'Nhắc việc #11');
    await zaloTextTo(LAN_ZALO, /^Nhắc việc #11$/u);
  });
});
