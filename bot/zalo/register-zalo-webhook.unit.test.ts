import { createHash } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IncomingMessage } from '../../handlers/channel.ts';
import { type FakeZalo, startFakeZaloServer } from '../../test/fakes/zalo-api-server.ts';
import { registerZaloWebhook } from './register-zalo-webhook.ts';

const USER = '8757318465512391234';
const logger = { debug: vi.fn(), warn: vi.fn(), error: vi.fn() };

function textEvent(fake: FakeZalo, text: string, msgId = 'mid-1') {
  return {
    event_name: 'user_send_text',
    sender: { id: USER },
    recipient: { id: fake.oaId },
    message: { msg_id: msgId, text },
    user_id_by_app: '1234',
  };
}

describe('POST /webhooks/zalo', () => {
  let fake: FakeZalo;
  let app: FastifyInstance;
  let received: IncomingMessage[];
  let accept: (m: IncomingMessage) => Promise<void>;

  beforeEach(async () => {
    fake = await startFakeZaloServer();
    received = [];
    accept = async (m) => {
      received.push(m);
    };
    app = Fastify();
    // Another route of the same server, parsed as JSON by fastify as usual.
    app.post('/echo', async (request) => ({ body: request.body }));
    registerZaloWebhook(app, {
      appId: fake.appId,
      oaSecretKey: fake.oaSecretKey,
      accept: (m) => accept(m),
      now: () => new Date(),
      logger,
    });
    await app.ready();
  });
  afterEach(async () => {
    await app.close();
    await fake.close();
  });

  const post = (payload: string, headers: Record<string, string>) =>
    app.inject({ method: 'POST', url: '/webhooks/zalo', payload, headers });

  it('GIVEN a signed text event THEN 200 and the intake gets the message with string ids', async () => {
    const { rawBody, headers } = fake.signEvent(textEvent(fake, '#2 xong'));
    const res = await post(rawBody, headers);
    expect(res.statusCode).toBe(200);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      channel: 'zalo',
      platformId: 'mid-1',
      chatId: USER,
      userId: USER,
      kind: 'text',
      text: '#2 xong',
    });
    expect(received[0]?.raw).toMatchObject({ sender: { id: USER } });
  });

  it('GIVEN a pretty-printed body THEN the MAC is checked over its exact bytes, never a re-serialisation', async () => {
    const timestamp = String(Date.now());
    const pretty = JSON.stringify({ app_id: fake.appId, ...textEvent(fake, 'xin chào'), timestamp }, null, 4);
    const mac = createHash('sha256')
      .update(`${fake.appId}${pretty}${timestamp}${fake.oaSecretKey}`)
      .digest('hex');
    const headers = { 'content-type': 'application/json', 'x-zevent-signature': `mac=${mac}` };
    expect((await post(pretty, headers)).statusCode).toBe(200);
    const compact = JSON.stringify(JSON.parse(pretty));
    expect((await post(compact, headers)).statusCode).toBe(401);
    expect(received.map((m) => m.text)).toEqual(['xin chào']);
  });

  it('GIVEN a missing, forged or stale signature THEN 401 and nothing handled', async () => {
    const { rawBody, headers } = fake.signEvent(textEvent(fake, 'x'));
    expect((await post(rawBody, { 'content-type': 'application/json' })).statusCode).toBe(401);
    const forged = fake.signEvent(textEvent(fake, 'x'), { oaSecretKey: 'not-the-key' });
    expect((await post(forged.rawBody, forged.headers)).statusCode).toBe(401);
    const tampered = rawBody.replace('"x"', '"y"');
    expect((await post(tampered, headers)).statusCode).toBe(401);
    const stale = fake.signEvent(textEvent(fake, 'x'), { timestamp: String(Date.now() - 3_600_000) });
    expect((await post(stale.rawBody, stale.headers)).statusCode).toBe(401);
    expect(received).toHaveLength(0);
  });

  it('GIVEN the console probe ({} or empty, unsigned) THEN 200 without side effects', async () => {
    expect((await post('{}', { 'content-type': 'application/json' })).statusCode).toBe(200);
    expect((await post('', { 'content-type': 'application/json' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/webhooks/zalo' })).statusCode).toBe(200);
    expect(received).toHaveLength(0);
  });

  it('GIVEN a body that is not JSON or another content type THEN 400, raw bytes still read', async () => {
    expect((await post('not json', { 'content-type': 'text/plain' })).statusCode).toBe(400);
    const { rawBody, headers } = fake.signEvent(textEvent(fake, 'x'));
    const res = await post(rawBody, { ...headers, 'content-type': 'text/plain' });
    expect(res.statusCode).toBe(200);
  });

  it('GIVEN an event the bot does not use THEN 200 and nothing handled', async () => {
    const { rawBody, headers } = fake.signEvent({
      event_name: 'user_seen_message',
      sender: { id: fake.oaId },
      recipient: { id: USER },
      message: { msg_ids: ['a', 'b'] },
    });
    expect((await post(rawBody, headers)).statusCode).toBe(200);
    expect(received).toHaveLength(0);
  });

  it('GIVEN the event cannot be stored THEN 500 (Zalo delivers again); 200 only once it is stored', async () => {
    accept = async () => {
      throw new Error('database down');
    };
    const failing = fake.signEvent(textEvent(fake, 'x', 'mid-fail'));
    expect((await post(failing.rawBody, failing.headers)).statusCode).toBe(500);
    let store: (() => void) | undefined;
    accept = (m) =>
      new Promise((resolve) => {
        store = () => {
          received.push(m);
          resolve();
        };
      });
    const slow = fake.signEvent(textEvent(fake, 'x', 'mid-slow'));
    let answered = false;
    const pending = post(slow.rawBody, slow.headers).then((res) => {
      answered = true;
      return res;
    });
    await vi.waitFor(() => expect(store).toBeDefined());
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(answered, 'no answer before the event is stored').toBe(false);
    store?.();
    expect((await pending).statusCode).toBe(200);
    expect(received.map((m) => m.platformId)).toEqual(['mid-slow']);
  });

  it('GIVEN the webhook plugin THEN other routes still parse JSON', async () => {
    const res = await app.inject({ method: 'POST', url: '/echo', payload: { a: 1 } });
    expect(res.json()).toEqual({ body: { a: 1 } });
  });
});
