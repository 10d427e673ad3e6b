/**
 * The dashboard in a real browser: Debian's Chromium driven by playwright-core (no browser download)
 * against the whole service listening on 127.0.0.1. Signs in with a link, reads the overview, filters
 * tasks, opens a task with reports, approves an extension as admin; a second use of a link and another
 * agency's task are refused. Screenshots of each page at 360 px and 1280 px go to
 * test-output/screenshots/ (ignored by git). `.ci/run` installs Chromium; elsewhere, without
 * /usr/bin/chromium the file is skipped with a message (CI=true makes that a failure).
 */
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebLink } from '../../handlers/web/web-link.ts';
import { buildCurrentDigest } from '../../jobs/digest/build-and-store-digest.ts';
import { recordReport } from '../../store/reports.ts';
import { type AdminChat, type ChatUser, startAdminChat } from '../../test/support/admin-chat.ts';
import { DIGEST_AS_OF, type DigestSeed, seedDigestHistory, vn } from '../../test/support/digest-seed.ts';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const present = existsSync(CHROMIUM);
if (!present && process.env['CI'])
  throw new Error(`${CHROMIUM} is missing: .ci/run installs the chromium package`);
if (!present) {
  process.stderr.write(
    `dashboard browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)\n`,
  );
}

const SHOTS = path.resolve(import.meta.dirname, '../../test-output/screenshots');
const WIDTHS = [
  { name: 'phone', width: 360, height: 740 },
  { name: 'desktop', width: 1280, height: 800 },
] as const;

describe.skipIf(!present)('dashboard in Chromium', () => {
  let chat: AdminChat;
  let browser: Browser;
  let base: string;
  let seed: DigestSeed;
  let committee: ChatUser;
  let admin: ChatUser;

  const link = async (officerId: number) =>
    (await createWebLink(chat.app.database.db, base, officerId, chat.app.now.value)).url;

  /** Saves the page at phone and desktop width. */
  const shoot = async (page: Page, name: string) => {
    for (const size of WIDTHS) {
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.screenshot({ path: path.join(SHOTS, `${name}-${size.width}.png`), fullPage: true });
    }
  };

  /** A fresh browser context (its own cookies) signed in as the officer. */
  const signedIn = async (officerId: number): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(await link(officerId));
    return page;
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    chat = await startAdminChat({ env: { PUBLIC_BASE_URL: 'http://127.0.0.1' } });
    chat.app.now.value = DIGEST_AS_OF;
    const db = chat.app.database.db;
    seed = await seedDigestHistory(db);
    committee = await chat.user(9201, 'Nguyễn Ban Chỉ Đạo', 'Văn phòng Ủy ban nhân dân tỉnh', 'committee');
    admin = await chat.user(9202, 'Trần Quản Trị', 'Văn phòng Ủy ban nhân dân tỉnh', 'admin');
    await recordReport(db, {
      taskId: seed.taskId('17'),
      officerId: seed.officers.police.id,
      status: 'in_progress',
      progress: 60,
      result: 'Đã lắp 5/7 camera tại bộ phận một cửa',
      blocker: null,
      channel: 'zalo',
      platformMessageId: 'browser-1',
      inboundMessageId: null,
      masked: [],
      at: vn('2024-06-27', '10:00'),
      evidence: { fileId: 'photo-1', kind: 'photo', size: 51200 },
    });
    await db.deadlineExtension.create({
      data: {
        taskId: seed.taskId('32'),
        requestedBy: seed.officers.health.id,
        previousDue: new Date('2023-12-31T00:00:00Z'),
        newDue: new Date('2024-12-31T00:00:00Z'),
        reason: 'Chờ bố trí kinh phí',
      },
    });
    const server = chat.app.runtime.server!;
    await server.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await chat?.close();
  });

  it('GIVEN a link THEN the committee member reads the overview with the digest totals; the link works once', async () => {
    const url = await link(committee.officerId);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(url);
    expect(new URL(page.url()).pathname).toBe('/');
    await expect(page.locator('h1').textContent()).resolves.toBe('Tổng quan');
    const { model } = await buildCurrentDigest({
      db: chat.app.database.db,
      kind: 'weekly',
      at: chat.app.now.value,
    });
    await expect(page.locator('[data-total="tasks"]').first().textContent()).resolves.toBe(
      String(model.totals.tasks),
    );
    await expect(page.locator('[data-total="overdue"]').first().textContent()).resolves.toBe(
      String(model.totals.overdue),
    );
    await expect(page.locator('figure svg[role="img"]').count()).resolves.toBe(1);
    await shoot(page, 'overview');

    const again = await (await browser.newContext()).newPage();
    const response = await again.goto(url);
    expect(response?.status()).toBe(403);
    await expect(again.locator('main').textContent()).resolves.toContain('đã được dùng');
    await shoot(again, 'link-used');
    await context.close();
  });

  it('GIVEN the tasks page THEN filters and search narrow the list and a row opens the task with its reports', async () => {
    const page = await signedIn(committee.officerId);
    await page.getByRole('link', { name: 'Nhiệm vụ', exact: true }).click();
    await expect(page.locator('[data-count]').getAttribute('data-count')).resolves.toBe('42');
    await shoot(page, 'tasks');
    await page.getByLabel('Thời hạn').selectOption('overdue');
    await page.getByRole('button', { name: 'Lọc' }).click();
    const overdue = Number(await page.locator('[data-count]').getAttribute('data-count'));
    expect(overdue).toBeGreaterThan(0);
    expect(overdue).toBeLessThan(42);
    await page.goto(`${base}/tasks`);
    await page.getByLabel('Tìm theo mã hoặc nội dung').fill('17');
    await page.getByRole('button', { name: 'Lọc' }).click();
    await page.locator('tr[data-task="17"] a').first().click();
    await expect(page.locator('h1').textContent()).resolves.toMatch(/^17\. /u);
    await expect(page.locator('[data-report]').first().textContent()).resolves.toContain('Đã lắp 5/7 camera');
    await expect(page.locator('main').textContent()).resolves.toContain('photo (50 KB)');
    await shoot(page, 'task');
    await page.goto(`${base}/agencies`);
    await shoot(page, 'agencies');
    await page.goto(`${base}/downloads`);
    await shoot(page, 'downloads');
    await page.goto(`${base}/?lang=en`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Overview');
    await page.context().close();
  });

  it('GIVEN a pending extension THEN the admin approves it on the web and the deadline moves', async () => {
    const page = await signedIn(admin.officerId);
    await page.getByRole('link', { name: 'Gia hạn chờ duyệt' }).click();
    await shoot(page, 'extensions');
    await page.getByRole('button', { name: 'Duyệt 32' }).click();
    await expect(page.locator('[role="status"]').textContent()).resolves.toContain('32');
    const task = await chat.app.database.db.task.findUniqueOrThrow({ where: { id: seed.taskId('32') } });
    expect(task.dueDate?.toISOString().slice(0, 10)).toBe('2024-12-31');
    await expect(page.locator('main').textContent()).resolves.toContain('Không có đề nghị nào chờ duyệt');
    await page.context().close();
  });

  it("GIVEN an officer THEN another agency's task is refused", async () => {
    const db = chat.app.database.db;
    const other = await db.task.findFirstOrThrow({
      where: { agencies: { none: { agencyId: seed.officers.police.agencyId } } },
    });
    const page = await signedIn(seed.officers.police.id);
    expect(new URL(page.url()).pathname).toBe('/tasks');
    const response = await page.goto(`${base}/tasks/${other.id}`);
    expect(response?.status()).toBe(403);
    await expect(page.locator('main').textContent()).resolves.not.toContain(other.title.slice(0, 30));
    await shoot(page, 'forbidden');
    await page.context().close();
  });
});
