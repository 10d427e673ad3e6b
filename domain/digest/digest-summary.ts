/**
 * The committee's one-sentence summary, in the words of the province's report ("hoàn thành 14/42 mô
 * hình (đạt tỷ lệ 33%), đang triển khai 20 mô hình, 08 mô hình đang chờ hướng dẫn của Trung ương").
 */
import { foldForMatch } from '../text/normalize-vietnamese.ts';
import type { DigestTotals } from './digest-input.ts';
import type { DigestNoun } from './digest-model.ts';

/** A display language. */
export type DigestLocale = 'vi' | 'en';

/** "mô hình" when every plan title speaks of models, else "nhiệm vụ"; no plan means tasks. */
export function nounOf(planTitles: readonly string[]): DigestNoun {
  const models = planTitles.length > 0 && planTitles.every((t) => foldForMatch(t).includes('mo hinh'));
  return models ? 'model' : 'task';
}

/** The noun in a locale: "mô hình" / "nhiệm vụ", "models" / "tasks". */
export function nounLabel(noun: DigestNoun, locale: DigestLocale): string {
  if (locale === 'vi') return noun === 'model' ? 'mô hình' : 'nhiệm vụ';
  return noun === 'model' ? 'models' : 'tasks';
}

/**
 * A ratio as a percentage with at most one decimal, in the locale's decimal mark:
 * 0.3333 -> "33,3%" (vi) / "33.3%" (en); 0.25 -> "25%". `digits` 0 rounds to whole percents.
 */
export function formatPercent(ratio: number, locale: DigestLocale, digits: 0 | 1 = 1): string {
  const factor = digits === 0 ? 1 : 10;
  const rounded = Math.round(Math.abs(ratio) * 100 * factor) / factor;
  const text = String(rounded);
  return `${locale === 'vi' ? text.replace('.', ',') : text}%`;
}

function changeText(change: number | null, locale: DigestLocale): string {
  if (change === null) return '';
  const points = formatPercent(change, locale).slice(0, -1);
  if (points === '0')
    return locale === 'vi' ? ', không đổi so với kỳ trước' : ', unchanged since the last digest';
  const up = change > 0;
  return locale === 'vi'
    ? `, ${up ? 'tăng' : 'giảm'} ${points} điểm % so với kỳ trước`
    : `, ${up ? 'up' : 'down'} ${points} points since the last digest`;
}

/**
 * The summary sentence, e.g. vi "Hoàn thành 14/42 mô hình (33%), đang triển khai 20, chờ hướng dẫn của
 * Trung ương 8; quá hạn 0 (0%)." Categories with no task are left out, except done and overdue.
 */
export function summaryLine(
  totals: DigestTotals,
  noun: DigestNoun,
  rate: number,
  change: number | null,
  locale: DigestLocale,
): string {
  const vi = locale === 'vi';
  const donePct = formatPercent(totals.tasks === 0 ? 0 : totals.done / totals.tasks, locale, 0);
  const head = vi
    ? `Hoàn thành ${totals.done}/${totals.tasks} ${nounLabel(noun, locale)} (${donePct})`
    : `Done ${totals.done}/${totals.tasks} ${nounLabel(noun, locale)} (${donePct})`;
  const parts: [number, string][] = [
    [totals.in_progress, vi ? 'đang triển khai' : 'in progress'],
    [totals.waiting_central, vi ? 'chờ hướng dẫn của Trung ương' : 'waiting for central guidance'],
    [totals.blocked, vi ? 'vướng mắc' : 'blocked'],
    [totals.not_started, vi ? 'chưa triển khai' : 'not started'],
  ];
  const rest = parts.filter(([n]) => n > 0).map(([n, label]) => `${label} ${n}`);
  const overdue = `${vi ? 'quá hạn' : 'overdue'} ${totals.overdue} (${formatPercent(rate, locale)}${changeText(change, locale)})`;
  const dateless =
    totals.without_deadline > 0
      ? `, ${vi ? 'không có thời hạn cụ thể' : 'without a date'} ${totals.without_deadline}`
      : '';
  return `${[head, ...rest].join(', ')}; ${overdue}${dateless}.`;
}
