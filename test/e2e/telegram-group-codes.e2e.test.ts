/**
 * Issue 13 item 5: in a plan numbered per group (I.1, II.1, ...), an officer types the group and code as
 * free text ("#II.3 xong", "II.3 đang 50%"), or the bare number when it names one of their tasks only.
 * Against the fake Bot API server and the real PostgreSQL and Redis, with the ministry plan imported.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPlan } from '../../handlers/plan-import/import-plan.ts';
import { createInvite, createOfficer } from '../../store/officers.ts';
import { type FakeTelegram, startFakeTelegramServer } from '../fakes/telegram-api-server.ts';
import { startTestApp, TEST_BOT_TOKEN, type TestApp } from '../support/app.ts';

const MINISTRY = path.resolve(
  import.meta.dirname,
  '../../handlers/plan-import/__fixtures__/bo-nnmt-ministry.txt',
);
/** An officer of the centre that leads II.1 and II.3 (and nothing else numbered 3). */
const USER = { id: 6101, first_name: 'Hà', language_code: 'vi' };

/** An officer of Văn phòng Bộ, which leads or supports both I.2 and II.2. */
const OFFICE_USER = { id: 6102, first_name: 'Nam', language_code: 'vi' };

type Sent = { chat_id?: unknown; text?: unknown };

describe('group-qualified task codes typed in chat', () => {
  let fake: FakeTelegram;
  let app: TestApp;
  let planId: number;

  const textTo = (pattern: RegExp, timeoutMs = 20_000, user: { id: number } = USER) =>
    fake.waitFor(
      (c) =>
        c.method === 'sendMessage' &&
        String((c.params as Sent).chat_id) === String(user.id) &&
        pattern.test(String((c.params as Sent).text)),
      timeoutMs,
    );
  const reportsOf = (code: string) =>
    app.database.db.statusReport.findMany({
      where: { task: { code, planId } },
      orderBy: { id: 'asc' },
    });

  beforeAll(async () => {
    fake = await startFakeTelegramServer({ token: TEST_BOT_TOKEN });
    app = await startTestApp({ telegram: fake });
    const db = app.database.db;
    const result = await importPlan(db, {
      bytes: readFileSync(MINISTRY),
      fileName: 'bo-nnmt-ministry.txt',
      dryRun: false,
    });
    if (result.kind !== 'imported') throw new Error(`not imported: ${result.kind}`);
    planId = result.changes.planId;
    const centre = await db.agency.findFirstOrThrow({
      where: { name: 'Trung tâm Chuyển đổi số và Thống kê nông nghiệp' },
    });
    const officer = await createOfficer(db, {
      name: 'Phạm Thu Hà',
      agencyId: centre.id,
      role: 'officer',
      locale: 'vi',
    });
    const { code } = await createInvite(db, { officerId: officer.id, purpose: 'officer', now: new Date() });
    fake.injectText(USER, `/start ${code}`);
    await textTo(/Xin chào Phạm Thu Hà/u);
    const office = await db.agency.findFirstOrThrow({ where: { name: 'Văn phòng Bộ' } });
    const clerk = await createOfficer(db, {
      name: 'Đỗ Văn Nam',
      agencyId: office.id,
      role: 'officer',
      locale: 'vi',
    });
    const clerkInvite = await createInvite(db, { officerId: clerk.id, purpose: 'officer', now: new Date() });
    fake.injectText(OFFICE_USER, `/start ${clerkInvite.code}`);
    await textTo(/Xin chào Đỗ Văn Nam/u, 20_000, OFFICE_USER);
  }, 90_000);

  afterAll(async () => {
    await app?.close();
    await fake?.close();
  });

  it('GIVEN "#II.3 xong" typed as free text THEN task II.3 of the plan is done', async () => {
    fake.injectText(USER, '#II.3 xong');
    await textTo(/Đã ghi nhận #II\.3: Hoàn thành, 100%/u);
    expect((await reportsOf('II.3')).at(-1)).toMatchObject({ status: 'done', progress: 100 });
    expect(await reportsOf('I.3')).toEqual([]);
  });

  it('GIVEN "II.3 đang 50%" without "#" THEN it records progress 50 on II.3', async () => {
    fake.injectText(USER, 'II.3 đang 50%');
    await textTo(/Đã ghi nhận #II\.3: Đang triển khai, 50%/u);
    expect((await reportsOf('II.3')).at(-1)).toMatchObject({ status: 'in_progress', progress: 50 });
  });

  it('GIVEN "3 đang 40%" from an officer whose only task numbered 3 is II.3 THEN it goes to II.3', async () => {
    fake.injectText(USER, '3 đang 40%');
    await textTo(/Đã ghi nhận #II\.3: Đang triển khai, 40%/u);
    expect((await reportsOf('II.3')).at(-1)).toMatchObject({ status: 'in_progress', progress: 40 });
    expect(await reportsOf('I.3')).toEqual([]);
    expect(await reportsOf('III.3')).toEqual([]);
  });

  it('GIVEN "2 xong" from an officer with both I.2 and II.2 THEN nothing is recorded and the answer names both', async () => {
    const before = (await reportsOf('I.2')).length + (await reportsOf('II.2')).length;
    fake.injectText(OFFICE_USER, '2 xong');
    await textTo(
      /nhiều nhiệm vụ số 2: #I\.2, #II\.2\. Hãy ghi kèm nhóm, ví dụ "#I\.2 xong"/u,
      20_000,
      OFFICE_USER,
    );
    expect((await reportsOf('I.2')).length + (await reportsOf('II.2')).length).toBe(before);
    fake.injectText(OFFICE_USER, '#II.2 xong');
    await textTo(/Đã ghi nhận #II\.2: Hoàn thành, 100%/u, 20_000, OFFICE_USER);
    expect((await reportsOf('II.2')).at(-1)).toMatchObject({ status: 'done' });
  });
});
