/**
 * What the outbox worker does with one job: claim the Delivery and load it (one statement), skip it when
 * settled, pace the chat, pass the platform's send gate, send through the channel, and record the
 * outcome. Every attempt leaves a DeliveryAttempt row.
 */
import { DelayedError, type Job, UnrecoverableError, Worker } from 'bullmq';
import { z } from 'zod';
import type { Channel, ChannelAddress, ChannelId, SendResult } from '../../handlers/channel.ts';
import type { PrismaClient } from '../../prisma/generated/client.ts';
import {
  type ClaimedDelivery,
  type ClaimResult,
  claimDelivery,
  claimForSending,
  markChatUnreachable,
  recordGaveUp,
  recordRedirect,
  recordRetry,
} from '../../store/deliveries.ts';
import { moveChat } from '../../store/identities.ts';
import { outboxJobDataSchema as jobDataSchema, type OutboxJobData } from '../catalog.ts';
import type { RateGate } from '../redis-rate-gate.ts';
import type { ChatPacer } from './chat-pacer.ts';
import type { DeliveryLock } from './delivery-lock.ts';
import { type OutboxPayload, outboxPayloadSchema, sameAddress } from './outbox-payload.ts';
import { refreshReminder } from './refresh-reminder.ts';

/** What a processed job returns (kept in BullMQ as the job's result). */
export type DeliveryOutcome =
  | { state: 'sent'; platformMessageId: string; chatId: string }
  | { state: 'undeliverable' }
  | { state: 'skipped'; because: string };

export interface ProcessDeps {
  db: PrismaClient;
  channels: ReadonlyMap<ChannelId, Channel>;
  pacer: ChatPacer;
  lock: DeliveryLock;
  /** Minimum spacing of sends to one chat (0 = none). */
  intervalFor(address: ChannelAddress): number;
  /**
   * The platform-wide send gate (shared by every process), passed right before each send, per channel;
   * none: no limit.
   */
  gate?: RateGate;
  /** Records a successful send (a group commit: several sends recorded by one statement). */
  recordSent(id: number, platformMessageId: string): Promise<void>;
  /** Claims and loads a delivery ({@link claimForSending}); the worker batches the claims. */
  claim?(id: number, jobKey: string | undefined): Promise<ClaimResult>;
  /** Told when a send found a chat newly unreachable (blocked, kicked, not found): alert the admins. */
  onChatUnreachable?: (address: ChannelAddress) => void;
  /** TTL of the per-delivery lock. @defaultValue {@link LOCK_TTL_MS} */
  lockTtlMs?: number;
}

/** Job data; `pace` marks a slot this job already reserved before it was delayed to it. */
type JobData = OutboxJobData;

const LOCK_TTL_MS = 120_000;
const LOCK_BUSY_RETRY_MS = 2_000;

const chatKey = (a: ChannelAddress) => `${a.channel}-${a.chatId}`;
const describe = (a: ChannelAddress, detail: string) => `${a.channel}:${a.chatId} ${detail}`;

const withoutPace = (data: JobData): OutboxJobData =>
  data.jobKey === undefined
    ? { deliveryId: data.deliveryId }
    : { deliveryId: data.deliveryId, jobKey: data.jobKey };

async function delayJob(job: Job, token: string | undefined, ms: number): Promise<never> {
  await job.moveToDelayed(Date.now() + ms, token);
  throw new DelayedError();
}

async function safeSend(channel: Channel, to: ChannelAddress, payload: OutboxPayload): Promise<SendResult> {
  try {
    return await channel.send(to, payload.message);
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { ok: false, reason: 'permanent', detail: `adapter threw ${message}` };
  }
}

/** Creates the processor of outbox jobs. */
export function createDeliveryProcessor(deps: ProcessDeps) {
  const { db } = deps;

  /** Waits for this chat's slot: goes on when the slot is now (or was reserved earlier), else delays the job. */
  async function pace(job: Job<OutboxJobData>, data: JobData, token: string | undefined, to: ChannelAddress) {
    const interval = deps.intervalFor(to);
    if (interval <= 0) return;
    const chat = chatKey(to);
    const grace = Math.min(250, interval / 4);
    const reserved = data.pace;
    if (reserved) {
      data.pace = undefined;
      await job.updateData(withoutPace(data));
      if (reserved.chat === chat && Math.abs(Date.now() - reserved.at) <= grace) return;
    }
    const waitMs = await deps.pacer.reserve(chat, interval);
    if (waitMs <= 20) return;
    await job.updateData({ ...withoutPace(data), pace: { chat, at: Date.now() + waitMs } });
    await delayJob(job, token, waitMs);
  }

  async function deliver(
    job: Job<OutboxJobData>,
    data: JobData,
    token: string | undefined,
    payload: OutboxPayload,
    start: ChannelAddress,
  ): Promise<DeliveryOutcome> {
    const id = data.deliveryId;
    const addresses = [payload.to, ...payload.fallback];
    const nextAddress = (current: ChannelAddress) => {
      const index = addresses.findIndex((a) => sameAddress(a, current));
      return index >= 0 ? addresses[index + 1] : undefined;
    };
    let to = start;
    // The first address was claimed with the load; a redirect put the row back to `pending`.
    let claimed = true;
    for (;;) {
      await pace(job, data, token, to);
      if (!claimed && !(await claimDelivery(db, id)))
        return { state: 'skipped', because: 'settled meanwhile' };
      claimed = false;
      const channel = deps.channels.get(to.channel);
      if (channel) await deps.gate?.acquire(to.channel);
      const result: SendResult = channel
        ? await safeSend(channel, to, payload)
        : { ok: false, reason: 'not-reachable', detail: `channel ${to.channel} is not enabled` };
      if (result.ok) {
        await deps.recordSent(id, result.platformMessageId);
        return { state: 'sent', platformMessageId: result.platformMessageId, chatId: to.chatId };
      }
      const attempt = { outcome: result.reason, error: describe(to, result.detail) };
      switch (result.reason) {
        case 'rate-limited': {
          const ms = Math.max(result.retryAfterMs ?? 1000, 1);
          await recordRetry(db, id, { ...attempt, retryAfterMs: ms });
          // Telegram does not say whether the chat or the bot was too fast: both wait.
          await deps.pacer.hold(chatKey(to), ms);
          await deps.gate?.hold(to.channel, ms);
          throw Worker.RateLimitError();
        }
        case 'transient': {
          if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
            await recordGaveUp(db, id, attempt);
            throw new UnrecoverableError(`gave up after ${job.attemptsMade + 1} attempts: ${attempt.error}`);
          }
          await recordRetry(db, id, attempt);
          throw new Error(attempt.error);
        }
        case 'permanent':
          await recordGaveUp(db, id, attempt);
          throw new UnrecoverableError(attempt.error);
        case 'auth': {
          // Our own credentials on this channel were refused (a revoked bot token, a broken Zalo OA
          // token): the chat is fine, so it is not marked, and the next address may be on a channel
          // that works.
          const next = nextAddress(to);
          if (next) {
            await recordRedirect(db, id, attempt, next);
            to = next;
            continue;
          }
          await recordGaveUp(db, id, attempt);
          throw new UnrecoverableError(attempt.error);
        }
        case 'moved': {
          // A Telegram group upgraded to a supergroup: the chat moves to its new id and the message is
          // sent there (the refused attempt stays on record).
          const movedTo = result.movedToChatId;
          if (!movedTo || movedTo === to.chatId) {
            await recordGaveUp(db, id, attempt);
            throw new UnrecoverableError(attempt.error);
          }
          const next = { channel: to.channel, chatId: movedTo };
          await moveChat(db, to.channel, to.chatId, movedTo);
          await recordRedirect(db, id, attempt, next);
          for (const [index, address] of addresses.entries())
            if (sameAddress(address, to)) addresses[index] = next;
          to = next;
          continue;
        }
        case 'not-reachable':
        case 'outside-window': {
          if (result.reason === 'not-reachable' && channel) {
            if ((await markChatUnreachable(db, to)) > 0) deps.onChatUnreachable?.(to);
          }
          const next = nextAddress(to);
          if (next) {
            await recordRedirect(db, id, attempt, next);
            to = next;
            continue;
          }
          await recordGaveUp(db, id, attempt, 'undeliverable');
          if (result.reason === 'outside-window') await markChatUnreachable(db, to);
          return { state: 'undeliverable' };
        }
        default: {
          const unknown: never = result.reason;
          await recordGaveUp(db, id, attempt);
          throw new UnrecoverableError(`unexpected send outcome ${String(unknown)}`);
        }
      }
    }
  }

  return async (job: Job<OutboxJobData>, token?: string): Promise<DeliveryOutcome> => {
    const parsed = jobDataSchema.safeParse(job.data);
    if (!parsed.success)
      throw new UnrecoverableError(`bad outbox job data: ${z.prettifyError(parsed.error)}`);
    const data = parsed.data;
    const lockToken = await deps.lock.acquire(data.deliveryId, deps.lockTtlMs ?? LOCK_TTL_MS);
    if (!lockToken) return await delayJob(job, token, LOCK_BUSY_RETRY_MS);
    try {
      const claim = await (deps.claim
        ? deps.claim(data.deliveryId, data.jobKey)
        : claimForSending(db, data.deliveryId, data.jobKey));
      if (claim.found === 'missing')
        throw new UnrecoverableError(`delivery ${data.deliveryId} does not exist`);
      // A job of another database lifetime (restored from a dump): the row under this id is another
      // message, which has a job of its own.
      if (claim.found === 'other-lifetime')
        return { state: 'skipped', because: 'job of another database lifetime' };
      if (claim.found === 'settled') return { state: 'skipped', because: claim.state };
      const delivery: ClaimedDelivery = claim.delivery;
      const payload = outboxPayloadSchema.safeParse(delivery.payload);
      if (!payload.success) {
        const error = `invalid payload: ${z.prettifyError(payload.error)}`;
        await recordGaveUp(db, delivery.id, { outcome: 'invalid-payload', error });
        throw new UnrecoverableError(error);
      }
      const current = await refreshReminder(db, delivery, payload.data);
      if (current === null) return { state: 'skipped', because: 'nothing left to remind of' };
      const start = { channel: delivery.channel, chatId: delivery.chatId };
      return await deliver(job, data, token, current, start);
    } finally {
      await deps.lock.release(data.deliveryId, lockToken);
    }
  };
}
