/**
 * The committee's dashboard in the browser, served by the service's own HTTP server (issue #17).
 *
 * Sign-in: `GET /login/<token>` (the one-time link `/web` answers in chat; rate limited) starts a session:
 * an HttpOnly, SameSite=Lax cookie (Secure when PUBLIC_BASE_URL is https) holding a random id whose
 * SHA-256 the `web_session` table keeps (8 hours, revocable). Without a live session every page
 * redirects to `/signin`, which explains how to get a link and shows no data.
 * Forms carry a CSRF token derived from the session id (only a page of the session can know it).
 * Headers: @fastify/helmet (CSP without inline scripts or styles, frame-ancestors none, no referrer).
 * Roles: committee and admins see every plan; an officer sees the tasks of their agency (and of the
 * agencies it answers for), anything else is a 403 page; admins decide extension requests.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { vnDate } from '../../domain/calendar/working-time.ts';
import type { DigestKind } from '../../domain/digest/digest-input.ts';
import { isReportStatus } from '../../domain/reply/report-status.ts';
import type { ChannelId } from '../../handlers/channel.ts';
import type { Outbox } from '../../handlers/outbox.ts';
import { decideExtensionOnWeb } from '../../handlers/web/decide-extension.ts';
import { buildCurrentDigest } from '../../jobs/digest/build-and-store-digest.ts';
import { renderDigestDocx } from '../../jobs/digest/render/render-digest-docx.ts';
import { renderDigestXlsx } from '../../jobs/digest/render/render-digest-xlsx.ts';
import { type LocaleCode, t } from '../../locales/index.ts';
import { planProvince } from '../../store/digests.ts';
import type { OfficerView } from '../../store/officers.ts';
import type { PrismaClient } from '../../store/prisma-client.ts';
import { revokeSession, SESSION_TTL_MS, sessionOfficer, useLoginToken } from '../../store/web-auth.ts';
import {
  agencyTable,
  listTasks,
  officersReach,
  pendingExtensions,
  scopeOf,
  type TaskFilter,
  type TaskSort,
  type TaskTiming,
  taskDetail,
  taskFilterChoices,
  taskInScope,
  weeklyOverdueTrend,
} from '../../store/web-pages.ts';
import type { Html } from './html.ts';
import { html } from './html.ts';
import { bare, type PageContext, STYLESHEET } from './layout.ts';
import { overviewModel } from './overview-model.ts';
import {
  agenciesPage,
  downloadsPage,
  extensionsPage,
  messagePage,
  overviewPage,
  taskPage,
  tasksPage,
} from './pages.ts';

export const SESSION_COOKIE = 'dash_session';
export const LANG_COOKIE = 'dash_lang';

export interface DashboardDeps {
  db: PrismaClient;
  outbox: Outbox;
  now: () => Date;
  /** PUBLIC_BASE_URL: decides the cookie's Secure flag (https). */
  publicBaseUrl: string | undefined;
  enabledChannels: () => ReadonlySet<ChannelId>;
  /** Sign-in attempts per minute and address. @defaultValue 10 */
  loginsPerMinute?: number;
}

/** Cookies of a request, by name. */
export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i <= 0) continue;
    const name = part.slice(0, i).trim();
    const value = part.slice(i + 1).trim();
    try {
      out.set(name, decodeURIComponent(value));
    } catch {
      // A malformed cookie is ignored.
    }
  }
  return out;
}

/** The CSRF token of a session: a hash of its secret id, so only pages of that session carry it. */
export function csrfTokenOf(sessionId: string): string {
  return createHash('sha256').update(`csrf\0${sessionId}`).digest('base64url');
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

interface Reader {
  officer: OfficerView;
  sessionId: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    reader?: Reader;
  }
}

const PUBLIC_PATHS = new Set(['/signin', '/assets/dashboard.css']);

/**
 * The dashboard's routes, in a scope of their own (helmet, rate limit and form parsing stay inside):
 * the shared hooks first, then each page's routes in the order they were always registered.
 */
export async function registerDashboard(server: FastifyInstance, deps: DashboardDeps): Promise<void> {
  const secure = deps.publicBaseUrl?.startsWith('https:') ?? false;
  await server.register(async (app) => {
    const pages = pageTools(secure);
    await registerSecurityPlugins(app, secure);
    registerTooManyPage(app, pages);
    registerSessionGate(app, deps);
    registerStylesheet(app);
    registerSignIn(app, deps, pages, secure);
    registerOverview(app, deps, pages);
    registerTaskPages(app, deps, pages);
    registerAgencies(app, deps, pages);
    registerDownloads(app, deps, pages);
    registerExtensions(app, deps, pages);
  });
}

/** What every page route uses to answer: language, HTML replies, the page context, refusals and the CSRF check. */
interface PageTools {
  /** The language asked by `?lang=` (then remembered in a cookie), else the cookie's, else `fallback` or vi. */
  langOf(request: FastifyRequest, reply: FastifyReply, fallback?: LocaleCode): LocaleCode;
  /** Sends a page: HTML, never cached. */
  sendHtml(reply: FastifyReply, body: Html, code?: number): FastifyReply;
  /** The context of a page for the signed-in reader (the preHandler set `request.reader`). */
  contextOf(request: FastifyRequest, reply: FastifyReply): PageContext;
  /** A 403 or 404 page, with `text` or the default explanation. */
  refuse(request: FastifyRequest, reply: FastifyReply, code: 403 | 404, text?: string): FastifyReply;
  /** True when the form carries the session's CSRF token; else sends the 403 page and answers false. */
  checkCsrf(request: FastifyRequest, reply: FastifyReply): boolean;
}

/** The page tools of a dashboard whose cookies are Secure when `secure` (https). */
function pageTools(secure: boolean): PageTools {
  const langOf = (request: FastifyRequest, reply: FastifyReply, fallback?: LocaleCode): LocaleCode => {
    const asked = (request.query as Record<string, unknown>)['lang'];
    if (asked === 'vi' || asked === 'en') {
      void reply.header(
        'set-cookie',
        `${LANG_COOKIE}=${asked}; Path=/; Max-Age=31536000; SameSite=Lax${secure ? '; Secure' : ''}`,
      );
      return asked;
    }
    const cookie = parseCookies(request.headers.cookie).get(LANG_COOKIE);
    if (cookie === 'vi' || cookie === 'en') return cookie;
    return fallback ?? 'vi';
  };
  const sendHtml = (reply: FastifyReply, body: Html, code = 200) =>
    reply
      .code(code)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(body.value);
  const contextOf = (request: FastifyRequest, reply: FastifyReply): PageContext => {
    const reader = request.reader!;
    const lang = langOf(request, reply, reader.officer.locale);
    return {
      w: t(lang).web.page,
      lang,
      officer: reader.officer,
      csrf: csrfTokenOf(reader.sessionId),
      path: request.url,
    };
  };
  const refuse = (request: FastifyRequest, reply: FastifyReply, code: 403 | 404, text?: string) => {
    const ctx = contextOf(request, reply);
    const title = code === 403 ? ctx.w.forbiddenTitle : ctx.w.notFoundTitle;
    return sendHtml(
      reply,
      messagePage(ctx, title, text ?? (code === 403 ? ctx.w.forbidden : ctx.w.notFound)),
      code,
    );
  };
  const checkCsrf = (request: FastifyRequest, reply: FastifyReply): boolean => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const sent = typeof body['csrf'] === 'string' ? body['csrf'] : '';
    if (sameToken(sent, csrfTokenOf(request.reader!.sessionId))) return true;
    const ctx = contextOf(request, reply);
    void sendHtml(reply, messagePage(ctx, ctx.w.csrfTitle, ctx.w.csrf), 403);
    return false;
  };
  return { langOf, sendHtml, contextOf, refuse, checkCsrf };
}

/** Committee members and admins read every plan; officers only their agencies' tasks. */
function isCommittee(officer: OfficerView): boolean {
  return officer.role === 'committee' || officer.role === 'admin';
}

/**
 * Shared hooks of every dashboard response: helmet's headers (a CSP without inline scripts or styles,
 * frame-ancestors none, no referrer, HSTS on https), the rate limiter (per route) and form parsing.
 */
async function registerSecurityPlugins(app: FastifyInstance, secure: boolean): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'"],
        scriptSrc: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    hsts: secure,
  });
  await app.register(rateLimit, { global: false });
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 16 * 1024 },
    (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );
}

/** Too many sign-in attempts (429): a page anyone may see, not the plugin's JSON; other errors pass on. */
function registerTooManyPage(app: FastifyInstance, { langOf, sendHtml }: PageTools): void {
  app.setErrorHandler((error: { statusCode?: number }, request, reply) => {
    if (error.statusCode !== 429) return reply.send(error);
    const lang = langOf(request, reply);
    const w = t(lang).web.page;
    return sendHtml(
      reply,
      bare(lang, w, w.loginRefused.title, html`<p class="error" role="alert">${w.tooMany}</p>`),
      429,
    );
  });
}

/**
 * The session gate (preHandler): every page but the public ones (sign-in help, stylesheet, login links)
 * needs a live session; without one, a redirect to the sign-in help (no data). Sets `request.reader`.
 */
function registerSessionGate(app: FastifyInstance, deps: DashboardDeps): void {
  app.addHook('preHandler', async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (PUBLIC_PATHS.has(path) || path.startsWith('/login/')) return;
    const sessionId = parseCookies(request.headers.cookie).get(SESSION_COOKIE);
    const officer = sessionId ? await sessionOfficer(deps.db, sessionId, deps.now()) : null;
    if (!officer || !sessionId) return reply.redirect('/signin', 303);
    request.reader = { officer, sessionId };
  });
}

/** `GET /assets/dashboard.css`: the stylesheet, public (cached an hour). */
function registerStylesheet(app: FastifyInstance): void {
  app.get('/assets/dashboard.css', (_request, reply) =>
    reply
      .header('content-type', 'text/css; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(STYLESHEET),
  );
}

/**
 * Signing in and out: `GET /signin` (public: how to get a link, no data), `GET /login/:token` (public,
 * rate limited: a one-time link starts a session cookie) and `POST /logout` (a signed-in reader, CSRF).
 */
function registerSignIn(app: FastifyInstance, deps: DashboardDeps, pages: PageTools, secure: boolean): void {
  const { langOf, sendHtml, checkCsrf } = pages;
  app.get('/signin', (request, reply) => {
    const lang = langOf(request, reply);
    const w = t(lang).web.page;
    return sendHtml(
      reply,
      bare(lang, w, w.howTitle, html`${w.how.split('\n').map((p) => html`<p>${p}</p>`)}`),
    );
  });

  app.get<{ Params: { token: string } }>(
    '/login/:token',
    { config: { rateLimit: { max: deps.loginsPerMinute ?? 10, timeWindow: 60_000 } } },
    async (request, reply) => {
      const result = await useLoginToken(deps.db, request.params.token, deps.now(), `web:${request.ip}`);
      if (!result.ok) {
        const lang = langOf(request, reply);
        const w = t(lang).web.page;
        const r = w.loginRefused;
        return sendHtml(
          reply,
          bare(
            lang,
            w,
            r.title,
            html`<p class="error" role="alert">${r[result.reason]}</p><p>${r.again}</p>`,
          ),
          403,
        );
      }
      void reply.header(
        'set-cookie',
        `${SESSION_COOKIE}=${result.sessionId}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${SESSION_TTL_MS / 1000}${secure ? '; Secure' : ''}`,
      );
      return reply.header('cache-control', 'no-store').redirect('/', 303);
    },
  );

  app.post('/logout', async (request, reply) => {
    if (!checkCsrf(request, reply)) return reply;
    await revokeSession(deps.db, request.reader!.sessionId, deps.now());
    void reply.header(
      'set-cookie',
      `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure ? '; Secure' : ''}`,
    );
    return reply.redirect('/signin', 303);
  });
}

/**
 * `GET /`: the overview (the weekly digest's figures and the overdue trend), for committee members and
 * admins; an officer is sent to their tasks. `GET /dashboard` redirects to it.
 */
function registerOverview(
  app: FastifyInstance,
  deps: DashboardDeps,
  { sendHtml, contextOf }: PageTools,
): void {
  app.get('/', async (request, reply) => {
    const { officer } = request.reader!;
    if (!isCommittee(officer)) return reply.redirect('/tasks', 303);
    const ctx = contextOf(request, reply);
    const now = deps.now();
    const [model, trend] = await Promise.all([overviewModel(deps.db, now), weeklyOverdueTrend(deps.db, 8)]);
    return sendHtml(reply, overviewPage(ctx, model, trend));
  });
  app.get('/dashboard', (_request, reply) => reply.redirect('/', 303));
}

/**
 * `GET /tasks` (the filtered task list) and `GET /tasks/:id` (one task's history), for every signed-in
 * reader within their scope: all tasks for the committee and admins, their agencies' for an officer
 * (another task is a 403 page; an unknown or removed one a 404).
 */
function registerTaskPages(app: FastifyInstance, deps: DashboardDeps, pages: PageTools): void {
  const { sendHtml, contextOf, refuse } = pages;
  app.get('/tasks', async (request, reply) => {
    const ctx = contextOf(request, reply);
    const filter = parseFilter(request.query as Record<string, unknown>);
    const scope = await scopeOf(deps.db, ctx.officer);
    const today = vnDate(deps.now());
    const [choices, list] = await Promise.all([
      taskFilterChoices(deps.db),
      listTasks(deps.db, scope, filter, today),
    ]);
    return sendHtml(reply, tasksPage(ctx, filter, choices, list, scope.all ? null : ctx.officer.agencyName));
  });

  app.get<{ Params: { id: string } }>('/tasks/:id', async (request, reply) => {
    const id = Number(request.params.id);
    if (!Number.isSafeInteger(id) || id <= 0) return refuse(request, reply, 404);
    const scope = await scopeOf(deps.db, request.reader!.officer);
    const task = await taskDetail(deps.db, id);
    if (!task || task.removedAt) return refuse(request, reply, 404);
    if (!(await taskInScope(deps.db, id, scope))) return refuse(request, reply, 403);
    return sendHtml(reply, taskPage(contextOf(request, reply), task));
  });
}

/**
 * `GET /agencies`: the per-agency table, for committee members and admins (admins also see each
 * officer's reachability); anyone else gets a 403 page.
 */
function registerAgencies(app: FastifyInstance, deps: DashboardDeps, pages: PageTools): void {
  const { sendHtml, contextOf, refuse } = pages;
  app.get('/agencies', async (request, reply) => {
    const { officer } = request.reader!;
    if (!isCommittee(officer)) return refuse(request, reply, 403, t(officer.locale).web.page.forbidden);
    const now = deps.now();
    const [rows, officers] = await Promise.all([
      agencyTable(deps.db, vnDate(now), now),
      officer.role === 'admin' ? officersReach(deps.db, now) : Promise.resolve(null),
    ]);
    return sendHtml(reply, agenciesPage(contextOf(request, reply), rows, officers));
  });
}

/**
 * `GET /downloads` (the form) and `GET /downloads/digest.xlsx|docx` (the weekly, monthly or quarterly
 * digest as of a chosen day), for committee members and admins; anyone else gets a 403 page.
 */
function registerDownloads(app: FastifyInstance, deps: DashboardDeps, pages: PageTools): void {
  const { sendHtml, contextOf, refuse } = pages;
  app.get('/downloads', (request, reply) => {
    if (!isCommittee(request.reader!.officer)) return refuse(request, reply, 403);
    return sendHtml(reply, downloadsPage(contextOf(request, reply), vnDate(deps.now()), null));
  });

  app.get<{ Params: { format: string } }>('/downloads/digest.:format', async (request, reply) => {
    if (!isCommittee(request.reader!.officer)) return refuse(request, reply, 403);
    const format = request.params.format;
    if (format !== 'xlsx' && format !== 'docx') return refuse(request, reply, 404);
    const query = request.query as Record<string, unknown>;
    const kind: DigestKind =
      query['kind'] === 'monthly' || query['kind'] === 'quarterly' ? query['kind'] : 'weekly';
    const ctx = contextOf(request, reply);
    const now = deps.now();
    const at = asOfDay(query['at'], now);
    if (!at) return sendHtml(reply, downloadsPage(ctx, vnDate(now), ctx.w.downloads.badDate), 400);
    const { model, periodKey } = await buildCurrentDigest({ db: deps.db, kind, at });
    const file = `bao-cao-de-an-06-${periodKey}.${format}`;
    if (format === 'xlsx') {
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${file}"`)
        .send(await renderDigestXlsx(model, ctx.lang));
    }
    const province = await planProvince(deps.db);
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .header('content-disposition', `attachment; filename="${file}"`)
      .send(await renderDigestDocx(model, province ? { province } : {}));
  });
}

/**
 * `GET /extensions` (pending extension requests, with the notice of the last decision) and
 * `POST /extensions/:id` (approve or reject, CSRF checked), for admins only; anyone else gets a 403 page.
 */
function registerExtensions(app: FastifyInstance, deps: DashboardDeps, pages: PageTools): void {
  const { sendHtml, contextOf, refuse, checkCsrf } = pages;
  app.get('/extensions', async (request, reply) => {
    const { officer } = request.reader!;
    if (officer.role !== 'admin') return refuse(request, reply, 403, t(officer.locale).web.page.adminOnly);
    const ctx = contextOf(request, reply);
    const done = (request.query as Record<string, unknown>)['done'];
    return sendHtml(
      reply,
      extensionsPage(
        ctx,
        await pendingExtensions(deps.db),
        typeof done === 'string' ? noticeOf(ctx, done) : null,
      ),
    );
  });

  app.post<{ Params: { id: string } }>('/extensions/:id', async (request, reply) => {
    const { officer } = request.reader!;
    if (officer.role !== 'admin') return refuse(request, reply, 403, t(officer.locale).web.page.adminOnly);
    if (!checkCsrf(request, reply)) return reply;
    const id = Number(request.params.id);
    const decision = ((request.body ?? {}) as Record<string, unknown>)['decision'];
    if (!Number.isSafeInteger(id) || (decision !== 'approve' && decision !== 'reject')) {
      return refuse(request, reply, 404);
    }
    const result = await decideExtensionOnWeb(
      { db: deps.db, outbox: deps.outbox, enabledChannels: deps.enabledChannels },
      { extensionId: id, approve: decision === 'approve', admin: officer, now: deps.now() },
    );
    const code = result.ok ? `${result.extension.state}:${result.extension.taskCode}` : 'already';
    return reply.redirect(`/extensions?done=${encodeURIComponent(code)}`, 303);
  });
}

/** The notice after a decision (`approved:12`, `rejected:12`, `already`). */
function noticeOf(ctx: PageContext, done: string): string | null {
  const ew = ctx.w.extensions;
  if (done === 'already') return ew.alreadyDecided;
  const [state, code] = [done.slice(0, done.indexOf(':')), done.slice(done.indexOf(':') + 1)];
  if (state !== 'approved' && state !== 'rejected') return null;
  return ew.decided(code, ctx.w.extensionStates[state].toLowerCase());
}

/** The instant the figures of a download are taken at: the end of the chosen Vietnam day, or now for today. */
function asOfDay(value: unknown, now: Date): Date | null {
  if (value === undefined || value === '') return now;
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/u.test(value)) return null;
  const end = new Date(`${value}T23:59:59.999+07:00`);
  if (Number.isNaN(end.getTime())) return null;
  return end < now ? end : now;
}

const SORTS: readonly TaskSort[] = ['code', 'due', 'status', 'lastReport'];
const TIMINGS: readonly TaskTiming[] = ['overdue', 'dueSoon', 'silent'];

function positive(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^\d{1,9}$/u.test(value)) return undefined;
  const n = Number(value);
  return n > 0 ? n : undefined;
}

/** The task filter of a query string (anything unknown is ignored). */
export function parseFilter(query: Record<string, unknown>): TaskFilter {
  const text = (k: string) => (typeof query[k] === 'string' ? (query[k] as string) : undefined);
  const q = text('q')?.trim().slice(0, 200);
  const status = text('status');
  const timing = text('timing') as TaskTiming | undefined;
  const sort = text('sort') as TaskSort | undefined;
  const filter: TaskFilter = {
    sort: sort && SORTS.includes(sort) ? sort : 'code',
    desc: text('dir') === 'desc',
    page: positive(query['page']) ?? 1,
  };
  const planId = positive(query['plan']);
  const groupId = positive(query['group']);
  const leadAgencyId = positive(query['lead']);
  if (q) filter.q = q;
  if (planId !== undefined) filter.planId = planId;
  if (groupId !== undefined) filter.groupId = groupId;
  if (leadAgencyId !== undefined) filter.leadAgencyId = leadAgencyId;
  if (isReportStatus(status)) filter.status = status;
  if (timing && TIMINGS.includes(timing)) filter.timing = timing;
  return filter;
}
