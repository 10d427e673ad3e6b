/**
 * Chats the bot can no longer reach, end to end (fake Bot API answering as Telegram does, real PostgreSQL
 * and Redis, the whole runtime): every 403 Telegram sends for a blocked, kicked or deactivated user, and
 * 400 "chat not found", mark the chat unreachable and tell the admins once per officer; a later message
 * from the officer clears it. `my_chat_member` keeps reachability current. A group upgraded to a
 * supergroup moves to its new id, from the send error's `migrate_to_chat_id` or from the service messages,
 * and the message is resent there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxItem } from '../../handlers/outbox.ts';
import { resolveAgencyId } from '../../store/agencies.ts';
import { createInvite, createOfficer } from '../../store/officers.ts';
import {
  type FakeTelegram,
  type FakeUser,
  type RecordedCall,
  startFakeTelegramServer,
  UNREACHABLE_ERRORS,
  type UnreachableReason,
} from '../fakes/telegram-api-server.ts';
import { startTestApp, TEST_BOT_TOKEN, type TestApp } from '../support/app.ts';
import { waitUntil } from '../support/wait-until.ts';

const ADMIN: FakeUser = { id: 9100, first_name: 'Quản Trị', language_code: 'vi' };
const REASONS = Object.keys(UNREACHABLE_ERRORS) as UnreachableReason[];
const OFFICERS = REASONS.map((_, i) => ({ id: 9201 + i, first_name: `Cán Bộ ${i}`, language_code: 'vi' }));
const BLOCKER: FakeUser = { id: 9300, first_name: 'Hay Chặn', language_code: 'vi' };

const textOf = (c: RecordedCall) => String((c.params as { text?: unknown }).text ?? '');
const chatOf = (c: RecordedCall) => String((c.params as { chat_id?: unknown }).chat_id);

describe('unreachable Telegram chats', () => {
  let fake: FakeTelegram;
  let app: TestApp;
  const officerIds = new Map<number, number>();
  let sequence = 0;

  const db = () => app.database.db;
  const send = (chatId: number, officerId: number | null, text: string) => {
    sequence += 1;
    const item: OutboxItem = {
      dedupKey: `unreachable-test-${sequence}`,
      kind: 'notice',
      officerId,
      to: { channel: 'telegram', chatId: String(chatId) },
      message: { text },
    };
    return app.runtime.outbox.enqueue([item]).then(() => item.dedupKey);
  };
  const settled = async (dedupKey: string) => {
    let state = '';
    await waitUntil(async () => {
      state = (await db().delivery.findUniqueOrThrow({ where: { dedupKey } })).state;
      return state !== 'pending' && state !== 'sending';
    }, 30_000);
    return state;
  };
  const identityOf = (chatId: number | string) =>
    db().channelIdentity.findUnique({
      where: { channel_chatId: { channel: 'telegram', chatId: String(chatId) } },
    });
  const alertsAbout = (name: string) =>
    fake.sent(ADMIN.id).filter((c) => textOf(c).includes(name) && textOf(c).includes('Telegram'));
  const link = async (user: FakeUser, officerId: number | null, chatId = user.id, title?: string) => {
    const purpose = officerId === null ? 'digest_group' : 'officer';
    const { code } = await createInvite(db(), { officerId, purpose, now: new Date() });
    fake.injectText(user, `/start ${code}`, {
      chatId,
      ...(chatId !== user.id ? { chatType: 'group' as const, chatTitle: title ?? 'Ban Chỉ đạo' } : {}),
    });
    await waitUntil(async () => (await identityOf(chatId)) !== null, 20_000);
    await waitUntil(() => fake.sent(chatId).length > 0, 20_000);
  };

  beforeAll(async () => {
    fake = await startFakeTelegramServer({ token: TEST_BOT_TOKEN });
    app = await startTestApp({ telegram: fake });
    const agency = await resolveAgencyId(db(), 'VP UBND tỉnh');
    const admin = await createOfficer(db(), {
      name: 'Trần Quản Trị',
      agencyId: agency!.id,
      role: 'admin',
      locale: 'vi',
    });
    await link(ADMIN, admin.id);
    for (const [i, user] of [...OFFICERS, BLOCKER].entries()) {
      const officer = await createOfficer(db(), {
        name: `Nguyễn Cán Bộ ${user.id}`,
        agencyId: agency!.id,
        role: 'officer',
        locale: 'vi',
      });
      officerIds.set(user.id, officer.id);
      await link(user, officer.id);
      expect(i).toBeGreaterThanOrEqual(0);
    }
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await fake?.close();
  });

  it.each(REASONS.map((reason, i) => [reason, OFFICERS[i]!] as const))(
    'GIVEN Telegram answers %s THEN the chat is marked unreachable and the admins are told once',
    async (reason, user) => {
      const officerId = officerIds.get(user.id)!;
      fake.setUnreachable(user.id, reason);
      expect(await settled(await send(user.id, officerId, `nhắc việc 1 cho ${user.id}`))).toBe(
        'undeliverable',
      );
      expect((await identityOf(user.id))?.unreachableSince).not.toBeNull();
      const name = `Nguyễn Cán Bộ ${user.id}`;
      await waitUntil(() => alertsAbout(name).length >= 1, 20_000);
      const refused = fake.calls.find((c) => chatOf(c) === String(user.id) && !c.response.ok);
      expect(refused?.response).toMatchObject({
        ok: false,
        error_code: UNREACHABLE_ERRORS[reason].code,
        description: UNREACHABLE_ERRORS[reason].description,
      });

      // A second refused message: still one alert for this officer.
      expect(await settled(await send(user.id, officerId, `nhắc việc 2 cho ${user.id}`))).toBe(
        'undeliverable',
      );
      await waitUntil(async () => (await identityOf(user.id))?.adminsToldAt !== null, 10_000);
      expect(alertsAbout(name)).toHaveLength(1);
    },
    60_000,
  );

  it('GIVEN the officer writes again THEN the chat is reachable and a new block is a new alert', async () => {
    const user = OFFICERS[0]!;
    const name = `Nguyễn Cán Bộ ${user.id}`;
    // Its own set-up: the officer's chat blocked once and the admins told (what the first case above does).
    if ((await identityOf(user.id))?.unreachableSince == null) {
      fake.setUnreachable(user.id, REASONS[0]!);
      expect(await settled(await send(user.id, officerIds.get(user.id)!, 'nhắc việc trước'))).toBe(
        'undeliverable',
      );
    }
    await waitUntil(() => alertsAbout(name).length === 1, 20_000);
    fake.setUnreachable(user.id, null);
    fake.injectText(user, '/trogiup');
    await waitUntil(async () => (await identityOf(user.id))?.unreachableSince === null, 20_000);
    expect(await settled(await send(user.id, officerIds.get(user.id)!, 'lại nhận được'))).toBe('sent');

    fake.setUnreachable(user.id, 'blocked');
    expect(await settled(await send(user.id, officerIds.get(user.id)!, 'chặn lần hai'))).toBe(
      'undeliverable',
    );
    await waitUntil(() => alertsAbout(name).length === 2, 20_000);
  }, 60_000);

  it('GIVEN my_chat_member kicked then member THEN the chat follows, with one alert', async () => {
    const name = `Nguyễn Cán Bộ ${BLOCKER.id}`;
    fake.injectMyChatMember(BLOCKER, BLOCKER.id, 'member', 'kicked');
    await waitUntil(async () => (await identityOf(BLOCKER.id))?.unreachableSince !== null, 20_000);
    await waitUntil(() => alertsAbout(name).length === 1, 20_000);
    // The same block seen again (redelivered or repeated): no second alert.
    fake.injectMyChatMember(BLOCKER, BLOCKER.id, 'member', 'kicked');
    await waitUntil(async () => (await identityOf(BLOCKER.id))?.adminsToldAt !== null, 10_000);
    expect(alertsAbout(name)).toHaveLength(1);

    fake.injectMyChatMember(BLOCKER, BLOCKER.id, 'kicked', 'member');
    await waitUntil(async () => (await identityOf(BLOCKER.id))?.unreachableSince === null, 20_000);
    expect((await identityOf(BLOCKER.id))?.adminsToldAt).toBeNull();
  }, 60_000);

  it('GIVEN a group upgraded to a supergroup THEN the message is resent to the new id and the group moves', async () => {
    await link(ADMIN, null, -5001);
    fake.upgradeToSupergroup(ADMIN, -5001, -1005001, { announce: false });
    expect(await settled(await send(-5001, null, 'tổng hợp tuần'))).toBe('sent');
    const refused = fake.calls.find((c) => chatOf(c) === '-5001' && !c.response.ok);
    expect(refused?.response).toMatchObject({
      ok: false,
      error_code: 400,
      description: 'Bad Request: group chat was upgraded to a supergroup chat',
      parameters: { migrate_to_chat_id: -1005001 },
    });
    expect(fake.sent(-1005001).map(textOf)).toEqual(['tổng hợp tuần']);
    expect(fake.sent(-5001).map(textOf)).not.toContain('tổng hợp tuần');
    expect(await identityOf(-5001)).toBeNull();
    expect((await identityOf(-1005001))?.purpose).toBe('digest_group');
  }, 60_000);

  it('GIVEN the migration service messages THEN the group moves before anything is sent', async () => {
    await link(ADMIN, null, -5002, 'Tổ công tác');
    fake.upgradeToSupergroup(ADMIN, -5002, -1005002);
    await waitUntil(async () => (await identityOf(-1005002)) !== null, 20_000);
    expect(await identityOf(-5002)).toBeNull();
    expect(await settled(await send(-1005002, null, 'tháng này'))).toBe('sent');
    expect(fake.sent(-1005002).map(textOf)).toEqual(['tháng này']);
    expect(fake.calls.some((c) => chatOf(c) === '-5002' && !c.response.ok)).toBe(false);
  }, 60_000);
});
