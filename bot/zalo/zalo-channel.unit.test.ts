import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutgoingMessage } from '../../handlers/channel.ts';
import { type FakeZalo, startFakeZaloServer } from '../../test/fakes/zalo-api-server.ts';
import { ZaloChannel } from './zalo-channel.ts';
import { ZaloClient } from './zalo-client.ts';
import { ZaloApiError } from './zalo-errors.ts';

const USER = '8757318465512391234';
const to = { channel: 'zalo' as const, chatId: USER };

describe('ZaloChannel', () => {
  let fake: FakeZalo;
  let channel: ZaloChannel;

  beforeEach(async () => {
    fake = await startFakeZaloServer();
    const { accessToken } = fake.issueTokens();
    const client = new ZaloClient({
      apiBase: fake.apiBase,
      oauthBase: fake.oauthBase,
      appId: fake.appId,
      appSecret: fake.appSecret,
      getAccessToken: async () => accessToken,
    });
    channel = new ZaloChannel(client);
  });
  afterEach(() => fake.close());

  it('declares id and text limit', () => {
    expect(channel.id).toBe('zalo');
    expect(channel.maxTextLength).toBe(2000);
  });

  it('sends text, ignoring silent and replaceMessageId', async () => {
    const result = await channel.send(to, { text: 'Nhắc việc', silent: true, replaceMessageId: 'old' });
    expect(result).toEqual({ ok: true, platformMessageId: fake.sent[0]?.messageId });
    expect(fake.sent[0]?.message).toEqual({ text: 'Nhắc việc' });
  });

  it('flattens up to 5 buttons into oa.query.hide buttons', async () => {
    await channel.send(to, {
      text: 'Việc #12',
      buttons: [[{ label: 'Xong', payload: '#12 xong' }], [{ label: 'Gia hạn', payload: '#12 gia hạn' }]],
    });
    const message = fake.sent[0]?.message as { attachment: { payload: { buttons: unknown[] } } };
    expect(message.attachment.payload.buttons).toHaveLength(2);
  });

  it('turns more than 5 buttons into text hint lines', async () => {
    const buttons = [Array.from({ length: 6 }, (_, i) => ({ label: `Việc ${i}`, payload: `#${i} xong` }))];
    const result = await channel.send(to, { text: 'Chọn', buttons });
    expect(result.ok).toBe(true);
    const message = fake.sent[0]?.message as { text: string; attachment?: unknown };
    expect(message.attachment).toBeUndefined();
    expect(message.text).toContain('Trả lời: #0 xong (Việc 0)');
    expect(message.text).toContain('Trả lời: #5 xong (Việc 5)');
  });

  it('uploads attachments (images too) and sends them as files after the text', async () => {
    const message: OutgoingMessage = {
      text: 'Báo cáo tuần',
      attachments: [
        { kind: 'document', filename: 'bc.pdf', mimeType: 'application/pdf', base64: 'JVBERi0x' },
        { kind: 'image', filename: 'a.png', mimeType: 'image/png', base64: 'iVBORw0K', caption: 'Biểu đồ' },
      ],
    };
    const result = await channel.send(to, message);
    expect(result).toEqual({ ok: true, platformMessageId: fake.sent[0]?.messageId });
    expect(fake.uploads.map((u) => u.filename)).toEqual(['bc.pdf', 'a.png']);
    expect(fake.sent.map((s) => Object.keys(s.message)[0])).toEqual([
      'text',
      'attachment',
      'attachment',
      'text',
    ]);
    expect(fake.sent[3]?.message).toEqual({ text: 'Biểu đồ' });
  });

  it('maps Zalo errors to SendResult reasons', async () => {
    fake.setLastInteraction(USER, new Date(Date.now() - 30 * 24 * 3600 * 1000));
    expect(await channel.send(to, { text: 'x' })).toMatchObject({ ok: false, reason: 'outside-window' });
    fake.setLastInteraction(USER, new Date());
    fake.failNext(1, 'rate-limited');
    expect(await channel.send(to, { text: 'x' })).toMatchObject({
      reason: 'rate-limited',
      retryAfterMs: 60_000,
    });
    fake.failNext(1, 'http-500');
    expect(await channel.send(to, { text: 'x' })).toMatchObject({ reason: 'transient' });
    fake.failNext(1, { error: -227, message: 'User is banned' });
    expect(await channel.send(to, { text: 'x' })).toMatchObject({ reason: 'not-reachable' });
    fake.failNext(1, { error: -201, message: 'user_id is invalid' });
    expect(await channel.send(to, { text: 'x' })).toMatchObject({ reason: 'permanent' });
    fake.expireAccessToken();
    expect(await channel.send(to, { text: 'x' })).toMatchObject({ reason: 'auth' });
  });

  it('sends over-long text as several messages cut between lines, the buttons with the last', async () => {
    const text = ['a'.repeat(1500), 'b'.repeat(1500), 'c'.repeat(10)].join('\n');
    const buttons = [[{ label: 'Hoàn thành', payload: '#2 xong' }]];
    expect(await channel.send(to, { text, buttons })).toMatchObject({ ok: true });
    expect(fake.sent.map((m) => m.message['text'])).toEqual([
      'a'.repeat(1500),
      `${'b'.repeat(1500)}\n${'c'.repeat(10)}`,
    ]);
    expect(fake.sent[1]?.message['attachment']).toBeDefined();
  });

  it('refuses foreign addresses without calling Zalo', async () => {
    expect(await channel.send({ channel: 'telegram', chatId: '1' }, { text: 'x' })).toMatchObject({
      reason: 'permanent',
    });
    expect(fake.sent).toHaveLength(0);
  });

  it('reports a file failure after the text went out, naming what was delivered', async () => {
    // upload ok, text ok, file send fails
    const failing = new ZaloChannel({
      sendText: async () => ({ messageId: 'm1' }),
      sendTextWithButtons: async () => ({ messageId: 'm1' }),
      uploadFile: async () => 'tok',
      sendFile: async () => {
        throw new ZaloApiError({ code: -32, message: 'limit', endpoint: '/v3.0/oa/message/cs' });
      },
    });
    const partial = await failing.send(to, {
      text: 'Kèm file',
      attachments: [{ kind: 'document', filename: 'a.pdf', mimeType: 'application/pdf', base64: 'JVBE' }],
    });
    expect(partial).toMatchObject({ ok: false, reason: 'rate-limited' });
    expect(partial.ok === false && partial.detail).toContain('m1');
  });
});
