/**
 * The dashboard's page shell: language, skip link, navigation for the reader's role, sign-out form, and
 * the one stylesheet (served at /assets/dashboard.css; no inline styles or scripts, so the Content
 * Security Policy can forbid both). Readable from 360 px: tables scroll inside their own box.
 */
import type { Messages } from '../../locales/index.ts';
import type { OfficerView } from '../../store/officers.ts';
import { type Html, html } from './html.ts';

export type WebWords = Messages['web']['page'];

export interface PageContext {
  w: WebWords;
  lang: 'vi' | 'en';
  officer: OfficerView;
  csrf: string;
  /** The path and query of this page (for the language switch). */
  path: string;
}

export const STYLESHEET = `
:root { --ink: #1b1f24; --muted: #4a525c; --line: #d0d7de; --bg: #f6f8fa; --accent: #0b5cad;
  --ok: #1b6e20; --warn: #8a5a00; --bad: #b3261e; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--ink); background: #fff; }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible { outline: 3px solid #f0b400; outline-offset: 2px; }
.skip { position: absolute; left: -9999px; } .skip:focus { left: 8px; top: 8px; background: #fff; padding: 8px; z-index: 10; }
header { background: #0b3d6e; color: #fff; padding: 8px 12px; }
header a, header button.link { color: #fff; }
header .top { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; justify-content: space-between; }
header .site { font-weight: bold; font-size: 1.1rem; color: #fff; text-decoration: none; }
nav ul { list-style: none; margin: 8px 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 14px; }
nav a[aria-current="page"] { font-weight: bold; text-decoration-thickness: 3px; }
.who { font-size: .9rem; display: flex; gap: 10px; align-items: center; flex-wrap: wrap; }
.who form { display: inline; margin: 0; }
button.link { background: none; border: 0; padding: 0; font: inherit; text-decoration: underline; cursor: pointer; }
main { padding: 12px; max-width: 1200px; margin: 0 auto; }
h1 { font-size: 1.5rem; margin: .3em 0 .5em; } h2 { font-size: 1.2rem; margin: 1.2em 0 .4em; }
.summary { font-size: 1.05rem; background: var(--bg); border-left: 4px solid var(--accent); padding: 8px 12px; }
.muted { color: var(--muted); }
dl.totals { display: grid; grid-template-columns: repeat(auto-fill, minmax(140px, 1fr)); gap: 8px; margin: 0; }
dl.totals div { border: 1px solid var(--line); border-radius: 6px; padding: 8px; }
dl.totals dt { font-size: .85rem; color: var(--muted); } dl.totals dd { margin: 0; font-size: 1.4rem; font-weight: bold; }
dl.facts dt { font-weight: 600; } dl.facts dd { margin: 0 0 8px; }
.overdue { color: var(--bad); } .ok { color: var(--ok); }
figure { margin: 0; } figure svg { width: 100%; height: auto; max-width: 1000px; border: 1px solid var(--line); }
.scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); }
th { background: var(--bg); } td.num, th.num { text-align: right; white-space: nowrap; }
.bar { display: inline-block; height: 10px; background: var(--bad); vertical-align: middle; }
form.filters { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 8px 12px; align-items: end;
  background: var(--bg); padding: 10px; border-radius: 6px; }
form.filters label, form.stack label { display: block; font-size: .9rem; font-weight: 600; }
input, select, button { font: inherit; padding: 6px 8px; border: 1px solid #8c959f; border-radius: 4px; width: 100%; min-height: 40px; }
button { background: var(--accent); color: #fff; border-color: var(--accent); cursor: pointer; width: auto; }
button.reject { background: var(--bad); border-color: var(--bad); }
.actions { display: flex; gap: 8px; flex-wrap: wrap; }
.pager { display: flex; gap: 16px; align-items: center; margin: 12px 0; flex-wrap: wrap; }
.timeline { list-style: none; padding: 0; margin: 0; }
.timeline li { border-left: 3px solid var(--accent); padding: 4px 0 10px 12px; margin-left: 4px; }
.notice { padding: 8px 12px; border: 1px solid var(--line); background: #eef6ee; border-radius: 6px; }
.error { padding: 8px 12px; border: 1px solid var(--bad); background: #fdecea; border-radius: 6px; }
.status-done, .status-done_maintained { color: var(--ok); font-weight: 600; }
.status-blocked, .status-waiting_central { color: var(--warn); font-weight: 600; }
@media (max-width: 600px) { main { padding: 8px; } h1 { font-size: 1.3rem; } th, td { padding: 5px 6px; }
  table.stack thead { position: absolute; left: -9999px; }
  table.stack tr { display: block; border: 1px solid var(--line); border-radius: 6px; margin-bottom: 10px; padding: 4px 0; }
  table.stack td { display: block; border: 0; padding: 3px 10px; }
  table.stack td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; color: var(--muted); } }
`;

type NavKey = 'overview' | 'tasks' | 'agencies' | 'downloads' | 'extensions';

const NAV: Array<{ key: NavKey; href: string; roles: ReadonlyArray<OfficerView['role']> }> = [
  { key: 'overview', href: '/', roles: ['committee', 'admin'] },
  { key: 'tasks', href: '/tasks', roles: ['officer', 'committee', 'admin'] },
  { key: 'agencies', href: '/agencies', roles: ['committee', 'admin'] },
  { key: 'downloads', href: '/downloads', roles: ['committee', 'admin'] },
  { key: 'extensions', href: '/extensions', roles: ['admin'] },
];

/** The path with `lang` set to the other language (the switch's target). */
function switchHref(path: string, lang: string): string {
  const url = new URL(path, 'http://x');
  url.searchParams.set('lang', lang);
  return `${url.pathname}${url.search}`;
}

/** A whole page for a signed-in reader. */
export function page(ctx: PageContext, title: string, current: NavKey | null, body: Html): Html {
  const { w, officer } = ctx;
  const items = NAV.filter((n) => n.roles.includes(officer.role)).map(
    (n) =>
      html`<li><a href="${n.href}"${n.key === current ? html` aria-current="page"` : ''}>${w.nav[n.key]}</a></li>`,
  );
  return document(
    ctx.lang,
    `${title} — ${w.siteTitle}`,
    html`<header>
  <div class="top">
    <a class="site" href="/">${w.siteTitle}</a>
    <div class="who">
      <span>${w.signedInAs(officer.name, officer.agencyName)}</span>
      <a href="${switchHref(ctx.path, w.switchLanguageCode)}" lang="${w.switchLanguageCode}">${w.switchLanguage}</a>
      <form method="post" action="/logout"><input type="hidden" name="csrf" value="${ctx.csrf}"><button class="link" type="submit">${w.signOut}</button></form>
    </div>
  </div>
  <nav aria-label="${w.siteTitle}"><ul>${items}</ul></nav>
</header>
<main id="main">
<h1>${title}</h1>
${body}
</main>`,
    w.skip,
  );
}

/** A page without navigation (sign-in help, refused link). */
export function bare(lang: 'vi' | 'en', w: WebWords, title: string, body: Html): Html {
  return document(
    lang,
    `${title} — ${w.siteTitle}`,
    html`<header><div class="top"><span class="site">${w.siteTitle}</span></div></header>
<main id="main"><h1>${title}</h1>${body}</main>`,
    w.skip,
  );
}

function document(lang: string, title: string, body: Html, skip: string): Html {
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<link rel="stylesheet" href="/assets/dashboard.css">
</head>
<body>
<a class="skip" href="#main">${skip}</a>
${body}
</body>
</html>`;
}
