import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type FakeZalo, startFakeZaloServer } from '../../test/fakes/zalo-api-server.ts';
import { fitButtonTitle, ZaloClient } from './zalo-client.ts';
import { ZaloApiError, ZaloHttpError } from './zalo-errors.ts';

const USER = '8757318465512391234';

describe('ZaloClient against the fake Zalo', () => {
  let fake: FakeZalo;
  let token: string;
  let refreshToken: string;
  let refreshes: number;

  const makeClient = (opts: { withRefresh?: boolean; timeoutMs?: number } = {}) =>
    new ZaloClient({
      apiBase: fake.apiBase,
      oauthBase: fake.oauthBase,
      appId: fake.appId,
      appSecret: fake.appSecret,
      timeoutMs: opts.timeoutMs ?? 2000,
      getAccessToken: async () => token,
      ...(opts.withRefresh !== false && {
        onAuthError: async () => {
          refreshes++;
          const pair = await client.refreshAccessToken(refreshToken, new Date());
          token = pair.accessToken;
          refreshToken = pair.refreshToken;
          return token;
        },
      }),
    });
  let client: ZaloClient;

  beforeEach(async () => {
    fake = await startFakeZaloServer();
    const pair = fake.issueTokens();
    token = pair.accessToken;
    refreshToken = pair.refreshToken;
    refreshes = 0;
    client = makeClient();
  });
  afterEach(() => fake.close());

  it('sends NFC text to /v3.0/oa/message/cs and returns the string message id', async () => {
    const nfd = 'Nhắc việc: báo cáo Đề án 06'.normalize('NFD');
    const sent = await client.sendText(USER, nfd);
    expect(sent.messageId).toMatch(/^[0-9a-f]{32}$/);
    expect(fake.sent).toHaveLength(1);
    expect(fake.sent[0]).toMatchObject({
      userId: USER,
      messageId: sent.messageId,
      message: { text: 'Nhắc việc: báo cáo Đề án 06'.normalize('NFC') },
    });
  });

  it('sends text with buttons in the wrapper without template_type, phone and SMS payloads as objects', async () => {
    await client.sendTextWithButtons(USER, 'Việc #12 đến hạn', [
      { label: 'Đã xong', payload: '#12 xong' },
      { label: '#12 📈 Cập nhật tiến độ', payload: '#12 tiendo' },
      { label: 'Gọi Tổ công tác', phone: '0256 3821 456' },
      { label: 'Nhắn SMS', sms: { phone: '0256 3821 456', content: 'Báo cáo #12' } },
      { label: 'Xem kế hoạch', url: 'https://bot.example.gov.vn/k/12' },
    ]);
    expect(fake.sent[0]?.message).toEqual({
      text: 'Việc #12 đến hạn',
      attachment: {
        type: 'template',
        payload: {
          buttons: [
            { title: 'Đã xong', type: 'oa.query.hide', payload: '#12 xong' },
            { title: '#12 Cập nhật tiến độ', type: 'oa.query.hide', payload: '#12 tiendo' },
            { title: 'Gọi Tổ công tác', type: 'oa.open.phone', payload: { phone_code: '0256 3821 456' } },
            {
              title: 'Nhắn SMS',
              type: 'oa.open.sms',
              payload: { content: 'Báo cáo #12', phone_code: '0256 3821 456' },
            },
            {
              title: 'Xem kế hoạch',
              type: 'oa.open.url',
              payload: { url: 'https://bot.example.gov.vn/k/12' },
            },
          ],
        },
      },
    });
  });

  it('shortens titles over 20 characters: emoji first, then an ellipsis', () => {
    expect(fitButtonTitle('🔄 Đang triển khai')).toBe('🔄 Đang triển khai');
    expect(fitButtonTitle('#1.2.3 📈 Cập nhật tiến độ')).toBe('#1.2.3 Cập nhật tiế…');
    expect(fitButtonTitle('#1.2.3 📈 Cập nhật tiến độ').length).toBeLessThanOrEqual(20);
  });

  it.each([
    [
      'Messenger\'s template_type "button"',
      { template_type: 'button', buttons: [{ title: 'Xong', type: 'oa.query.hide', payload: 'x' }] },
    ],
    [
      'any template_type with buttons',
      { template_type: 'media', buttons: [{ title: 'Xong', type: 'oa.query.hide', payload: 'x' }] },
    ],
    [
      'a title over 20 characters',
      { buttons: [{ title: 'Cập nhật tiến độ nhiệm vụ', type: 'oa.query.hide', payload: 'x' }] },
    ],
    [
      'a phone payload as a string',
      { buttons: [{ title: 'Gọi', type: 'oa.open.phone', payload: '0912345678' }] },
    ],
    [
      'an SMS payload without content',
      { buttons: [{ title: 'SMS', type: 'oa.open.sms', payload: { phone_code: '0912345678' } }] },
    ],
    [
      'six buttons',
      { buttons: Array.from({ length: 6 }, () => ({ title: 'x', type: 'oa.query.hide', payload: 'x' })) },
    ],
  ])('the fake Zalo refuses %s with -201, as the real OA does', async (_what, payload) => {
    const { accessToken } = fake.issueTokens();
    const res = await fetch(`${fake.apiBase}/v3.0/oa/message/cs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', access_token: accessToken },
      body: JSON.stringify({
        recipient: { user_id: USER },
        message: { text: 'x', attachment: { type: 'template', payload } },
      }),
    });
    expect(await res.json()).toMatchObject({ error: -201 });
    expect(fake.sent).toHaveLength(0);
  });

  it('refuses programming errors before calling Zalo', () => {
    expect(() => client.sendText(USER, 'a'.repeat(2001))).toThrow(RangeError);
    expect(() => client.sendText(USER, '   ')).toThrow(RangeError);
    const six = Array.from({ length: 6 }, (_, i) => ({ label: `${i}`, payload: `#${i}` }));
    expect(() => client.sendTextWithButtons(USER, 'x', six)).toThrow(RangeError);
    expect(fake.sent).toHaveLength(0);
  });

  it('accepts exactly 2000 NFC characters even when the NFD form is longer', async () => {
    const text = 'ệ'.repeat(2000).normalize('NFD');
    expect(text.length).toBeGreaterThan(2000);
    await client.sendText(USER, text);
    expect(fake.sent).toHaveLength(1);
  });

  it('on -216 refreshes once through onAuthError and retries once', async () => {
    fake.expireAccessToken();
    const sent = await client.sendText(USER, 'xin chào');
    expect(sent.messageId).toBe(fake.sent[0]?.messageId);
    expect(refreshes).toBe(1);
    expect(fake.refreshCount).toBe(1);
  });

  it('does not loop when the refreshed token is rejected too, and names the refused token', async () => {
    const onAuthError = vi.fn(async (_refused: string) => 'still-bogus');
    const stubborn = new ZaloClient({
      apiBase: fake.apiBase,
      oauthBase: fake.oauthBase,
      appId: fake.appId,
      appSecret: fake.appSecret,
      getAccessToken: async () => 'bogus',
      onAuthError,
    });
    await expect(stubborn.sendText(USER, 'x')).rejects.toMatchObject({ code: -216, category: 'auth' });
    expect(onAuthError).toHaveBeenCalledExactlyOnceWith('bogus');
  });

  it('without onAuthError an auth error surfaces at once', async () => {
    fake.expireAccessToken();
    await expect(makeClient({ withRefresh: false }).sendText(USER, 'x')).rejects.toMatchObject({
      category: 'auth',
    });
  });

  it('-230 outside the 7-day window is classified outside-window', async () => {
    fake.setLastInteraction(USER, new Date(Date.now() - 8 * 24 * 3600 * 1000));
    const err = await client.sendText(USER, 'x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ZaloApiError);
    expect(err).toMatchObject({ code: -230, category: 'outside-window', endpoint: '/v3.0/oa/message/cs' });
    fake.setLastInteraction(USER, new Date(Date.now() - 6 * 24 * 3600 * 1000));
    await expect(client.sendText(USER, 'x')).resolves.toBeDefined();
  });

  it('-32 is rate-limited, HTTP 500 and timeouts are transient', async () => {
    fake.failNext(1, 'rate-limited');
    await expect(client.sendText(USER, 'x')).rejects.toMatchObject({ code: -32, category: 'rate-limited' });
    fake.failNext(1, 'http-500');
    const err = await client.sendText(USER, 'x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ZaloHttpError);
    expect(err).toMatchObject({ status: 500, category: 'transient' });
    fake.failNext(1, { delayMs: 300 });
    await expect(makeClient({ timeoutMs: 50 }).sendText(USER, 'x')).rejects.toMatchObject({
      kind: 'timeout',
      category: 'transient',
    });
  });

  it('a refused connection is a transient network error that does not leak the token', async () => {
    await fake.close();
    const err = await client.sendText(USER, 'x').catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'ZaloHttpError', kind: 'network', category: 'transient' });
    expect(JSON.stringify(err) + String((err as Error).message)).not.toContain(token);
    fake = await startFakeZaloServer(); // for afterEach
  });

  it('uploads a file and sends it by token', async () => {
    const fileToken = await client.uploadFile(Buffer.from('%PDF-1.4 test'), 'bao-cao.pdf', 'application/pdf');
    expect(fake.uploads[0]).toMatchObject({ filename: 'bao-cao.pdf', token: fileToken });
    await client.sendFile(USER, fileToken);
    expect(fake.sent[0]?.message).toEqual({ attachment: { type: 'file', payload: { token: fileToken } } });
  });

  it('sends an image by URL in a media template', async () => {
    await client.sendImage(USER, { url: 'https://example.vn/a.png' });
    expect(fake.sent[0]?.message).toEqual({
      attachment: {
        type: 'template',
        payload: {
          template_type: 'media',
          elements: [{ media_type: 'image', url: 'https://example.vn/a.png' }],
        },
      },
    });
  });

  it('reads a user profile with ids as strings', async () => {
    fake.setUserProfile(USER, { display_name: 'Nguyễn Văn A' });
    const profile = await client.getUserProfile(USER);
    expect(profile).toMatchObject({ userId: USER, displayName: 'Nguyễn Văn A', isFollower: true });
  });
});
