/**
 * The other ways to the dashboard's link: `npm run cli -- web-link <officer id>` prints the same link as
 * `/web` (only its hash is stored), and `/web` on a service without PUBLIC_BASE_URL says the dashboard is
 * not configured instead of sending a link.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveAgencyId, syncBuiltinAgencies } from '../../store/agencies.ts';
import { createOfficer } from '../../store/officers.ts';
import { hashSecret } from '../../store/web-auth.ts';
import { type AdminChat, startAdminChat, textOf } from '../../test/support/admin-chat.ts';
import { runCli } from '../../test/support/cli.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/db.ts';

describe('cli web-link', () => {
  let t: TestDatabase;
  let officerId: number;
  beforeAll(async () => {
    t = await createTestDatabase();
    await syncBuiltinAgencies(t.db);
    const agency = await resolveAgencyId(t.db, 'Công an tỉnh');
    officerId = (
      await createOfficer(t.db, {
        name: 'Lê Văn Công',
        agencyId: agency!.id,
        role: 'committee',
        locale: 'vi',
      })
    ).id;
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('GIVEN an officer THEN it prints a single-use link of 10 minutes whose token only the hash of is kept', async () => {
    const before = Date.now();
    const run = runCli(['web-link', String(officerId), '--json'], {
      DATABASE_URL: t.url,
      PUBLIC_BASE_URL: 'https://bot.example.gov.vn/',
    });
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as { url: string; expiresAt: string };
    const token = /^https:\/\/bot\.example\.gov\.vn\/login\/([A-Za-z0-9_-]{43})$/u.exec(out.url)?.[1];
    expect(token).toBeDefined();
    const ttl = new Date(out.expiresAt).getTime() - before;
    expect(ttl).toBeGreaterThan(9 * 60_000);
    expect(ttl).toBeLessThanOrEqual(10 * 60_000 + 60_000);
    const row = await t.db.webLogin.findFirstOrThrow({ where: { officerId } });
    expect(row.tokenHash).toBe(hashSecret(token!));
    expect(row.usedAt).toBeNull();
  });

  it('GIVEN no PUBLIC_BASE_URL or an unknown officer THEN it refuses with the reason', () => {
    const noBase = runCli(['web-link', String(officerId)], { DATABASE_URL: t.url });
    expect(noBase.code).toBe(2);
    expect(noBase.stderr).toContain('PUBLIC_BASE_URL');
    const unknown = runCli(['web-link', '99999'], { DATABASE_URL: t.url, PUBLIC_BASE_URL: 'https://x.vn' });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no officer with id 99999');
  });
});

describe('/web without PUBLIC_BASE_URL', () => {
  let chat: AdminChat;
  beforeAll(async () => {
    chat = await startAdminChat();
  });
  afterAll(async () => {
    await chat?.close();
  });

  it("GIVEN the dashboard is not configured THEN the answer says so, in the sender's language", async () => {
    const vi = await chat.user(9301, 'Nguyễn Văn A', 'Công an tỉnh', 'committee');
    expect(textOf(await chat.ask(vi, '/web', /PUBLIC_BASE_URL/u))).toContain('chưa được cấu hình');
    const en = await chat.user(9302, 'Officer B', 'Công an tỉnh', 'officer', 'en');
    expect(textOf(await chat.ask(en, '/dashboard', /PUBLIC_BASE_URL/u))).toContain('not configured');
  });
});
