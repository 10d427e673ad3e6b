/**
 * Progress by group as a horizontal stacked bar chart: SVG written by hand, PNG through resvg with the
 * DejaVu Sans fonts of the `dejavu-fonts-ttf` package (full Vietnamese coverage, no system fonts).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import type { DigestGroup, DigestModel, DigestRow } from '../../../domain/digest/digest-model.ts';
import type { DigestLocale } from '../../../domain/digest/digest-summary.ts';
import { isDoneStatus } from '../../../domain/reply/report-status.ts';
import { asOfText, groupTitle, roman } from './digest-labels.ts';

/** Width of the chart in pixels. */
export const CHART_WIDTH = 1000;
const TOP = 78;
const ROW = 58;
const BAR = 24;
const BAR_X = 20;
const BAR_W = 800;
/** Longest group label drawn (characters); longer titles end with "…". */
const LABEL_MAX = 120;

type Segment = 'done' | 'in_progress' | 'stuck' | 'not_started' | 'overdue';
const SEGMENTS: { key: Segment; color: string; vi: string; en: string }[] = [
  { key: 'done', color: '#2e7d32', vi: 'Hoàn thành', en: 'Done' },
  { key: 'in_progress', color: '#1e88e5', vi: 'Đang triển khai', en: 'In progress' },
  { key: 'stuck', color: '#f9a825', vi: 'Vướng mắc / chờ Trung ương', en: 'Blocked / waiting' },
  { key: 'not_started', color: '#bdbdbd', vi: 'Chưa triển khai', en: 'Not started' },
  { key: 'overdue', color: '#d32f2f', vi: 'Quá hạn', en: 'Overdue' },
];

/** Height of the chart in pixels for `groups` bars. */
export function chartHeight(groups: number): number {
  return TOP + Math.max(groups, 1) * ROW + 48;
}

/** Escapes text for SVG content and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** What the chart reads of a digest: its instant and, per group, the title, counts and each row's state. */
export type ChartModel = Pick<DigestModel, 'asOf'> & {
  groups: ReadonlyArray<
    Pick<DigestGroup, 'title' | 'totals'> & { rows: ReadonlyArray<Pick<DigestRow, 'status' | 'timing'>> }
  >;
};

function segmentsOf(group: ChartModel['groups'][number]): Record<Segment, number> {
  const counts: Record<Segment, number> = { done: 0, in_progress: 0, stuck: 0, not_started: 0, overdue: 0 };
  for (const row of group.rows) {
    if (isDoneStatus(row.status)) counts.done += 1;
    else if (row.timing === 'overdue') counts.overdue += 1;
    else if (row.status === 'in_progress' || row.status === 'piloting') counts.in_progress += 1;
    else if (row.status === 'not_started') counts.not_started += 1;
    else counts.stuck += 1;
  }
  return counts;
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** The chart as an SVG document (text escaped, font family DejaVu Sans). */
export function renderDigestChartSvg(model: ChartModel, locale: DigestLocale): string {
  const vi = locale === 'vi';
  const height = chartHeight(model.groups.length);
  const scale = BAR_W / Math.max(1, ...model.groups.map((g) => g.totals.tasks));
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${height}" viewBox="0 0 ${CHART_WIDTH} ${height}" font-family="DejaVu Sans">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="20" y="34" font-size="20" font-weight="bold">${escapeXml(vi ? 'Tiến độ theo nhóm — Đề án 06' : 'Progress by group — Đề án 06')}</text>`,
    `<text x="20" y="58" font-size="13" fill="#555555">${escapeXml(`${vi ? 'Số liệu tính đến' : 'Figures as of'} ${asOfText(model)}`)}</text>`,
  ];
  model.groups.forEach((group, i) => {
    const y = TOP + i * ROW;
    const label = `${roman(i + 1)}. ${groupTitle(group.title, locale)}`;
    out.push(
      `<text x="${BAR_X}" y="${y + 14}" font-size="13">${escapeXml(shorten(label, LABEL_MAX))}</text>`,
    );
    const barY = y + 22;
    const counts = segmentsOf(group);
    let x = BAR_X;
    for (const s of SEGMENTS) {
      const n = counts[s.key];
      if (n === 0) continue;
      const w = n * scale;
      out.push(
        `<rect x="${x.toFixed(1)}" y="${barY}" width="${w.toFixed(1)}" height="${BAR}" fill="${s.color}"/>`,
      );
      if (w >= 18) {
        out.push(
          `<text x="${(x + w / 2).toFixed(1)}" y="${barY + 17}" font-size="12" fill="#ffffff" text-anchor="middle" font-weight="bold">${n}</text>`,
        );
      }
      x += w;
    }
    out.push(
      `<text x="${(x + 8).toFixed(1)}" y="${barY + 17}" font-size="12" fill="#333333">${group.totals.done}/${group.totals.tasks} ${vi ? 'hoàn thành' : 'done'}</text>`,
    );
  });
  let lx = 20;
  const ly = height - 30;
  for (const s of SEGMENTS) {
    const text = vi ? s.vi : s.en;
    out.push(`<rect x="${lx}" y="${ly}" width="14" height="14" fill="${s.color}"/>`);
    out.push(`<text x="${lx + 20}" y="${ly + 12}" font-size="12">${escapeXml(text)}</text>`);
    lx += 20 + text.length * 7.5 + 24;
  }
  out.push('</svg>');
  return out.join('\n');
}

function fontFiles(): string[] {
  const dir = dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json'));
  return [join(dir, 'ttf', 'DejaVuSans.ttf'), join(dir, 'ttf', 'DejaVuSans-Bold.ttf')];
}

/** The chart as a PNG of {@link CHART_WIDTH} × {@link chartHeight} pixels. */
export function renderDigestPng(model: DigestModel, locale: DigestLocale): Buffer {
  const resvg = new Resvg(renderDigestChartSvg(model, locale), {
    fitTo: { mode: 'original' },
    font: { fontFiles: fontFiles(), loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}
