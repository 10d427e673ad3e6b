/**
 * The digest as chat messages for a phone: plain text (the channel adapters escape it), split at task
 * boundaries.
 */
import type { DigestModel } from '../../../domain/digest/digest-model.ts';
import type { DigestLocale } from '../../../domain/digest/digest-summary.ts';
import { statusLabel } from '../../../domain/reply/report-status.ts';
import { asOfText, dmy, instantDmy, responsibleText, WORDS } from './digest-labels.ts';
import { splitMessages, type TextSection } from './split-messages.ts';

function section(title: string, items: readonly string[]): TextSection[] {
  return items.length === 0
    ? []
    : [{ lines: [`${title} (${items.length}):`, ...items.map((i) => `• ${i}`)] }];
}

/** The sections of the digest, in reading order. */
export function digestTextSections(model: DigestModel, locale: DigestLocale): TextSection[] {
  const w = WORDS[locale];
  const agencies = (lead: readonly string[]): string => responsibleText(lead, locale);
  const lastReport = (at: Date | null): string =>
    at === null ? w.never : `${w.lastReport} ${instantDmy(at)}`;
  const silent = (s: DigestModel['silentThisMonth'][number]): string =>
    `${s.code}. ${s.title} — ${agencies(s.lead)} — ${lastReport(s.lastReportAt)}`;
  return [
    { lines: [`${w.title[model.kind]} ${w.plan} — ${w.asOf} ${asOfText(model)}`, model.summary[locale]] },
    ...section(
      w.overdue,
      model.overdue.map(
        (o) =>
          `${o.code}. ${o.title} — ${w.overdueDays(o.daysOverdue)} (${w.due} ${dmy(o.due)}) — ${agencies(o.lead)}`,
      ),
    ),
    ...section(
      w.blockers,
      model.blockers.map(
        (b) =>
          `${b.code}. ${b.title}: “${b.text}” — ${b.officerName} (${b.agencyName}), ${instantDmy(b.reportedAt)}`,
      ),
    ),
    ...section(
      w.dueSoon,
      model.dueSoon.map(
        (d) =>
          `${d.code}. ${d.title} — ${w.due} ${dmy(d.due)} (${w.daysLeft(d.daysLeft)}) — ${agencies(d.lead)}`,
      ),
    ),
    ...section(
      w.silentAgencies,
      model.silentAgencies.map(
        (a) => `${a.agencyName} — ${w.reminders(a.reminders)}, ${w.tasks} ${a.taskCodes.join(', ')}`,
      ),
    ),
    ...section(
      w.changes,
      model.changes.map((c) => {
        const move =
          c.kind === 'newly_overdue' || c.from === null
            ? ''
            : ` (${statusLabel(c.from, locale)} → ${statusLabel(c.to, locale)})`;
        return `${c.code}. ${c.title}: ${w.change[c.kind]}${move}`;
      }),
    ),
    ...section(
      w.needsAssignment,
      model.needsAssignment.map((s) => `${s.code}. ${s.title} — ${agencies(s.lead)}`),
    ),
    ...section(w.silentTasks, model.silentThisMonth.map(silent)),
    ...section(w.silentDateless, model.silentDateless.map(silent)),
    ...section(
      w.unreachable,
      model.unreachable.map((u) => `${u.officerName} (${u.agencyName}) — ${u.channel ?? w.noChannel}`),
    ),
  ];
}

/**
 * The digest as plain-text chat messages of at most `maxLength` characters each: the summary line
 * first, then overdue tasks (days and lead agencies), blockers verbatim with who reported them, tasks
 * due soon, silent agencies, changes, silent tasks and unreachable officers. Messages are split only
 * between lines; a single line longer than `maxLength` is cut at a word boundary.
 */
export function renderDigestText(model: DigestModel, locale: DigestLocale, maxLength: number): string[] {
  return splitMessages(digestTextSections(model, locale), maxLength);
}
