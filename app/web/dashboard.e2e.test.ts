/**
 * The dashboard end to end (issue #17): `/web` in a private Telegram chat answers a one-time link, the
 * link signs in once, pages show nothing without a session, the overview's totals are the digest's at
 * that moment, an officer sees only their agency's tasks, forms refuse a missing CSRF token, and an
 * admin's decision on the web is the chat's (audited, deadline moved). Real PostgreSQL, Redis and the
 * whole service against the fake Bot API server; pages through fastify's inject.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestToJson } from '../../domain/digest/digest-json.ts';
import { createWebLink } from '../../handlers/web/web-link.ts';
import { buildCurrentDigest } from '../../jobs/digest/build-and-store-digest.ts';
import type { PrismaClient } from '../../store/prisma-client.ts';
import { recordReport } from '../../store/reports.ts';
import { foldQuery } from '../../store/web-pages.ts';
import { type AdminChat, type ChatUser, startAdminChat, textOf } from '../../test/support/admin-chat.ts';
import { DIGEST_AS_OF, type DigestSeed, seedDigestHistory, vn } from '../../test/support/digest-seed.ts';
import { csrfTokenOf, SESSION_COOKIE } from './dashboard.ts';

const BASE = 'https://dash.example.gov.vn';
const LINK = /https:\/\/dash\.example\.gov\.vn\/login\/([A-Za-z0-9_-]{43})/u;

describe('dashboard', () => {
  let chat: AdminChat;
  let db: PrismaClient;
  let server: FastifyInstance;
  let seed: DigestSeed;
  let committee: ChatUser;
  let admin: ChatUser;

  let address = 0;
  /** Signs in with a fresh link for `officerId` (from an address of its own: sign-ins are rate limited). */
  const signIn = async (officerId: number): Promise<string> => {
    const { url } = await createWebLink(db, BASE, officerId, chat.app.now.value);
    address += 1;
    const res = await server.inject({
      method: 'GET',
      url: new URL(url).pathname,
      remoteAddress: `10.0.0.${address}`,
    });
    expect(res.statusCode).toBe(303);
    const cookie = String(res.headers['set-cookie']).split(';')[0]!;
    return cookie;
  };
  const get = (url: string, cookie?: string) =>
    server.inject({ method: 'GET', url, ...(cookie ? { headers: { cookie } } : {}) });

  beforeAll(async () => {
    chat = await startAdminChat({ env: { PUBLIC_BASE_URL: BASE } });
    chat.app.now.value = DIGEST_AS_OF;
    db = chat.app.database.db;
    server = chat.app.runtime.server!;
    await server.ready();
    seed = await seedDigestHistory(db);
    committee = await chat.user(9101, 'Nguyễn Ban Chỉ Đạo', 'Văn phòng Ủy ban nhân dân tỉnh', 'committee');
    admin = await chat.user(9102, 'Trần Quản Trị', 'Văn phòng Ủy ban nhân dân tỉnh', 'admin');
    // Untrusted text typed in chat, and a pending extension request from the police officer.
    await recordReport(db, {
      taskId: seed.taskId('17'),
      officerId: seed.officers.police.id,
      status: 'in_progress',
      progress: 55,
      result: '<script>alert("x")</script> đã lắp 5/7 camera',
      blocker: null,
      channel: 'telegram',
      platformMessageId: 'web-1',
      inboundMessageId: null,
      masked: [],
      at: vn('2024-06-27', '10:00'),
      evidence: { fileId: 'AgACAgIAAxkBAAIB', kind: 'photo', size: 20480 },
    });
    await db.deadlineExtension.create({
      data: {
        taskId: seed.taskId('32'),
        requestedBy: seed.officers.health.id,
        previousDue: new Date('2023-12-31T00:00:00Z'),
        newDue: new Date('2024-12-31T00:00:00Z'),
        reason: 'Chờ kinh phí',
      },
    });
  }, 120_000);
  afterAll(async () => {
    await chat?.close();
  });

  it('GIVEN /web in a private chat THEN one link signs in once, with a safe cookie and an audit row', async () => {
    const answer = await chat.ask(committee, '/web', LINK);
    const token = LINK.exec(textOf(answer))![1]!;
    expect(await db.webLogin.count({ where: { tokenHash: token } })).toBe(0); // only the hash is kept

    const first = await get(`/login/${token}`);
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe('/');
    const cookie = String(first.headers['set-cookie']);
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{43};`, 'u'));
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('Secure');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Max-Age=28800');
    expect(first.headers['content-security-policy']).toContain("script-src 'none'");
    const audit = await db.auditLog.findFirst({ where: { action: 'web.login' } });
    expect(audit?.actorId).toBe(committee.officerId);

    const second = await get(`/login/${token}`);
    expect(second.statusCode).toBe(403);
    expect(second.body).toContain('đã được dùng');
    expect(second.headers['set-cookie']).toBeUndefined();

    const page = await get('/', cookie.split(';')[0]);
    expect(page.statusCode).toBe(200);
  });

  it('GIVEN /dashboard in a group chat THEN no link is sent there', async () => {
    const since = chat.fake.calls.length;
    chat.fake.injectText(committee, '/dashboard', {
      chatId: -100777,
      chatType: 'supergroup',
      chatTitle: 'BCĐ',
    });
    const answer = await chat.fake.waitFor(
      (c) => c.method === 'sendMessage' && chat.fake.calls.indexOf(c) >= since,
      20_000,
    );
    expect(textOf(answer)).toContain('tin nhắn riêng');
    expect(textOf(answer)).not.toMatch(LINK);
  });

  it('GIVEN no session THEN every page redirects to the sign-in help, which shows no task', async () => {
    const title = (await db.task.findUniqueOrThrow({ where: { id: seed.taskId('41') } })).title;
    for (const url of [
      '/',
      '/tasks',
      `/tasks/${seed.taskId('41')}`,
      '/agencies',
      '/downloads/digest.xlsx',
      '/extensions',
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(303);
      expect(res.headers.location).toBe('/signin');
      expect(res.body).not.toContain(title.slice(0, 30));
    }
    const forged = await get('/tasks', `${SESSION_COOKIE}=${'A'.repeat(43)}`);
    expect(forged.headers.location).toBe('/signin');
    const help = await get('/signin');
    expect(help.statusCode).toBe(200);
    expect(help.body).toContain('/web');
    expect(help.body).not.toContain(title.slice(0, 30));
  });

  it('GIVEN the overview THEN its totals and summary are the digest of that moment', async () => {
    const cookie = await signIn(committee.officerId);
    const res = await get('/', cookie);
    const json = digestToJson(
      (await buildCurrentDigest({ db, kind: 'weekly', at: chat.app.now.value })).model,
    );
    const shown = Object.fromEntries(
      [...res.body.matchAll(/data-total="(\w+)">(\d+)</gu)].map((m) => [m[1]!, Number(m[2])]),
    );
    for (const [key, value] of Object.entries(json.totals)) {
      if (key in shown) expect(shown[key], key).toBe(value);
    }
    expect(Object.keys(shown)).toHaveLength(11);
    expect(res.body).toContain(json.summary.vi.replaceAll('"', '&quot;').slice(0, 60));
    expect(res.body).toContain('<svg role="img"');
    // A report changes the figures: the overview does not keep showing the earlier digest.
    await recordReport(db, {
      taskId: seed.taskId('3'),
      officerId: seed.officers.police.id,
      status: 'done',
      progress: 100,
      result: null,
      blocker: null,
      channel: 'telegram',
      platformMessageId: 'web-overview-1',
      inboundMessageId: null,
      masked: [],
      at: vn('2024-06-28', '16:00'),
    });
    const after = await get('/', cookie);
    const done = digestToJson(
      (await buildCurrentDigest({ db, kind: 'weekly', at: chat.app.now.value })).model,
    );
    expect(done.totals.done).toBe(json.totals.done + 1);
    expect(after.body).toContain(`data-total="done">${done.totals.done}<`);
    const en = await get('/?lang=en', cookie);
    expect(en.body).toContain('<html lang="en">');
    expect(en.body).toContain('Deadline categories');
    // At DIGEST_AS_OF a seeded report is dated later, so the overview builds the full digest; after every
    // report it reads its own reduced snapshot (store/web-overview.ts): the same figures either way.
    chat.app.now.value = vn('2024-07-10', '09:00');
    try {
      const later = await get('/', await signIn(committee.officerId));
      const json = digestToJson(
        (await buildCurrentDigest({ db, kind: 'weekly', at: chat.app.now.value })).model,
      );
      const figures = Object.fromEntries(
        [...later.body.matchAll(/data-total="(\w+)">(\d+)</gu)].map((m) => [m[1]!, Number(m[2])]),
      );
      expect(Object.keys(figures)).toHaveLength(11);
      const totals: Record<string, number> = { ...json.totals };
      for (const [key, value] of Object.entries(figures)) expect(value, key).toBe(totals[key]);
      expect(later.body).toContain(json.summary.vi.replaceAll('"', '&quot;'));
      expect(later.body).toContain(`(${json.dueSoon.length})</h2>`);
    } finally {
      chat.app.now.value = DIGEST_AS_OF;
    }
  });

  it('GIVEN task filters THEN search works with or without diacritics and "overdue" is the digest\'s', async () => {
    const cookie = await signIn(committee.officerId);
    const task = await db.task.findUniqueOrThrow({ where: { id: seed.taskId('41') } });
    const word = task.title.split(/\s+/u).find((w) => w.length >= 3 && foldQuery(w) !== w.toLowerCase());
    expect(word, task.title).toBeDefined();
    for (const q of [word!, foldQuery(word!)]) {
      const res = await get(`/tasks?q=${encodeURIComponent(q)}`, cookie);
      expect(res.body, q).toContain(`data-task="41"`);
    }
    // The list reads the tasks' current state: compare at a moment after every seeded report (the seed
    // has one dated after DIGEST_AS_OF, which the digest undoes for its as-of but a live list cannot).
    chat.app.now.value = vn('2024-07-10', '09:00');
    try {
      expect((await get('/tasks', cookie)).headers.location).toBe('/signin'); // 8 hours are over
      const later = await signIn(committee.officerId);
      const overdue = await get('/tasks?timing=overdue', later);
      const count = Number(/data-count="(\d+)"/u.exec(overdue.body)![1]);
      const { model } = await buildCurrentDigest({ db, kind: 'weekly', at: chat.app.now.value });
      expect(count).toBe(model.totals.overdue);
      const soon = await get('/tasks?timing=dueSoon', later);
      expect(Number(/data-count="(\d+)"/u.exec(soon.body)![1])).toBe(model.dueSoon.length);
      const silent = await get('/tasks?timing=silent', later);
      expect(Number(/data-count="(\d+)"/u.exec(silent.body)![1])).toBe(model.silentThisMonth.length);
    } finally {
      chat.app.now.value = DIGEST_AS_OF;
    }
  });

  it('GIVEN a task page THEN untrusted report text is escaped and the history is shown', async () => {
    const cookie = await signIn(committee.officerId);
    const res = await get(`/tasks/${seed.taskId('17')}`, cookie);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('<script>alert');
    expect(res.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; đã lắp 5/7 camera');
    expect(res.body).toContain('Chờ nâng cấp phần mềm'); // the approved extension's reason
    expect(res.body).toContain('photo (20 KB)');
  });

  it("GIVEN an officer THEN only their agency's tasks are listed and another agency's task is refused", async () => {
    const cookie = await signIn(seed.officers.police.id);
    const overview = await get('/', cookie);
    expect(overview.headers.location).toBe('/tasks');
    const list = await get('/tasks', cookie);
    expect(list.body).toContain('Công an tỉnh');
    const own = await db.taskAgency.findFirstOrThrow({
      where: { agencyId: seed.officers.police.agencyId, role: 'lead' },
    });
    expect((await get(`/tasks/${own.taskId}`, cookie)).statusCode).toBe(200);
    const other = await db.task.findFirstOrThrow({
      where: { agencies: { none: { agencyId: seed.officers.police.agencyId } } },
    });
    const refused = await get(`/tasks/${other.id}`, cookie);
    expect(refused.statusCode).toBe(403);
    expect(refused.body).not.toContain(other.title.slice(0, 30));
    expect(list.body).not.toContain(`href="/tasks/${other.id}"`);
    expect((await get('/agencies', cookie)).statusCode).toBe(403);
  });

  it("GIVEN a form without its CSRF token THEN it is refused; with it, the admin's decision is the chat's", async () => {
    const cookie = await signIn(admin.officerId);
    const ext = await db.deadlineExtension.findFirstOrThrow({ where: { state: 'requested' } });
    const page = await get('/extensions', cookie);
    expect(page.body).toContain(`data-extension="${ext.id}"`);
    const post = (body: string) =>
      server.inject({
        method: 'POST',
        url: `/extensions/${ext.id}`,
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: body,
      });
    const forged = await post('decision=approve&csrf=forged');
    expect(forged.statusCode).toBe(403);
    expect((await post('decision=approve')).statusCode).toBe(403);
    expect((await db.deadlineExtension.findUniqueOrThrow({ where: { id: ext.id } })).state).toBe('requested');

    const csrf = csrfTokenOf(cookie.split('=')[1]!);
    expect(page.body).toContain(`value="${csrf}"`);
    const ok = await post(`decision=approve&csrf=${csrf}`);
    expect(ok.statusCode).toBe(303);
    const decided = await db.deadlineExtension.findUniqueOrThrow({ where: { id: ext.id } });
    expect(decided.state).toBe('approved');
    expect(decided.decidedBy).toBe(admin.officerId);
    const task = await db.task.findUniqueOrThrow({ where: { id: ext.taskId } });
    expect(task.dueDate?.toISOString().slice(0, 10)).toBe('2024-12-31');
    expect(
      await db.auditLog.count({ where: { action: 'extension.approve', actorId: admin.officerId } }),
    ).toBe(1);
    expect((await post(`decision=reject&csrf=${csrf}`)).headers.location).toBe('/extensions?done=already');

    const committeeCookie = await signIn(committee.officerId);
    expect((await get('/extensions', committeeCookie)).statusCode).toBe(403);
  });

  it('GIVEN downloads THEN the digest XLSX and DOCX of a chosen period come back', async () => {
    const cookie = await signIn(committee.officerId);
    const xlsx = await get('/downloads/digest.xlsx?kind=monthly&at=2024-06-20', cookie);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-disposition']).toContain('2024-06.xlsx');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const docx = await get('/downloads/digest.docx?kind=weekly', cookie);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await get('/downloads/digest.xlsx?at=bad', cookie)).statusCode).toBe(400);
  });

  it('GIVEN sign-out THEN the session no longer opens pages', async () => {
    const cookie = await signIn(committee.officerId);
    const csrf = csrfTokenOf(cookie.split('=')[1]!);
    const out = await server.inject({
      method: 'POST',
      url: '/logout',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `csrf=${csrf}`,
    });
    expect(out.headers.location).toBe('/signin');
    expect((await get('/tasks', cookie)).headers.location).toBe('/signin');
  });

  it('GIVEN many sign-in attempts from one address THEN they are limited', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await server.inject({
        method: 'GET',
        url: `/login/${'B'.repeat(43)}`,
        remoteAddress: '10.9.9.9',
      });
      codes.push(res.statusCode);
    }
    expect(codes.slice(0, 10).every((c) => c === 403)).toBe(true);
    expect(codes.slice(10)).toEqual([429, 429]);
    const limited = await server.inject({
      method: 'GET',
      url: `/login/${'B'.repeat(43)}`,
      remoteAddress: '10.9.9.9',
    });
    expect(limited.headers['content-type']).toContain('text/html');
    expect(limited.body).toContain('Quá nhiều lần thử');
  });
});
