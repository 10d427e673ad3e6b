/**
 * Hostile input at the edges: forged and replayed Zalo webhooks, a wrong Telegram secret, an oversized
 * webhook body, and SQL/HTML injection in a status reply (stored verbatim, echoed escaped).
 */
import type { Message } from 'telegraf/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toIncomingMessage, verifyZaloSignature } from '../../bot/zalo/zalo-webhook.ts';
import { type FakeTelegram, startFakeTelegramServer } from '../fakes/telegram-api-server.ts';
import { type FakeZalo, startFakeZaloServer } from '../fakes/zalo-api-server.ts';
import { waitUntil } from '../support/wait-until.ts';
import {
  OFFICER_USER,
  startWebhookApp,
  TEST_BOT_TOKEN,
  WEBHOOK_SECRET,
  type WebhookApp,
} from '../support/webhook-app.ts';

let fake: FakeTelegram;
let zalo: FakeZalo;
let app: WebhookApp;

beforeAll(async () => {
  fake = await startFakeTelegramServer({ token: TEST_BOT_TOKEN });
  zalo = await startFakeZaloServer();
  app = await startWebhookApp(fake);
}, 60_000);

afterAll(async () => {
  await app?.close();
  await zalo?.close();
  await fake?.close();
});

const inboundCount = () => app.database.db.inboundMessage.count();
const sendCount = () => fake.calls.filter((c) => c.method === 'sendMessage').length;

describe('Zalo webhook signatures', () => {
  const event = (msgId: string) => ({
    event_name: 'user_send_text',
    sender: { id: '8757318465512391234' },
    recipient: { id: '2952394741235412567' },
    message: { msg_id: msgId, text: '#2 xong' },
  });
  const verify = (rawBody: string, headers: Record<string, string>, now = new Date()) =>
    verifyZaloSignature({ rawBody, headers, appId: zalo.appId, oaSecretKey: zalo.oaSecretKey, now });

  it('refuses a forged event: body altered after signing, signed with another key, no signature', () => {
    const signed = zalo.signEvent(event('forged-1'));
    const altered = signed.rawBody.replace('#2 xong', '#2 vuong');
    expect(verify(altered, signed.headers)).toEqual({ ok: false, reason: 'bad-signature' });
    const otherKey = zalo.signEvent(event('forged-2'), { oaSecretKey: 'not-the-oa-secret-key' });
    expect(verify(otherKey.rawBody, otherKey.headers)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verify(signed.rawBody, { 'content-type': 'application/json' })).toEqual({
      ok: false,
      reason: 'missing-signature',
    });
    expect(verify(signed.rawBody, signed.headers).ok).toBe(true);
  });

  it('refuses a replay of a correctly signed event once its timestamp is stale', () => {
    const old = zalo.signEvent(event('replay-1'), { timestamp: String(Date.now() - 10 * 60_000) });
    expect(verify(old.rawBody, old.headers)).toEqual({ ok: false, reason: 'stale' });
  });

  it('processes a replay inside the time window once (deduplicated on msg_id)', async () => {
    const signed = zalo.signEvent(event('replay-2'));
    for (let i = 0; i < 2; i++) {
      const result = verify(signed.rawBody, signed.headers);
      if (!result.ok) throw new Error(`not accepted: ${result.reason}`);
      const message = toIncomingMessage(result.event, JSON.parse(signed.rawBody));
      await app.runtime.intake.accept(message!);
    }
    const rows = () =>
      app.database.db.inboundMessage.findMany({ where: { channel: 'zalo', platformId: 'replay-2' } });
    await waitUntil(async () => (await rows()).every((r) => r.outcome !== 'received'), 15_000, 'handled');
    expect((await rows()).map((r) => r.outcome)).toEqual(['rejected']);
  });
});

describe('Telegram webhook', () => {
  it('refuses a wrong or missing secret token with 401 and processes nothing', async () => {
    const [inbound, sends] = [await inboundCount(), sendCount()];
    const update = app.textUpdate(800_001, '#2 xong');
    expect((await app.post(update, { secret: 'wrong_secret' })).statusCode).toBe(401);
    expect((await app.post(update, { secret: `${WEBHOOK_SECRET}x` })).statusCode).toBe(401);
    expect((await app.post(update, { secret: null })).statusCode).toBe(401);
    expect(await inboundCount()).toBe(inbound);
    expect(sendCount()).toBe(sends);
  });

  it('refuses a body over 1 MiB with 413 and processes nothing', async () => {
    const inbound = await inboundCount();
    const update = app.textUpdate(800_002, `#2 dang lam 10% ${'x'.repeat(1024 * 1024)}`);
    const answer = await app.post(update);
    expect(answer.statusCode).toBe(413);
    expect(await inboundCount()).toBe(inbound);
  });

  // Chat text is stored verbatim (no markup stripping, trailing punctuation kept): it is stored as data
  // (no SQL effect) and echoed escaped, shown exactly as stored.
  it.each([
    ['SQL', "'; DROP TABLE task; --", "'; DROP TABLE task; --"],
    ['a script tag', '<script>alert(1)</script>', '<script>alert(1)</script>'],
    ['HTML and entities', '<b>x</b>&amp;', '<b>x</b>&amp;'],
    ['bare HTML specials', 'R&D <mức 2> "A>B" & \'C\'', 'R&D <mức 2> "A>B" & \'C\''],
  ])('stores %s in a report as data and echoes it escaped', async (_kind, payload, stored) => {
    const updateId = 800_100 + payload.length;
    const answer = await app.post(app.textUpdate(updateId, `#2 dang lam 35% ${payload}`));
    expect(answer.statusCode).toBe(200);
    const report = await app.database.db.statusReport.findFirstOrThrow({
      where: { inbound: { channel: 'telegram', platformId: String(updateId) } },
    });
    expect(report.result).toBe(stored);
    expect(await app.database.db.task.count()).toBeGreaterThan(0);
    const inbound = await app.database.db.inboundMessage.findFirstOrThrow({
      where: { channel: 'telegram', platformId: String(updateId) },
    });
    expect(inbound.text).toBe(`#2 dang lam 35% ${payload}`);
    const confirmation = await fake.waitFor(
      (c) =>
        c.method === 'sendMessage' &&
        c.status === 200 &&
        String(c.params['chat_id']) === String(OFFICER_USER.id) &&
        String(c.params['text']).includes(`: ${escapeForCheck(stored)}`),
      15_000,
    );
    expect(confirmation.params['parse_mode']).toBe('HTML');
    const shown = confirmation.result as Message.TextMessage;
    expect(shown.text).toContain(`35%, kết quả: ${stored}`);
    expect(shown.entities ?? []).toEqual([]);
  });
});

/** The HTML-escaped form of `text` as the channel must send it. */
function escapeForCheck(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
