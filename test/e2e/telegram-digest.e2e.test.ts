/**
 * Committee digests end to end on Telegram (fake Bot API, real PostgreSQL and Redis, the whole
 * runtime): a `digest` job on the `digests` queue reaches a linked committee member as the chart, the
 * text and the spreadsheet (file name kept), in that order; `/tonghop` is refused to a focal officer
 * and answered to a committee member, in their chat only.
 */
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIGEST_JOB_NAME, DIGESTS_QUEUE } from '../../jobs/catalog.ts';
import { redisConnectionOptions } from '../../jobs/queues.ts';
import { resolveAgencyId } from '../../store/agencies.ts';
import { createInvite, createOfficer } from '../../store/officers.ts';
import type { RecordedCall, UploadedFile } from '../fakes/telegram-api-server.ts';
import { type FakeTelegram, startFakeTelegramServer } from '../fakes/telegram-api-server.ts';
import { startTestApp, TEST_BOT_TOKEN, type TestApp } from '../support/app.ts';
import { DIGEST_AS_OF, seedDigestHistory } from '../support/digest-seed.ts';
import { TEST_REDIS_URL } from '../support/redis.ts';

const MEMBER = { id: 8001, first_name: 'Chỉ Đạo', language_code: 'vi' };
const OFFICER = { id: 8002, first_name: 'Đầu Mối', language_code: 'vi' };

type Params = {
  chat_id?: unknown;
  text?: unknown;
  caption?: unknown;
  document?: UploadedFile;
  photo?: UploadedFile;
};
const params = (c: RecordedCall) => c.params as Params;

describe('committee digests on Telegram', () => {
  let fake: FakeTelegram;
  let app: TestApp;
  let digests: Queue;

  const to = (
    chatId: number,
    method: string,
    test: (p: Params) => boolean = () => true,
    timeoutMs = 25_000,
  ) =>
    fake.waitFor(
      (c) => c.method === method && String(params(c).chat_id) === String(chatId) && test(params(c)),
      timeoutMs,
    );

  beforeAll(async () => {
    fake = await startFakeTelegramServer({ token: TEST_BOT_TOKEN });
    app = await startTestApp({ telegram: fake });
    const db = app.database.db;
    await seedDigestHistory(db);
    const vpub = await resolveAgencyId(db, 'VP UBND tỉnh');
    const member = await createOfficer(db, {
      name: 'Nguyễn Chỉ Đạo',
      agencyId: vpub!.id,
      role: 'committee',
      locale: 'vi',
    });
    const officer = await createOfficer(db, {
      name: 'Lý Đầu Mối',
      agencyId: vpub!.id,
      role: 'officer',
      locale: 'vi',
    });
    for (const [who, user] of [
      [member, MEMBER],
      [officer, OFFICER],
    ] as const) {
      const { code } = await createInvite(db, { officerId: who.id, purpose: 'officer', now: new Date() });
      fake.injectText(user, `/start ${code}`);
      await to(user.id, 'sendMessage', (p) => /Xin chào/u.test(String(p.text)));
    }
    const prefix = String(app.runtime.queues.outbox.opts.prefix);
    digests = new Queue(DIGESTS_QUEUE, { connection: redisConnectionOptions(TEST_REDIS_URL), prefix });
  }, 60_000);

  afterAll(async () => {
    await digests?.close();
    await app?.close();
    await fake?.close();
  });

  it('GIVEN a weekly digest job THEN the member receives the chart, then the text, then the spreadsheet', async () => {
    await digests.add(DIGEST_JOB_NAME, { kind: 'weekly', at: DIGEST_AS_OF.toISOString() });
    const document = await to(MEMBER.id, 'sendDocument');
    const photo = await to(MEMBER.id, 'sendPhoto');
    const text = await to(MEMBER.id, 'sendMessage', (p) => /^Báo cáo tuần Đề án 06/u.test(String(p.text)));

    expect(params(text).text).toMatch(/Hoàn thành 2\/42/u);
    expect(params(photo).photo?.bytes.subarray(0, 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
    expect(params(document).document?.filename).toBe('bao-cao-tuan-2024-W26.xlsx');
    expect(params(document).document?.bytes.subarray(0, 2).toString()).toBe('PK');
    const order = fake.calls.filter((c) => String(params(c).chat_id) === String(MEMBER.id));
    expect(order.indexOf(photo)).toBeLessThan(order.indexOf(text));
    expect(order.indexOf(text)).toBeLessThan(order.indexOf(document));
    // Nobody else: focal officers do not receive the committee's digest.
    expect(fake.sent(OFFICER.id).some((c) => c.method === 'sendDocument')).toBe(false);
    const row = await app.database.db.digest.findUniqueOrThrow({
      where: { kind_periodKey: { kind: 'weekly', periodKey: '2024-W26' } },
    });
    expect(row.sentAt).not.toBeNull();
  });

  it('GIVEN /tonghop from a focal officer THEN a refusal naming the role needed, and no digest', async () => {
    fake.injectText(OFFICER, '/tonghop');
    await to(OFFICER.id, 'sendMessage', (p) => /Ban Chỉ đạo hoặc quản trị viên/u.test(String(p.text)));
    expect(fake.sent(OFFICER.id).some((c) => c.method === 'sendPhoto')).toBe(false);
  });

  it('GIVEN /tonghop thang from a committee member THEN the monthly digest comes to that chat', async () => {
    app.now.value = DIGEST_AS_OF;
    fake.injectText(MEMBER, '/tonghop thang');
    const document = await to(
      MEMBER.id,
      'sendDocument',
      (p) => p.document?.filename === 'bao-cao-thang-2024-06.xlsx',
    );
    const text = await to(MEMBER.id, 'sendMessage', (p) => /^Báo cáo tháng Đề án 06/u.test(String(p.text)));
    expect(params(text).text).toMatch(/28\/06\/2024/u);
    expect(document).toBeDefined();
    expect(await app.database.db.digest.count({ where: { kind: 'monthly' } })).toBe(0);
  });
});
