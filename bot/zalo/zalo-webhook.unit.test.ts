import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeZalo, startFakeZaloServer } from '../../test/fakes/zalo-api-server.ts';
import { toIncomingMessage, verifyZaloSignature } from './zalo-webhook.ts';

const NOW = new Date('2026-12-01T03:00:00.000Z');
const TS = String(NOW.getTime());
const USER = '8757318465512391234';
const OA = '2952394741235412567';

describe('verifyZaloSignature', () => {
  let fake: FakeZalo;
  beforeAll(async () => {
    fake = await startFakeZaloServer({ now: () => NOW });
  });
  afterAll(() => fake.close());

  const check = (rawBody: string | Buffer, headers: Record<string, string>, now = NOW) =>
    verifyZaloSignature({ rawBody, headers, appId: fake.appId, oaSecretKey: fake.oaSecretKey, now });

  const textEvent = {
    event_name: 'user_send_text',
    sender: { id: USER },
    recipient: { id: OA },
    message: { msg_id: 'a8f0c2d4e6b8a0c2d4e6f8a0b2c4d6e8', text: '#12 xong' },
    timestamp: TS,
    user_id_by_app: '5531498865423456789',
  };

  it('GIVEN text typed decomposed (NFD) with zero-width characters THEN it reads as the composed text', () => {
    const typed = `\u200B#12 ${'đang triển khai'.normalize('NFD')}\uFEFF 60%`;
    const { rawBody, headers } = fake.signEvent({
      ...textEvent,
      message: { ...textEvent.message, text: typed },
    });
    const result = check(rawBody, headers);
    if (!result.ok) throw new Error('expected a valid event');
    expect(toIncomingMessage(result.event, null)?.text).toBe('#12 đang triển khai 60%');
  });

  it('accepts a correctly signed text event and keeps 19-digit ids as strings', () => {
    const { rawBody, headers } = fake.signEvent(textEvent);
    const result = check(rawBody, headers);
    expect(result.ok).toBe(true);
    if (!result.ok || result.event.kind !== 'text') throw new Error('expected a text event');
    expect(result.event.sender.id).toBe(USER);
    expect(result.event.app_id).toBe(fake.appId);
    const incoming = toIncomingMessage(result.event, JSON.parse(rawBody));
    expect(incoming).toMatchObject({
      channel: 'zalo',
      platformId: 'a8f0c2d4e6b8a0c2d4e6f8a0b2c4d6e8',
      chatId: USER,
      userId: USER,
      kind: 'text',
      text: '#12 xong',
      isGroup: false,
      receivedAt: NOW,
    });
  });

  it('matches the documented formula sha256(appId + body + timestamp + key), header case-insensitive', () => {
    const rawBody = JSON.stringify({ ...textEvent, app_id: fake.appId });
    const mac = createHash('sha256')
      .update(fake.appId + rawBody + TS + fake.oaSecretKey)
      .digest('hex');
    expect(check(Buffer.from(rawBody), { 'X-ZEvent-Signature': `mac=${mac}` }).ok).toBe(true);
  });

  it('rejects a signature made with another key, a modified body and a missing header', () => {
    const forged = fake.signEvent(textEvent, { oaSecretKey: 'guess' });
    expect(check(forged.rawBody, forged.headers)).toEqual({ ok: false, reason: 'bad-signature' });
    const { rawBody, headers } = fake.signEvent(textEvent);
    expect(check(rawBody.replace('#12 xong', '#12 hủy'), headers)).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
    expect(check(rawBody, { 'x-zevent-signature': 'mac=zz' })).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
    expect(check(rawBody, {})).toEqual({ ok: false, reason: 'missing-signature' });
  });

  it('rejects stale and far-future timestamps even when correctly signed', () => {
    const old = fake.signEvent({ ...textEvent, timestamp: String(NOW.getTime() - 6 * 60_000) });
    expect(check(old.rawBody, old.headers)).toEqual({ ok: false, reason: 'stale' });
    const future = fake.signEvent({ ...textEvent, timestamp: String(NOW.getTime() + 6 * 60_000) });
    expect(check(future.rawBody, future.headers)).toEqual({ ok: false, reason: 'stale' });
    const recent = fake.signEvent({ ...textEvent, timestamp: String(NOW.getTime() - 4 * 60_000) });
    expect(check(recent.rawBody, recent.headers).ok).toBe(true);
  });

  it('answers the empty probe as probe, signed or not', () => {
    expect(check('{}', {})).toEqual({ ok: false, reason: 'probe' });
    expect(check(' { } ', { 'x-zevent-signature': 'mac=00' })).toEqual({ ok: false, reason: 'probe' });
    expect(check('', {})).toEqual({ ok: false, reason: 'probe' });
  });

  it('rejects numeric ids beyond 2^53 as malformed, coerces safe ones', () => {
    const sign = (rawBody: string) => ({
      'x-zevent-signature': `mac=${createHash('sha256')
        .update(fake.appId + rawBody + TS + fake.oaSecretKey)
        .digest('hex')}`,
    });
    const lossy = JSON.stringify({ ...textEvent, app_id: fake.appId }).replace(`"${USER}"`, USER);
    expect(check(lossy, sign(lossy))).toEqual({ ok: false, reason: 'malformed' });
    const safe = JSON.stringify({ ...textEvent, app_id: fake.appId }).replace(`"${USER}"`, '12345');
    const result = check(safe, sign(safe));
    expect(result.ok && result.event.kind === 'text' && result.event.sender.id).toBe('12345');
  });

  it('parses follow/unfollow and file events; passes other events through as unsupported', () => {
    const follow = fake.signEvent({
      event_name: 'follow',
      oa_id: OA,
      follower: { id: USER },
      source: 'oa_profile',
      timestamp: TS,
    });
    const f = check(follow.rawBody, follow.headers);
    expect(f.ok && toIncomingMessage(f.event, null)).toMatchObject({
      kind: 'follow',
      platformId: `follow-${USER}-${TS}`,
    });
    const unfollow = fake.signEvent({
      event_name: 'unfollow',
      oa_id: OA,
      follower: { id: USER },
      timestamp: TS,
    });
    const u = check(unfollow.rawBody, unfollow.headers);
    expect(u.ok && toIncomingMessage(u.event, null)).toMatchObject({
      kind: 'unfollow',
      platformId: `unfollow-${USER}-${TS}`,
    });

    const file = fake.signEvent({
      event_name: 'user_send_file',
      sender: { id: USER },
      recipient: { id: OA },
      message: {
        msg_id: 'f1',
        attachments: [
          { type: 'file', payload: { url: 'https://f.zalo/x', name: 'bc.pdf', size: '2048', type: 'pdf' } },
        ],
      },
      timestamp: TS,
    });
    const r = check(file.rawBody, file.headers);
    expect(r.ok && toIncomingMessage(r.event, null)).toMatchObject({
      kind: 'file',
      platformId: 'f1',
      text: '',
      file: { fileId: 'https://f.zalo/x', fileName: 'bc.pdf', size: 2048 },
    });

    const seen = fake.signEvent({
      event_name: 'user_seen_message',
      message: { msg_ids: ['a'] },
      timestamp: TS,
    });
    const s = check(seen.rawBody, seen.headers);
    expect(s.ok && s.event).toMatchObject({ kind: 'unsupported', event_name: 'user_seen_message' });
    expect(s.ok && toIncomingMessage(s.event, null)).toBeNull();

    const broken = fake.signEvent({ event_name: 'user_send_text', sender: {}, timestamp: TS });
    expect(check(broken.rawBody, broken.headers)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('never throws on arbitrary bodies and headers, and always accepts or gives a reason', () => {
    const reasons = ['missing-signature', 'bad-signature', 'stale', 'malformed', 'probe'];
    const body = fc.oneof(
      fc.string(),
      fc.json(),
      fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
      fc.jsonValue().map((v) => JSON.stringify({ event_name: 'user_send_text', timestamp: TS, payload: v })),
    );
    const headerValue = fc.oneof(
      fc.string(),
      fc.array(fc.string(), { maxLength: 3 }),
      fc.constant(undefined),
      fc.stringMatching(/^[0-9a-f]{64}$/).map((h) => `mac=${h}`),
    );
    const headers = fc.dictionary(fc.oneof(fc.string(), fc.constant('x-zevent-signature')), headerValue);
    fc.assert(
      fc.property(body, headers, fc.string(), fc.string(), fc.date(), (rawBody, hdrs, appId, key, now) => {
        const result = verifyZaloSignature({ rawBody, headers: hdrs, appId, oaSecretKey: key, now });
        if (result.ok) expect(result.event.kind).toBeDefined();
        else expect(reasons).toContain(result.reason);
      }),
      { numRuns: 500 },
    );
  });

  it('accepts every event the fake signs, whatever the text', () => {
    fc.assert(
      fc.property(fc.string(), fc.stringMatching(/^[0-9]{19}$/), (text, id) => {
        const { rawBody, headers } = fake.signEvent({
          ...textEvent,
          sender: { id },
          message: { msg_id: 'm', text },
        });
        const result = check(rawBody, headers);
        expect(result.ok && result.event.kind === 'text' && result.event.sender.id).toBe(id);
      }),
      { numRuns: 200 },
    );
  });
});
