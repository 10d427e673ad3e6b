/**
 * The inbound worker: handles stored inbound messages, in order per chat, in parallel across chats,
 * workers and processes. Each job names a chat; under that chat's lock ({@link createChatLock}) it hands
 * the chat's pending rows to the handler in id order and records each outcome. BullMQ's own groups are
 * a Pro feature: this is the open-source equivalent.
 *
 * Guarantees:
 * - One chat's messages never overtake each other: a later message waits while an earlier one waits for
 *   its retry.
 * - A handler that throws leaves the message pending with `retryAt` (backoff doubling from
 *   `retryDelayMs`); after `maxAttempts` it is `failed`, `onGaveUp` is called once (admins are told) and
 *   the chat goes on. `npm run cli -- inbound retry <id>` makes it pending again.
 * - A worker that dies mid-message: BullMQ runs the stalled job again after `lockDurationMs`, it takes its
 *   chat lock back, and the message is handled again (the handler's keys make that idempotent).
 * - PostgreSQL or Redis unreachable: the job fails and BullMQ retries it with backoff; nothing is lost,
 *   the rows stay pending (and the reconciler queues them again if Redis forgot the job).
 */
import { randomUUID } from 'node:crypto';
import { DelayedError, type Job, type RedisOptions, Worker } from 'bullmq';
import { type RedisOptions as IoRedisOptions, Redis } from 'ioredis';
import type { InboundHandler } from '../../handlers/inbound.ts';
import type { PrismaClient } from '../../prisma/generated/client.ts';
import { createGroupCommit, type GroupCommit } from '../../store/group-commit.ts';
import {
  type InboundOutcomeValue,
  type PendingInbound,
  pendingInboundOfChat,
  recordInboundFailure,
  setInboundOutcomes,
} from '../../store/inbound.ts';
import { INBOUND_QUEUE, type InboundJobData, inboundJobDataSchema } from '../catalog.ts';
import { type ChatLock, createChatLock, type MessageMark } from './chat-lock.ts';

export interface InboundWorkerLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface InboundWorkerOptions {
  db: PrismaClient;
  connection: RedisOptions;
  prefix: string;
  handler: InboundHandler;
  /** Called once when a message failed its last attempt (tell the admins). */
  onGaveUp?: (row: PendingInbound, error: unknown) => Promise<void>;
  /**
   * Messages handled at once by this worker (different chats). 32: the more chats at once, the more
   * callers share each statement (docs/performance.md, "Statements shared by concurrent chats").
   * @defaultValue 32
   */
  concurrency?: number;
  /** Attempts of one message before it is `failed`. @defaultValue 5 */
  maxAttempts?: number;
  /** First retry delay, doubled at each attempt. @defaultValue 2 000 */
  retryDelayMs?: number;
  /** BullMQ lock of a job (and TTL of the chat lock): how soon a dead worker's chat is taken over. @defaultValue 15 000 */
  lockDurationMs?: number;
  /** How often stalled jobs are looked for. @defaultValue 10 000 */
  stalledIntervalMs?: number;
  logger?: InboundWorkerLogger;
}

export interface InboundWorker {
  readonly worker: Worker<InboundJobData>;
  close(): Promise<void>;
}

/** Rows read per query while draining a chat. */
const PAGE = 20;

/** How a handled message ended, recorded by the worker's group commit. */
type Outcome = { id: number; outcome: InboundOutcomeValue };
type Outcomes = GroupCommit<Outcome>;
/** The messages a drain handled (their outcome committed, or given up on). */
interface Drained {
  handled: MessageMark[];
}

/** Starts a worker on the inbound queue. */
export function createInboundWorker(options: InboundWorkerOptions): InboundWorker {
  const connection = { ...options.connection, maxRetriesPerRequest: null };
  const redis = new Redis(connection as IoRedisOptions);
  const lockMs = options.lockDurationMs ?? 15_000;
  const lock = createChatLock(redis, options.prefix, lockMs);
  const outcomes = createGroupCommit<Outcome>((rows) => setInboundOutcomes(options.db, rows));
  const worker = new Worker<InboundJobData>(
    INBOUND_QUEUE,
    (job, token) => processChatJob(options, outcomes, lock, lockMs, job, token),
    {
      connection,
      prefix: options.prefix,
      concurrency: options.concurrency ?? 32,
      lockDuration: lockMs,
      stalledInterval: options.stalledIntervalMs ?? 10_000,
      maxStalledCount: 5,
    },
  );
  worker.on('failed', (job, error) => {
    options.logger?.warn({ err: error, jobId: job?.id }, 'inbound job failed; BullMQ retries it');
  });
  worker.on('error', (error) => options.logger?.error({ err: error }, 'inbound worker error'));
  return {
    worker,
    async close() {
      await worker.close();
      redis.disconnect();
    },
  };
}

/** One job: drain the chat under its lock, or leave it to the holder. */
async function processChatJob(
  options: InboundWorkerOptions,
  outcomes: Outcomes,
  lock: ChatLock,
  lockMs: number,
  job: Job<InboundJobData>,
  token: string | undefined,
): Promise<string> {
  const chat = inboundJobDataSchema.parse(job.data);
  const chatKey = `${chat.channel}-${chat.chatId}`;
  const holder = job.id ?? randomUUID();
  const acquired = await lock.acquire(chatKey, holder, chat.message);
  if (acquired === 'handled') return 'already handled';
  if (acquired === 'busy') return 'left to the chat holder';
  const keepAlive = setInterval(() => void lock.extend(chatKey, holder).catch(() => {}), lockMs / 3);
  let released = false;
  try {
    for (;;) {
      const drained: Drained = { handled: [] };
      const { retryAt } = await drainChat(options, outcomes, chat, drained);
      if (retryAt) {
        await lock.release(chatKey, holder, { force: true, handled: drained.handled });
        released = true;
        // Back later for the chat, whatever its own message: that one may be handled by then.
        const { message: _handled, ...chatOnly } = chat;
        await job.updateData(chatOnly);
        await job.moveToDelayed(retryAt.getTime(), token);
        throw new DelayedError();
      }
      const result = await lock.release(chatKey, holder, { handled: drained.handled });
      if (result !== 'again') {
        released = true;
        return 'drained';
      }
    }
  } finally {
    clearInterval(keepAlive);
    if (!released) await lock.release(chatKey, holder, { force: true }).catch(() => {});
  }
}

/**
 * Hands the chat's pending messages to the handler in id order. Stops at a message whose retry is due
 * later (returning when), after recording a failure that will be retried. Outcomes go to the group
 * commit without holding up the next message, and are all committed before the chat is read again or
 * left (a crash in between hands those messages to the handler again, which is idempotent).
 */
async function drainChat(
  options: InboundWorkerOptions,
  outcomes: Outcomes,
  chat: InboundJobData,
  drained: Drained,
): Promise<{ retryAt?: Date }> {
  for (;;) {
    const rows = await pendingInboundOfChat(options.db, chat, PAGE);
    const recorded: Promise<void>[] = [];
    const page: Drained = { handled: [] };
    try {
      const stop = await handleRows(options, outcomes, rows, recorded, page);
      if (stop) return stop;
    } finally {
      const failed = (await Promise.allSettled(recorded)).find((r) => r.status === 'rejected');
      // biome-ignore lint/correctness/noUnsafeFinally: an outcome not committed must fail the job (it is retried)
      if (failed) throw failed.reason;
      // Every outcome of the page is committed: its messages are handled.
      drained.handled.push(...page.handled);
    }
    if (rows.length < PAGE) return {};
  }
}

/** Handles one page of rows; answers when to come back if a retry is due later. */
async function handleRows(
  options: InboundWorkerOptions,
  outcomes: Outcomes,
  rows: readonly PendingInbound[],
  recorded: Promise<void>[],
  drained: Drained,
): Promise<{ retryAt: Date } | null> {
  const maxAttempts = options.maxAttempts ?? 5;
  const retryDelayMs = options.retryDelayMs ?? 2_000;
  for (const row of rows) {
    if (row.retryAt && row.retryAt.getTime() > Date.now()) return { retryAt: row.retryAt };
    let outcome: Awaited<ReturnType<InboundHandler['handle']>>;
    try {
      outcome = await options.handler.handle(row.message, row.id);
    } catch (error) {
      const attempts = row.attempts + 1;
      const detail = error instanceof Error ? error.message : String(error);
      const retryAt =
        attempts >= maxAttempts ? null : new Date(Date.now() + retryDelayMs * 2 ** (attempts - 1));
      options.logger?.error({ err: error, inboundId: row.id, attempts }, 'inbound message failed');
      await recordInboundFailure(options.db, row.id, { attempts, retryAt, detail });
      if (retryAt) return { retryAt };
      await options
        .onGaveUp?.(row, error)
        .catch((alertError: unknown) =>
          options.logger?.error({ err: alertError, inboundId: row.id }, 'could not tell the admins'),
        );
      drained.handled.push(markOf(row));
      continue;
    }
    const written = outcomes.add({ id: row.id, outcome: outcome === 'duplicate' ? 'ignored' : outcome });
    // Settled by drainChat; marked handled now, so that a failure meanwhile is no unhandled rejection.
    written.catch(() => {});
    recorded.push(written);
    drained.handled.push(markOf(row));
  }
  return null;
}

function markOf(row: PendingInbound): MessageMark {
  return { id: row.id, receivedAt: row.message.receivedAt.getTime() };
}
