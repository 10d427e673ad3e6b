/**
 * What a Digest row's `content` holds, and reading it back (JSON from the database is a boundary:
 * checked with zod, instants revived as `Date`s).
 *
 * `content` = `{ version: 1, totals, statuses, input }`: the digest's totals and each task's status
 * (what the next digest compares with), and the whole snapshot it was built from. `buildDigest` is
 * pure, so the stored input rebuilds exactly the digest that was stored, for sending it again later.
 */
import { z } from 'zod';
import type { DigestInput, DigestTotals } from '../domain/digest/digest-input.ts';
import { REPORT_STATUSES, type ReportStatus } from '../domain/reply/report-status.ts';

const DEADLINE_KINDS = [
  'date',
  'month',
  'quarter',
  'half_year',
  'year',
  'ongoing',
  'roadmap',
  'none',
] as const;

const status = z.enum(REPORT_STATUSES);
const instant = z.iso.datetime().transform((s) => new Date(s));
const count = z.number().int().nonnegative();

/** Totals as stored (the contract's keys). */
export const totalsSchema = z.object({
  tasks: count,
  done: count,
  in_progress: count,
  blocked: count,
  waiting_central: count,
  not_started: count,
  overdue: count,
  done_on_time: count,
  done_late: count,
  within_deadline: count,
  without_deadline: count,
}) satisfies z.ZodType<DigestTotals>;

/** Task id → status at the digest. */
export const statusesSchema = z.record(z.string(), status);

const inputSchema = z.object({
  kind: z.enum(['weekly', 'monthly', 'quarterly']),
  asOf: instant,
  period: z.object({ from: instant, to: instant }),
  previous: totalsSchema.nullable(),
  plans: z.array(z.object({ id: z.number(), title: z.string() })),
  groups: z.array(z.object({ planId: z.number(), code: z.string(), title: z.string() })),
  tasks: z.array(
    z.object({
      id: z.number(),
      planId: z.number(),
      code: z.string(),
      groupCode: z.string().nullable(),
      title: z.string(),
      lead: z.array(z.string()),
      deadline: z.object({
        raw: z.string(),
        kind: z.enum(DEADLINE_KINDS),
        due: z.string().nullable(),
        start: z.string().nullable(),
        recurring: z.boolean(),
      }),
      originalDue: z.string().nullable(),
      extended: z.boolean(),
      status,
      progress: z.number().nullable(),
      result: z.string().nullable(),
      blocker: z.string().nullable(),
      lastReportAt: instant.nullable(),
      doneAt: instant.nullable(),
      evidence: z
        .object({ fileId: z.string(), kind: z.string(), size: z.number().nullable() })
        .nullable()
        .optional(),
      previousStatus: status.nullable().optional(),
      needsAssignment: z.boolean().optional(),
    }),
  ),
  reports: z.array(
    z.object({
      taskId: z.number(),
      officerName: z.string(),
      agencyName: z.string(),
      status: status.nullable(),
      progress: z.number().nullable(),
      result: z.string().nullable(),
      blocker: z.string().nullable(),
      reportedAt: instant,
    }),
  ),
  reminders: z.array(
    z.object({
      officerId: z.number(),
      agencyName: z.string(),
      taskCode: z.string(),
      sentAt: instant,
      answered: z.boolean(),
    }),
  ),
  unreachable: z.array(
    z.object({ officerName: z.string(), agencyName: z.string(), channel: z.string().nullable() }),
  ),
  explanations: z
    .array(
      z.object({
        taskId: z.number(),
        requestedAt: instant,
        answer: z.string().nullable(),
        answeredAt: instant.nullable(),
      }),
    )
    .optional(),
});

const contentSchema = z.object({
  version: z.literal(1),
  totals: totalsSchema,
  statuses: statusesSchema,
  input: inputSchema,
});

/** The stored content, revived. */
export interface DigestContent {
  version: 1;
  totals: DigestTotals;
  statuses: Record<string, ReportStatus>;
  input: DigestInput;
}

/** The content to store for a digest built from `input` with these totals. */
export function digestContent(input: DigestInput, totals: DigestTotals): unknown {
  const statuses: Record<string, ReportStatus> = {};
  for (const task of input.tasks) statuses[String(task.id)] = task.status;
  // JSON round trip: Dates become ISO strings, undefined fields disappear.
  return JSON.parse(JSON.stringify({ version: 1, totals, statuses, input }));
}

/** Reads stored content back; throws a zod error naming the bad field when it is not a digest. */
export function parseDigestContent(json: unknown): DigestContent {
  return contentSchema.parse(json);
}
