/**
 * The dashboard's pages as HTML, from page models read by the store (store/web-pages.ts) and the
 * overview's model (./overview-model.ts: the weekly digest's figures, equal to `digest --json` at that
 * moment). Every value goes through the escaping
 * template of ./html.ts; the only raw markup is the chart SVG our own renderer writes with escaped text.
 */
import { isoDate } from '../../domain/calendar/civil-date.ts';
import { vnDate, vnTime } from '../../domain/calendar/working-time.ts';
import { dmy } from '../../jobs/digest/render/digest-labels.ts';
import { renderDigestChartSvg } from '../../jobs/digest/render/render-digest-chart.ts';
import { t } from '../../locales/index.ts';
import type {
  AgencyRow,
  OfficerReach,
  PendingExtension,
  TaskDetail,
  TaskFilter,
  TaskListPage,
} from '../../store/web-pages.ts';
import { escapeHtml, type Html, html, raw } from './html.ts';
import { type PageContext, page } from './layout.ts';
import type { OverviewModel } from './overview-model.ts';

const day = (d: Date | null): string => {
  const iso = isoDate(d);
  return iso ? dmy(iso) : '—';
};
/** An instant in Vietnam time, "08:30 15/11/2024". */
export const when = (d: Date | null): string => (d ? `${vnTime(d)} ${dmy(vnDate(d))}` : '—');
const pct = (n: number) => `${(n * 100).toFixed(1).replace(/\.0$/u, '')}%`;

function statusLabel(ctx: PageContext, status: string): Html {
  const labels = t(ctx.lang).statusLabels as Record<string, string>;
  return html`<span class="status-${status}">${labels[status] ?? status}</span>`;
}

const TOTAL_KEYS = [
  'tasks',
  'done',
  'in_progress',
  'blocked',
  'waiting_central',
  'not_started',
  'overdue',
] as const;
const CATEGORY_KEYS = [
  'done_on_time',
  'done_late',
  'within_deadline',
  'overdue',
  'without_deadline',
] as const;

/** Overview: the digest's summary, totals, chart, deadline categories, overdue trend, due soon, blockers. */
export function overviewPage(
  ctx: PageContext,
  model: OverviewModel,
  trend: ReadonlyArray<{ periodKey: string; tasks: number; overdue: number }>,
): Html {
  const { w } = ctx;
  const o = w.overview;
  const totals = TOTAL_KEYS.map(
    (k) =>
      html`<div><dt>${w.totals[k]}</dt><dd${k === 'overdue' ? html` class="overdue"` : ''} data-total="${k}">${model.totals[k]}</dd></div>`,
  );
  const categories = CATEGORY_KEYS.map(
    (k) =>
      html`<div><dt>${w.totals[k]}</dt><dd${k === 'overdue' ? html` class="overdue"` : ''} data-total="${k}">${model.totals[k]}</dd></div>`,
  );
  const svg = renderDigestChartSvg(model, ctx.lang).replace(
    '<svg ',
    `<svg role="img" aria-label="${escapeHtml(o.chartAlt)}" `,
  );
  const rows = [
    ...trend,
    {
      periodKey: `${model.today} (${o.asOf.toLowerCase()})`,
      tasks: model.totals.tasks,
      overdue: model.totals.overdue,
    },
  ];
  const trendTable =
    trend.length === 0
      ? html`<p class="muted">${o.noTrend}</p>`
      : html`<div class="scroll"><table><caption class="muted">${o.trend}</caption>
<thead><tr><th scope="col">${o.week}</th><th scope="col" class="num">${w.totals.overdue}</th><th scope="col" class="num">${o.rate}</th><th scope="col"><span class="skip">${o.rate}</span></th></tr></thead>
<tbody>${rows.map((r) => {
          const rate = r.tasks === 0 ? 0 : r.overdue / r.tasks;
          return html`<tr><td>${r.periodKey}</td><td class="num">${r.overdue}/${r.tasks}</td><td class="num">${pct(rate)}</td><td>${barSvg(rate)}</td></tr>`;
        })}</tbody></table></div>`;
  const change =
    model.overdueRateChange === null
      ? ''
      : html` <span class="muted">(${o.change(`${model.overdueRateChange >= 0 ? '+' : ''}${(model.overdueRateChange * 100).toFixed(1)}`)})</span>`;
  const dueSoon =
    model.dueSoon.length === 0
      ? html`<p>${o.none}</p>`
      : html`<div class="scroll"><table><thead><tr><th scope="col">${w.tasks.code}</th><th scope="col">${w.tasks.task}</th><th scope="col">${w.tasks.due}</th><th scope="col">${w.tasks.lead}</th></tr></thead><tbody>${model.dueSoon.map(
          (d) =>
            html`<tr><td><a href="/tasks/${d.taskId}">${d.code}</a></td><td>${d.title}</td><td>${dmy(d.due)} <span class="muted">(${o.daysLeft(d.daysLeft)})</span></td><td>${d.lead.join('; ')}</td></tr>`,
        )}</tbody></table></div>`;
  const blockers =
    model.blockers.length === 0
      ? html`<p>${o.none}</p>`
      : html`<ul>${model.blockers.map(
          (b) =>
            html`<li><a href="/tasks/${b.taskId}">${b.code}</a> — ${b.text} <span class="muted">(${b.officerName}, ${b.agencyName}, ${when(b.reportedAt)})</span></li>`,
        )}</ul>`;
  return page(
    ctx,
    o.title,
    'overview',
    html`<p class="muted">${o.asOf} ${when(model.asOf)}</p>
<p class="summary" data-summary>${model.summary[ctx.lang]}</p>
<h2>${o.totals}</h2>
<dl class="totals">${totals}</dl>
<h2>${o.chart}</h2>
<figure>${raw(svg)}<figcaption class="muted">${o.chartAlt}</figcaption></figure>
<h2>${o.categories}</h2>
<dl class="totals">${categories}</dl>
<h2>${o.overdueRate}: <span class="overdue" data-overdue-rate>${pct(model.overdueRate)}</span>${change}</h2>
${trendTable}
<h2>${o.dueSoon} (${model.dueSoon.length})</h2>
${dueSoon}
<h2>${o.blockers} (${model.blockers.length})</h2>
${blockers}`,
  );
}

/** A small bar for a rate (server-side SVG: no inline style needed). */
function barSvg(rate: number): Html {
  const width = Math.max(1, Math.round(Math.min(1, rate) * 120));
  return html`<svg width="122" height="12" viewBox="0 0 122 12" aria-hidden="true" focusable="false"><rect x="0" y="1" width="122" height="10" fill="#eeeeee"/><rect x="0" y="1" width="${width}" height="10" fill="#b3261e"/></svg>`;
}

export interface TaskChoices {
  plans: Array<{ id: number; title: string }>;
  groups: Array<{ id: number; planId: number; code: string; title: string }>;
  agencies: Array<{ id: number; name: string }>;
}

function option(value: string | number, label: string, selected: boolean): Html {
  return html`<option value="${value}"${selected ? html` selected` : ''}>${label}</option>`;
}

/** The query string of the list with some parameters changed. */
function listHref(filter: TaskFilter, change: Partial<Record<string, string | number | undefined>>): string {
  const params = new URLSearchParams();
  const base: Record<string, string | number | undefined> = {
    q: filter.q,
    plan: filter.planId,
    group: filter.groupId,
    status: filter.status,
    lead: filter.leadAgencyId,
    timing: filter.timing,
    sort: filter.sort === 'code' ? undefined : filter.sort,
    dir: filter.desc ? 'desc' : undefined,
    page: filter.page > 1 ? filter.page : undefined,
    ...change,
  };
  for (const [k, v] of Object.entries(base)) if (v !== undefined && v !== '') params.set(k, String(v));
  const q = params.toString();
  return q ? `/tasks?${q}` : '/tasks';
}

/** Tasks: filters, sortable columns, one page of rows. */
export function tasksPage(
  ctx: PageContext,
  filter: TaskFilter,
  choices: TaskChoices,
  list: TaskListPage,
  scopeAgency: string | null,
): Html {
  const { w } = ctx;
  const tw = w.tasks;
  const statuses = Object.entries(t(ctx.lang).statusLabels);
  const sortHeader = (key: TaskFilter['sort'], label: string, cls = '') => {
    const active = filter.sort === key;
    const desc = active && !filter.desc;
    const aria = active ? (filter.desc ? 'descending' : 'ascending') : 'none';
    return html`<th scope="col" aria-sort="${aria}"${cls ? html` class="${cls}"` : ''}><a href="${listHref(filter, { sort: key, dir: desc ? 'desc' : undefined, page: undefined })}">${label}${active ? (filter.desc ? ' ▼' : ' ▲') : ''}</a></th>`;
  };
  const form = html`<form class="filters" method="get" action="/tasks" role="search" aria-label="${tw.filters}">
<div><label for="f-q">${tw.search}</label><input id="f-q" name="q" type="search" value="${filter.q ?? ''}"></div>
<div><label for="f-plan">${tw.plan}</label><select id="f-plan" name="plan">${option('', tw.any, filter.planId === undefined)}${choices.plans.map((p) => option(p.id, p.title, filter.planId === p.id))}</select></div>
<div><label for="f-group">${tw.group}</label><select id="f-group" name="group">${option('', tw.any, filter.groupId === undefined)}${choices.groups.map((g) => option(g.id, `${g.code}. ${g.title}`.slice(0, 90), filter.groupId === g.id))}</select></div>
<div><label for="f-status">${tw.status}</label><select id="f-status" name="status">${option('', tw.any, filter.status === undefined)}${statuses.map(([k, v]) => option(k, v, filter.status === k))}</select></div>
<div><label for="f-lead">${tw.lead}</label><select id="f-lead" name="lead">${option('', tw.any, filter.leadAgencyId === undefined)}${choices.agencies.map((a) => option(a.id, a.name, filter.leadAgencyId === a.id))}</select></div>
<div><label for="f-timing">${tw.timing}</label><select id="f-timing" name="timing">${option('', tw.any, filter.timing === undefined)}${option('overdue', tw.overdue, filter.timing === 'overdue')}${option('dueSoon', tw.dueSoon, filter.timing === 'dueSoon')}${option('silent', tw.silent, filter.timing === 'silent')}</select></div>
<div class="actions"><button type="submit">${tw.apply}</button><a href="/tasks">${tw.reset}</a></div>
</form>`;
  const rows = list.rows.map(
    (r) => html`<tr data-task="${r.code}">
<td data-label="${tw.code}"><a href="/tasks/${r.id}">${r.code}</a></td>
<td data-label="${tw.task}"><a href="/tasks/${r.id}">${r.title}</a></td>
<td data-label="${tw.lead}">${r.lead}</td>
<td data-label="${tw.due}">${r.dueDate ? day(r.dueDate) : r.deadlineRaw || '—'}</td>
<td data-label="${tw.status}">${statusLabel(ctx, r.status)}${r.progress === null ? '' : ` ${r.progress}%`}</td>
<td data-label="${tw.lastReport}">${r.lastReportAt ? when(r.lastReportAt) : html`<span class="muted">${w.never}</span>`}</td>
</tr>`,
  );
  const table =
    list.rows.length === 0
      ? html`<p>${tw.empty}</p>`
      : html`<div class="scroll"><table class="stack">
<thead><tr>${sortHeader('code', tw.code)}<th scope="col">${tw.task}</th><th scope="col">${tw.lead}</th>${sortHeader('due', tw.due)}${sortHeader('status', tw.status)}${sortHeader('lastReport', tw.lastReport)}</tr></thead>
<tbody>${rows}</tbody></table></div>`;
  const pager = html`<nav class="pager" aria-label="${tw.page(list.page, list.pages)}">
<span data-count="${list.total}">${tw.count(list.rows.length, list.total)} · ${tw.page(list.page, list.pages)}</span>
${list.page > 1 ? html`<a rel="prev" href="${listHref(filter, { page: list.page - 1 })}">${tw.previous}</a>` : ''}
${list.page < list.pages ? html`<a rel="next" href="${listHref(filter, { page: list.page + 1 })}">${tw.next}</a>` : ''}
</nav>`;
  return page(
    ctx,
    tw.title,
    'tasks',
    html`${scopeAgency ? html`<p class="notice">${tw.scope(scopeAgency)}</p>` : ''}${form}${pager}${table}`,
  );
}

/** A task: wording, deadline, agencies, extensions, reports timeline, reminders. */
export function taskPage(ctx: PageContext, task: TaskDetail): Html {
  const { w } = ctx;
  const tw = w.task;
  const lead = task.agencies.filter((a) => a.role === 'lead').map((a) => a.agency.name);
  const support = task.agencies.filter((a) => a.role === 'support').map((a) => a.agency.name);
  const name = (id: number | null) => (id === null ? '—' : (task.officerNames.get(id) ?? `#${id}`));
  const extensions =
    task.extensions.length === 0
      ? html`<p>${tw.none}</p>`
      : html`<div class="scroll"><table class="stack"><thead><tr><th scope="col">${tw.requested}</th><th scope="col">${tw.previousDue}</th><th scope="col">${tw.newDue}</th><th scope="col">${tw.reason}</th><th scope="col">${w.tasks.status}</th><th scope="col">${tw.decidedBy}</th></tr></thead><tbody>${task.extensions.map(
          (e) =>
            html`<tr><td data-label="${tw.requested}">${when(e.createdAt)}<br><span class="muted">${name(e.requestedBy)}</span></td><td data-label="${tw.previousDue}">${day(e.previousDue)}</td><td data-label="${tw.newDue}">${day(e.newDue)}</td><td data-label="${tw.reason}">${e.reason}</td><td data-label="${w.tasks.status}">${w.extensionStates[e.state]}</td><td data-label="${tw.decidedBy}">${e.decidedBy === null ? '—' : html`${name(e.decidedBy)}<br><span class="muted">${when(e.decidedAt)}</span>`}</td></tr>`,
        )}</tbody></table></div>`;
  const reports =
    task.reports.length === 0
      ? html`<p>${tw.none}</p>`
      : html`<ol class="timeline" reversed>${task.reports.map(
          (r) => html`<li data-report>
<strong>${r.status ? statusLabel(ctx, r.status) : '—'}${r.progress === null ? '' : ` · ${r.progress}%`}</strong>
<span class="muted"> — ${r.officer.name} (${r.officer.agency.name}), ${when(r.reportedAt)}, ${tw.channel}: ${r.channel}${r.supersededAt ? ` · ${tw.superseded}` : ''}</span>
${r.result ? html`<div>${tw.result}: ${r.result}</div>` : ''}
${r.blocker ? html`<div class="overdue">${tw.blocker}: ${r.blocker}</div>` : ''}
${r.evidenceKind ? html`<div>${tw.evidence}: ${r.evidenceKind}${r.evidenceSize === null ? '' : ` (${Math.ceil(r.evidenceSize / 1024)} KB)`} <span class="muted">${r.evidenceFileId ?? ''}</span></div>` : ''}
</li>`,
        )}</ol>`;
  const reminders =
    task.reminders.length === 0
      ? html`<p>${tw.none}</p>`
      : html`<div class="scroll"><table class="stack"><thead><tr><th scope="col">${tw.day}</th><th scope="col">${tw.kind}</th><th scope="col">${w.agencies.officer}</th><th scope="col">${tw.delivery}</th></tr></thead><tbody>${task.reminders.map(
          (r) =>
            html`<tr><td data-label="${tw.day}">${day(r.dueDay)}</td><td data-label="${tw.kind}">${r.kind}</td><td data-label="${w.agencies.officer}">${r.officer.name}</td><td data-label="${tw.delivery}">${w.reminderStates[r.state]}${r.delivery?.sentAt ? html` <span class="muted">(${r.delivery.channel}, ${when(r.delivery.sentAt)})</span>` : ''}</td></tr>`,
        )}</tbody></table></div>`;
  return page(
    ctx,
    `${task.code}. ${task.title}`,
    'tasks',
    html`<p class="muted">${task.plan.title}${task.group ? html` · ${task.group.code}. ${task.group.title}` : ''}</p>
<h2>${tw.wording}</h2>
<dl class="facts">
${task.objective ? html`<dt>${tw.objective}</dt><dd>${task.objective}</dd>` : ''}
${task.expectedOutput ? html`<dt>${tw.output}</dt><dd>${task.expectedOutput}</dd>` : ''}
<dt>${tw.deadlineWritten}</dt><dd>${task.deadlineRaw || '—'}</dd>
<dt>${tw.deadlineRead}</dt><dd>${day(task.dueDate)}${task.originalDueDate ? html` <span class="muted">(${tw.originalDue}: ${day(task.originalDueDate)})</span>` : ''}</dd>
<dt>${tw.lead}</dt><dd>${lead.length > 0 ? lead.join('; ') : task.leadRaw || '—'}</dd>
<dt>${tw.support}</dt><dd>${support.length > 0 ? support.join('; ') : task.supportRaw || '—'}</dd>
<dt>${tw.state}</dt><dd>${statusLabel(ctx, task.status)}${task.progress === null ? '' : ` · ${task.progress}%`}</dd>
</dl>
<h2>${tw.extensions}</h2>
${extensions}
<h2>${tw.reports} (${task.reports.length})</h2>
${reports}
<h2>${tw.reminders} (${task.reminders.length})</h2>
${reminders}`,
  );
}

/** Agencies: one row per lead agency; officers' reachability for admins. */
export function agenciesPage(
  ctx: PageContext,
  rows: readonly AgencyRow[],
  officers: readonly OfficerReach[] | null,
): Html {
  const { w } = ctx;
  const aw = w.agencies;
  const table = html`<div class="scroll"><table><thead><tr><th scope="col">${aw.agency}</th><th scope="col" class="num">${aw.tasks}</th><th scope="col" class="num">${aw.doneOnTime}</th><th scope="col" class="num">${aw.overdue}</th><th scope="col" class="num">${aw.answered}</th><th scope="col">${aw.lastReport}</th></tr></thead><tbody>${rows.map(
    (r) =>
      html`<tr><td><a href="/tasks?lead=${r.id}">${r.name}</a></td><td class="num">${r.tasks}</td><td class="num">${r.doneOnTime}</td><td class="num${r.overdue > 0 ? ' overdue' : ''}">${r.overdue}</td><td class="num">${r.reminders === 0 ? '—' : `${pct(r.answered / r.reminders)} (${r.answered}/${r.reminders})`}</td><td>${r.lastReportAt ? when(r.lastReportAt) : html`<span class="muted">${w.never}</span>`}</td></tr>`,
  )}</tbody></table></div>`;
  const reach = (state: string) =>
    state === 'reachable'
      ? html`<span class="ok">${aw.reachable}</span>`
      : state === 'unreachable'
        ? html`<span class="overdue">${aw.unreachable}</span>`
        : html`<span class="muted">${aw.notLinked}</span>`;
  const agencyName = new Map(rows.map((r) => [r.id, r.name]));
  const officersTable = officers
    ? html`<h2>${aw.officers}</h2><div class="scroll"><table><thead><tr><th scope="col">${aw.officer}</th><th scope="col">${aw.agency}</th><th scope="col">${aw.telegram}</th><th scope="col">${aw.zalo}</th></tr></thead><tbody>${officers.map(
        (o) =>
          html`<tr><td>${o.name}</td><td>${agencyName.get(o.agencyId) ?? '—'}</td><td>${reach(o.telegram)}</td><td>${
            o.zalo.state === 'open'
              ? html`<span class="ok">${aw.windowOpen(when(o.zalo.until))}</span>`
              : o.zalo.state === 'closed'
                ? html`<span class="overdue">${aw.windowClosed}</span>`
                : reach(o.zalo.state)
          }</td></tr>`,
      )}</tbody></table></div>`
    : '';
  return page(ctx, aw.title, 'agencies', html`${table}${officersTable}`);
}

/** Downloads: the digest XLSX and DOCX for a chosen period. */
export function downloadsPage(ctx: PageContext, today: string, error: string | null): Html {
  const dw = ctx.w.downloads;
  const kinds = (['weekly', 'monthly', 'quarterly'] as const).map((k) =>
    option(k, dw.kinds[k], k === 'weekly'),
  );
  const form = (
    format: 'xlsx' | 'docx',
    label: string,
  ) => html`<form class="filters" method="get" action="/downloads/digest.${format}">
<div><label for="k-${format}">${dw.kind}</label><select id="k-${format}" name="kind">${kinds}</select></div>
<div><label for="d-${format}">${dw.at}</label><input id="d-${format}" name="at" type="date" value="${today}" max="${today}" required></div>
<div><button type="submit">${label}</button></div>
</form>`;
  return page(
    ctx,
    dw.title,
    'downloads',
    html`${error ? html`<p class="error" role="alert">${error}</p>` : ''}<p>${dw.intro}</p>${form('xlsx', dw.xlsx)}<p></p>${form('docx', dw.docx)}`,
  );
}

/** Pending extension requests with Approve / Reject (admins). */
export function extensionsPage(
  ctx: PageContext,
  pending: readonly PendingExtension[],
  notice: string | null,
): Html {
  const { w } = ctx;
  const ew = w.extensions;
  const list =
    pending.length === 0
      ? html`<p>${ew.none}</p>`
      : html`<div class="scroll"><table class="stack"><thead><tr><th scope="col">${ew.task}</th><th scope="col">${w.task.previousDue}</th><th scope="col">${w.task.newDue}</th><th scope="col">${w.task.reason}</th><th scope="col">${ew.requestedBy}</th><th scope="col"><span class="skip">${ew.approve} / ${ew.reject}</span></th></tr></thead><tbody>${pending.map(
          (
            e,
          ) => html`<tr data-extension="${e.id}"><td data-label="${ew.task}"><a href="/tasks/${e.taskId}">${e.taskCode}</a> ${e.taskTitle}</td><td data-label="${w.task.previousDue}">${day(e.previousDue)}</td><td data-label="${w.task.newDue}">${day(e.newDue)}</td><td data-label="${w.task.reason}">${e.reason}</td><td data-label="${ew.requestedBy}">${e.requestedBy ?? '—'}<br><span class="muted">${when(e.createdAt)}</span></td>
<td><form method="post" action="/extensions/${e.id}" class="actions"><input type="hidden" name="csrf" value="${ctx.csrf}">
<button type="submit" name="decision" value="approve" aria-label="${ew.approve} ${e.taskCode}">${ew.approve}</button>
<button type="submit" name="decision" value="reject" class="reject" aria-label="${ew.reject} ${e.taskCode}">${ew.reject}</button></form></td></tr>`,
        )}</tbody></table></div>`;
  return page(
    ctx,
    ew.title,
    'extensions',
    html`${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}${list}`,
  );
}

/** A short page for a refused request (403, 404, CSRF) inside the signed-in shell. */
export function messagePage(ctx: PageContext, title: string, text: string): Html {
  return page(
    ctx,
    title,
    null,
    html`<p class="error" role="alert">${text}</p><p><a href="/">${ctx.w.nav.overview}</a></p>`,
  );
}
