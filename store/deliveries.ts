/**
 * The outbox ledger in PostgreSQL: one Delivery row per outgoing message (unique dedupKey) and one
 * DeliveryAttempt row for every attempt, whatever its outcome. `Delivery.attempts` always equals the
 * number of its attempt rows. `channel`/`chatId` hold the address currently being tried: a fallback
 * moves them to the next address.
 */
import { maskSensitiveDeep } from '../domain/reply/mask-sensitive.ts';
import {
  type ChannelKind,
  type Delivery,
  type DeliveryAttempt,
  type DeliveryState,
  Prisma,
  type PrismaClient,
} from '../prisma/generated/client.ts';
import { rawExecute, rawRows } from './direct-sql.ts';

export type { Delivery, DeliveryAttempt, DeliveryState };

/** A delivery to store. */
export interface NewDelivery {
  dedupKey: string;
  kind: string;
  officerId: number | null;
  channel: ChannelKind;
  chatId: string;
  payload: Prisma.InputJsonValue;
}

/** What one attempt gave (`outcome`: sent, rate-limited, transient, permanent, not-reachable, ...). */
export interface AttemptRecord {
  outcome: string;
  error?: string | null;
  retryAfterMs?: number | null;
}

/** Delivery states that may still be (re)sent. */
export const OPEN_STATES: readonly DeliveryState[] = ['pending', 'sending'];

/**
 * Inserts the rows whose dedupKey is new (INSERT ... ON CONFLICT DO NOTHING) and returns only those,
 * with their ids. A key seen before, or twice in `rows`, is skipped.
 */
export async function createDeliveries(
  db: PrismaClient,
  rows: readonly NewDelivery[],
): Promise<{ id: number; dedupKey: string; jobKey: string }[]> {
  if (rows.length === 0) return [];
  const col = <T>(pick: (r: NewDelivery) => T) => rows.map(pick);
  // Raw SQL: the payload is masked here, as the client's extension masks `delivery.payload` writes.
  return await rawRows<{ id: number; dedupKey: string; jobKey: string }>(
    db,
    Prisma.sql`
    INSERT INTO delivery (dedup_key, kind, officer_id, channel, chat_id, payload)
    SELECT k, kd, o, c::"ChannelKind", ch, p::jsonb
    FROM unnest(${col((r) => r.dedupKey)}::text[], ${col((r) => r.kind)}::text[],
                ${col((r) => r.officerId)}::int[], ${col((r) => r.channel)}::text[], ${col((r) => r.chatId)}::text[],
                ${col((r) => JSON.stringify(maskSensitiveDeep(r.payload)))}::text[])
      AS x(k, kd, o, c, ch, p)
    ON CONFLICT (dedup_key) DO NOTHING
    RETURNING id, dedup_key AS "dedupKey", job_key::text AS "jobKey"`,
  );
}

/** A delivery claimed for sending, with what the send needs (see {@link claimForSending}). */
export interface ClaimedDelivery {
  id: number;
  kind: string;
  officerId: number | null;
  channel: ChannelKind;
  chatId: string;
  payload: unknown;
  /** The reminders it carries, with their tasks' latest report (only for `kind` reminder, else empty). */
  reminders: CarriedReminder[];
}

/** What {@link claimForSending} found. */
export type ClaimResult =
  | { found: 'missing' }
  | { found: 'other-lifetime' }
  | { found: 'settled'; state: DeliveryState }
  | { found: 'claimed'; delivery: ClaimedDelivery };

interface ClaimRow {
  id: number;
  state: DeliveryState;
  job_key: string;
  claimed: boolean;
  kind: string | null;
  officer_id: number | null;
  channel: ChannelKind | null;
  chat_id: string | null;
  payload: unknown;
  reminders:
    | { id: number; taskId: number; code: string; plannedAt: string; lastReportAt: string | null }[]
    | null;
}

/**
 * Claims delivery `id` for sending and loads what the send needs, in ONE statement: the row moves to
 * `sending` when it is open (pending, or an interrupted `sending`) and its job key is `jobKey` (when
 * given), and comes back with its address, payload and, for a reminder, the reminders it carries with
 * their tasks' latest report. Otherwise nothing changes and the answer says why.
 */
export async function claimForSending(
  db: PrismaClient,
  id: number,
  jobKey: string | undefined,
): Promise<ClaimResult> {
  const [result] = await claimManyForSending(db, [{ id, jobKey }]);
  return result ?? { found: 'missing' };
}

/**
 * {@link claimForSending} for many deliveries in ONE statement (the worker batches the claims of jobs
 * that start together); one answer per request, in order. The ids must be distinct.
 */
export async function claimManyForSending(
  db: PrismaClient,
  requests: readonly { id: number; jobKey: string | undefined }[],
): Promise<ClaimResult[]> {
  if (requests.length === 0) return [];
  const rows = await rawRows<ClaimRow>(
    db,
    Prisma.sql`
    WITH req AS (
      SELECT * FROM unnest(${requests.map((r) => r.id)}::int[], ${requests.map((r) => r.jobKey ?? null)}::text[])
        AS r(id, job_key)
    ),
    target AS (SELECT d.id, d.state, d.job_key FROM delivery d JOIN req ON req.id = d.id),
    claimed AS (
      UPDATE delivery d SET state = 'sending'
      FROM req
      WHERE d.id = req.id AND d.state IN ('pending', 'sending')
        AND (req.job_key IS NULL OR d.job_key::text = req.job_key)
      RETURNING d.id, d.kind, d.officer_id, d.channel, d.chat_id, d.payload
    )
    SELECT t.id, t.state::text AS state, t.job_key::text AS job_key, c.id IS NOT NULL AS claimed, c.kind, c.officer_id,
      c.channel::text AS channel, c.chat_id, c.payload,
      CASE WHEN c.kind = 'reminder' THEN (
        SELECT coalesce(json_agg(json_build_object('id', r.id, 'taskId', r.task_id, 'code', tk.code,
          'plannedAt', r.created_at, 'lastReportAt', tk.last_report_at)), '[]'::json)
        FROM reminder r JOIN task tk ON tk.id = r.task_id WHERE r.delivery_id = c.id) END AS reminders
    FROM target t LEFT JOIN claimed c ON c.id = t.id`,
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  return requests.map(({ id, jobKey }): ClaimResult => {
    const row = byId.get(id);
    if (!row) return { found: 'missing' };
    if (!row.claimed) {
      if (jobKey !== undefined && row.job_key !== jobKey) return { found: 'other-lifetime' };
      return { found: 'settled', state: row.state };
    }
    return {
      found: 'claimed',
      delivery: {
        id,
        kind: row.kind ?? '',
        officerId: row.officer_id,
        channel: row.channel!,
        chatId: row.chat_id ?? '',
        payload: row.payload,
        reminders: (row.reminders ?? []).map((r) => ({
          id: r.id,
          taskId: r.taskId,
          code: r.code,
          plannedAt: new Date(r.plannedAt),
          lastReportAt: r.lastReportAt === null ? null : new Date(r.lastReportAt),
        })),
      },
    };
  });
}

/**
 * Records many successful sends in ONE statement (the worker's group commit): an attempt row each, the
 * deliveries `sent`, and the reminders they carry `sent` (suppressed ones stay suppressed).
 */
export async function recordSentMany(
  db: PrismaClient,
  sent: readonly { id: number; platformMessageId: string; at: Date }[],
): Promise<void> {
  if (sent.length === 0) return;
  await rawExecute(
    db,
    Prisma.sql`
    WITH s AS (
      SELECT * FROM unnest(${sent.map((s) => s.id)}::int[], ${sent.map((s) => s.platformMessageId)}::text[],
        ${sent.map((s) => s.at.toISOString())}::timestamptz[]) AS s(id, pmid, at)
    ),
    attempt AS (
      INSERT INTO delivery_attempt (delivery_id, at, outcome) SELECT id, at, 'sent' FROM s
    ),
    delivery_sent AS (
      UPDATE delivery d SET state = 'sent', sent_at = s.at, platform_message_id = s.pmid, last_error = NULL,
        attempts = d.attempts + 1
      FROM s WHERE d.id = s.id
    )
    UPDATE reminder r SET state = 'sent' FROM s WHERE r.delivery_id = s.id AND r.state <> 'suppressed'`,
  );
}

/** Moves a pending (or interrupted `sending`) delivery to `sending`; false when it is already settled. */
export async function claimDelivery(db: PrismaClient, id: number): Promise<boolean> {
  const { count } = await db.delivery.updateMany({
    where: { id, state: { in: [...OPEN_STATES] } },
    data: { state: 'sending' },
  });
  return count === 1;
}

function attemptRow(deliveryId: number, attempt: AttemptRecord) {
  return {
    deliveryId,
    outcome: attempt.outcome,
    error: attempt.error ?? null,
    retryAfterMs: attempt.retryAfterMs ?? null,
  };
}

async function record(
  db: PrismaClient,
  id: number,
  attempt: AttemptRecord,
  data: Prisma.DeliveryUpdateInput,
): Promise<void> {
  // The reminders a delivery carries follow its final state, so that Reminder.state tells what reached
  // the officer (sent) and what could not (undeliverable / failed).
  const final =
    data.state === 'sent'
      ? 'sent'
      : data.state === 'undeliverable'
        ? 'undeliverable'
        : data.state === 'failed'
          ? 'failed'
          : null;
  await db.$transaction([
    db.deliveryAttempt.create({ data: attemptRow(id, attempt) }),
    db.delivery.update({ where: { id }, data: { ...data, attempts: { increment: 1 } } }),
    ...(final
      ? [
          db.reminder.updateMany({
            where: { deliveryId: id, state: { not: 'suppressed' } },
            data: { state: final },
          }),
        ]
      : []),
  ]);
}

/** Records an attempt that will be retried; the delivery goes back to `pending`. */
export async function recordRetry(db: PrismaClient, id: number, attempt: AttemptRecord): Promise<void> {
  await record(db, id, attempt, { state: 'pending', lastError: attempt.error ?? attempt.outcome });
}

/** Records the last attempt of a delivery that gave up: `failed` (default) or `undeliverable`. */
export async function recordGaveUp(
  db: PrismaClient,
  id: number,
  attempt: AttemptRecord,
  state: 'failed' | 'undeliverable' = 'failed',
): Promise<void> {
  await record(db, id, attempt, { state, lastError: attempt.error ?? attempt.outcome });
}

/** Records a refused attempt and points the delivery at the next (fallback) address, back to `pending`. */
export async function recordRedirect(
  db: PrismaClient,
  id: number,
  attempt: AttemptRecord,
  next: { channel: ChannelKind; chatId: string },
): Promise<void> {
  await record(db, id, attempt, {
    state: 'pending',
    channel: next.channel,
    chatId: next.chatId,
    lastError: attempt.error ?? attempt.outcome,
  });
}

/** Sets ChannelIdentity.unreachableSince for a chat (kept when already set); returns rows changed. */
export async function markChatUnreachable(
  db: PrismaClient,
  address: { channel: ChannelKind; chatId: string },
  at: Date = new Date(),
): Promise<number> {
  const { count } = await db.channelIdentity.updateMany({
    where: { channel: address.channel, chatId: address.chatId, unreachableSince: null },
    data: { unreachableSince: at },
  });
  return count;
}

/**
 * Pending or sending deliveries created before `olderThan` with an id above `afterId`, by id (one page of
 * the reconciler's walk over every open delivery).
 */
export async function listOpenDeliveries(
  db: PrismaClient,
  options: { olderThan: Date; afterId?: number; limit?: number },
): Promise<Delivery[]> {
  return await db.delivery.findMany({
    where: {
      state: { in: [...OPEN_STATES] },
      createdAt: { lt: options.olderThan },
      id: { gt: options.afterId ?? 0 },
    },
    orderBy: { id: 'asc' },
    take: options.limit ?? 500,
  });
}

/** Failed deliveries, newest first; with `includeUndeliverable`, undeliverable ones too. */
export async function listFailedDeliveries(
  db: PrismaClient,
  options: { limit?: number; includeUndeliverable?: boolean } = {},
): Promise<Delivery[]> {
  const states: DeliveryState[] = options.includeUndeliverable ? ['failed', 'undeliverable'] : ['failed'];
  return await db.delivery.findMany({
    where: { state: { in: states } },
    orderBy: { createdAt: 'desc' },
    take: options.limit ?? 100,
  });
}

/** The attempts of one delivery, oldest first. */
export async function listAttempts(db: PrismaClient, deliveryId: number): Promise<DeliveryAttempt[]> {
  return await db.deliveryAttempt.findMany({ where: { deliveryId }, orderBy: { id: 'asc' } });
}

/** A reminder a delivery carries, with what is needed to tell whether it is still true. */
export interface CarriedReminder {
  id: number;
  taskId: number;
  code: string;
  /** When the reminder was planned. */
  plannedAt: Date;
  /** The task's latest report (any officer), or null. */
  lastReportAt: Date | null;
}

/**
 * Drops reminders that are no longer true before their delivery goes out: they become `suppressed`. With
 * `payload`, the delivery's message is replaced (the rest of its reminders still go out); without, the
 * delivery is `cancelled` (nothing left to say). One transaction; the attempt is recorded.
 */
export async function withdrawReminders(
  db: PrismaClient,
  deliveryId: number,
  reminderIds: readonly number[],
  payload: Prisma.InputJsonValue | null,
): Promise<void> {
  const outcome = payload === null ? 'cancelled' : 'trimmed';
  await db.$transaction([
    db.reminder.updateMany({ where: { id: { in: [...reminderIds] } }, data: { state: 'suppressed' } }),
    ...(payload === null
      ? [
          db.deliveryAttempt.create({ data: attemptRow(deliveryId, { outcome }) }),
          db.delivery.update({
            where: { id: deliveryId },
            data: {
              state: 'cancelled',
              attempts: { increment: 1 },
              lastError: 'every task reported meanwhile',
            },
          }),
        ]
      : [db.delivery.update({ where: { id: deliveryId }, data: { payload } })]),
  ]);
}
