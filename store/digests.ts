/**
 * Digest rows: one per kind and period key (unique), created once, read back, marked sent.
 */
import type { DigestKind, DigestTotals } from '../domain/digest/digest-input.ts';
import type { DigestPeriod } from '../domain/digest/digest-period.ts';
import type { ReportStatus } from '../domain/reply/report-status.ts';
import type { Prisma, PrismaClient } from '../prisma/generated/client.ts';
import { type DigestContent, parseDigestContent, statusesSchema, totalsSchema } from './digest-content.ts';
import { isUniqueViolation } from './errors.ts';

/** A stored digest with its content revived. */
export interface StoredDigest {
  id: number;
  kind: DigestKind;
  periodKey: string;
  periodFrom: Date;
  periodTo: Date;
  asOf: Date;
  sentAt: Date | null;
  content: DigestContent;
}

function toStored(row: {
  id: number;
  kind: DigestKind;
  periodKey: string;
  periodFrom: Date;
  periodTo: Date;
  asOf: Date;
  sentAt: Date | null;
  content: Prisma.JsonValue;
}): StoredDigest {
  return { ...row, content: parseDigestContent(row.content) };
}

/** The digest of this kind and period, or null. */
export async function findDigest(
  db: PrismaClient,
  kind: DigestKind,
  periodKey: string,
): Promise<StoredDigest | null> {
  const row = await db.digest.findUnique({ where: { kind_periodKey: { kind, periodKey } } });
  return row ? toStored(row) : null;
}

/**
 * Stores a digest once: when the period already has one (another worker won the race), the stored
 * one is returned and `content` is dropped. With `replace`, the stored content is overwritten (a
 * forced rebuild); `sentAt` stays, since chats that received the period's digest are not sent it twice.
 */
export async function saveDigest(
  db: PrismaClient,
  input: { period: DigestPeriod; asOf: Date; content: unknown; replace?: boolean },
): Promise<{ digest: StoredDigest; created: boolean }> {
  const { period } = input;
  const data = {
    periodFrom: period.from,
    periodTo: period.to,
    asOf: input.asOf,
    content: input.content as Prisma.InputJsonValue,
  };
  const where = { kind_periodKey: { kind: period.kind, periodKey: period.key } };
  if (input.replace) {
    const row = await db.digest.upsert({
      where,
      create: { kind: period.kind, periodKey: period.key, ...data },
      update: data,
    });
    return { digest: toStored(row), created: true };
  }
  try {
    const row = await db.digest.create({ data: { kind: period.kind, periodKey: period.key, ...data } });
    return { digest: toStored(row), created: true };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const row = await db.digest.findUniqueOrThrow({ where });
    return { digest: toStored(row), created: false };
  }
}

/** Records that the digest was handed to the outbox for every committee chat. */
export async function markDigestSent(db: PrismaClient, id: number, at: Date): Promise<void> {
  await db.digest.update({ where: { id }, data: { sentAt: at } });
}

/** What the next digest compares with: the totals and per-task statuses of an earlier digest. */
export interface DigestBaseline {
  periodKey: string;
  totals: DigestTotals;
  statuses: Record<string, ReportStatus>;
}

/**
 * The latest digest of `kind` built before `asOf` for another period. Only the two small parts of
 * `content` are read (the stored snapshot can weigh megabytes on a large plan).
 */
export async function previousDigest(
  db: PrismaClient,
  kind: DigestKind,
  asOf: Date,
  periodKey: string,
): Promise<DigestBaseline | null> {
  const rows = await db.$queryRaw<Array<{ period_key: string; totals: unknown; statuses: unknown }>>`
    SELECT period_key, content -> 'totals' AS totals, content -> 'statuses' AS statuses
    FROM digest
    WHERE kind = ${kind}::"DigestKind" AND period_key <> ${periodKey} AND as_of < ${asOf}
    ORDER BY as_of DESC
    LIMIT 1`;
  const row = rows[0];
  if (!row) return null;
  const totals = totalsSchema.safeParse(row.totals);
  const statuses = statusesSchema.safeParse(row.statuses);
  // A row written by an older content version is no baseline rather than a failed digest.
  if (!totals.success || !statuses.success) return null;
  return { periodKey: row.period_key, totals: totals.data, statuses: statuses.data };
}

/** Each officer's language, for the digest chats that are officers' private chats. */
export async function officerLocales(
  db: PrismaClient,
  ids: readonly number[],
): Promise<Map<number, 'vi' | 'en'>> {
  if (ids.length === 0) return new Map();
  const rows = await db.officer.findMany({
    where: { id: { in: [...ids] } },
    select: { id: true, locale: true },
  });
  return new Map(rows.map((r) => [r.id, r.locale]));
}

/** The province named by the most recent plan that names one (for the draft report's heading). */
export async function planProvince(db: PrismaClient): Promise<string | null> {
  const plan = await db.plan.findFirst({
    where: { province: { not: null } },
    select: { province: true },
    orderBy: { id: 'desc' },
  });
  return plan?.province ?? null;
}
