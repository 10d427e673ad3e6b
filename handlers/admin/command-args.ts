/** zod schemas of command arguments: every command validates what it is given with these. */
import { z } from 'zod';
import { isCivilDate } from '../../domain/calendar/civil-date.ts';

/** A positive integer id typed in chat. */
export const idArg = z
  .string()
  .trim()
  .regex(/^\d{1,9}$/u)
  .transform(Number)
  .pipe(z.number().int().positive());

/** A day written dd/mm/yyyy (or d/m/yyyy, dashes or dots too), as YYYY-MM-DD. */
export const vnDateArg = z
  .string()
  .trim()
  .regex(/^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}$/u)
  .transform((s) => {
    const [d, m, y] = s.split(/[/.-]/u);
    return `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
  })
  .refine(isCivilDate);

/** A task reference: `12`, `#12`, or `<plan id>/<code>` when a code exists in several plans. */
export const taskRefArg = z
  .string()
  .trim()
  .regex(/^(?:\d{1,9}\/)?#?[\p{L}\p{N}.]{1,20}$/u)
  .transform((s) => {
    const slash = s.indexOf('/');
    return slash < 0
      ? { planId: undefined, code: s }
      : { planId: Number(s.slice(0, slash)), code: s.slice(slash + 1) };
  });

/** `<task> <dd/mm/yyyy> <reason>`, for extensions. */
export const extensionArgs = z
  .string()
  .trim()
  .transform((s) => {
    const [task = '', date = '', ...rest] = s.split(/\s+/u);
    return { task, date, reason: rest.join(' ') };
  })
  .pipe(z.object({ task: taskRefArg, date: vnDateArg, reason: z.string().trim().min(3).max(1000) }));

/** Text split on `|` into trimmed parts. */
export function pipeParts(text: string): string[] {
  return text.split('|').map((p) => p.trim());
}

/** First word (lower-cased, without diacritics) and the rest. */
export function subcommand(text: string): { sub: string; rest: string } {
  const match = /^(\S+)\s*([\s\S]*)$/u.exec(text.trim());
  const sub = (match?.[1] ?? '').normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/giu, 'd').toLowerCase();
  return { sub, rest: match?.[2]?.trim() ?? '' };
}
