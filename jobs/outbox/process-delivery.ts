/**
 * What the outbox worker does with one job, as named steps: read the job ({@link readOutboxJob}), claim
 * the Delivery and load what it sends ({@link claimAndLoad}), then, address by address, pace the chat
 * ({@link pace}), send ({@link sendOnce}), and either record the send or handle the platform's refusal
 * ({@link handleRefusal}): retry later, give up, or go on to the next address. Every attempt leaves a
 * DeliveryAttempt row.
 */
import { DelayedError, type Job, UnrecoverableError, Worker } from 'bullmq';
import { z } from 'zod';
import type { Channel, ChannelAddress, ChannelId, SendResult } from '../../handlers/channel.ts';
import type { PrismaClient } from '../../prisma/generated/client.ts';
import {
  type AttemptRecord,
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
import { OUTBOX_QUEUE, type OutboxJobData, readJobData } from '../catalog.ts';
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

const LOCK_TTL_MS = 120_000;
const LOCK_BUSY_RETRY_MS = 2_000;

const chatKey = (a: ChannelAddress) => `${a.channel}-${a.chatId}`;
const describe = (a: ChannelAddress, detail: string) => `${a.channel}:${a.chatId} ${detail}`;

const withoutPace = (data: OutboxJobData): OutboxJobData =>
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

/** A send the platform refused. */
type Refusal = Extract<SendResult, { ok: false }>;

/** One job being worked: what every step after the claim shares. */
interface Sending {
  deps: ProcessDeps;
  job: Job<OutboxJobData>;
  /** The job's validated data (its `pace` is cleared once the reserved slot is used). */
  data: OutboxJobData;
  token: string | undefined;
  payload: OutboxPayload;
  /** Where to try, in order: the payload's `to`, then its fallbacks (a moved chat under its new id). */
  addresses: ChannelAddress[];
}

/** What a step answers: send again to `next`, or the job is done with `outcome`. */
type Step = { next: ChannelAddress } | { outcome: DeliveryOutcome };

/**
 * The job's data, validated against the job catalogue. Guarantees: bad data fails the job for good
 * (BullMQ's UnrecoverableError, no retries), before any lock or row is touched.
 */
function readOutboxJob(job: Job<OutboxJobData>): OutboxJobData {
  return readJobData(OUTBOX_QUEUE, job).data;
}

/**
 * Claims the delivery and loads what it sends. Guarantees: a missing row fails the job for good; a job
 * of another database lifetime or a settled row is skipped untouched; an invalid payload is recorded as
 * given up (`invalid-payload`) and fails the job for good; a reminder whose tasks were all answered since
 * planning is skipped (its row cancelled by {@link refreshReminder}). Otherwise the row is `sending` and
 * the answer is the payload to send now and the address the row points at.
 */
async function claimAndLoad(
  deps: ProcessDeps,
  data: OutboxJobData,
): Promise<{ outcome: DeliveryOutcome } | { payload: OutboxPayload; start: ChannelAddress }> {
  const { db } = deps;
  const claim = await (deps.claim
    ? deps.claim(data.deliveryId, data.jobKey)
    : claimForSending(db, data.deliveryId, data.jobKey));
  if (claim.found === 'missing') throw new UnrecoverableError(`delivery ${data.deliveryId} does not exist`);
  // A job of another database lifetime (restored from a dump): the row under this id is another
  // message, which has a job of its own.
  if (claim.found === 'other-lifetime')
    return { outcome: { state: 'skipped', because: 'job of another database lifetime' } };
  if (claim.found === 'settled') return { outcome: { state: 'skipped', because: claim.state } };
  const delivery: ClaimedDelivery = claim.delivery;
  const payload = outboxPayloadSchema.safeParse(delivery.payload);
  if (!payload.success) {
    const error = `invalid payload: ${z.prettifyError(payload.error)}`;
    await recordGaveUp(db, delivery.id, { outcome: 'invalid-payload', error });
    throw new UnrecoverableError(error);
  }
  const current = await refreshReminder(db, delivery, payload.data);
  if (current === null) return { outcome: { state: 'skipped', because: 'nothing left to remind of' } };
  return { payload: current, start: { channel: delivery.channel, chatId: delivery.chatId } };
}

/**
 * Waits for the chat's slot. Guarantees: returns when the chat has no minimum spacing, when the slot is
 * now, or when this job reserved the slot before it delayed itself to it; otherwise reserves the next
 * slot, notes it in the job's data and delays the job to it (throws BullMQ's DelayedError).
 */
async function pace(sending: Sending, to: ChannelAddress): Promise<void> {
  const { deps, job, data, token } = sending;
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

/**
 * Sends the message to `to` once. Guarantees: the platform's send gate is passed first; a channel that
 * is not enabled answers `not-reachable` without sending; an adapter that throws answers `permanent`.
 * Never throws for a refusal: the answer says what happened.
 */
async function sendOnce(
  sending: Sending,
  to: ChannelAddress,
): Promise<{ result: SendResult; enabled: boolean }> {
  const channel = sending.deps.channels.get(to.channel);
  if (!channel) {
    const detail = `channel ${to.channel} is not enabled`;
    return { result: { ok: false, reason: 'not-reachable', detail }, enabled: false };
  }
  await sending.deps.gate?.acquire(to.channel);
  return { result: await safeSend(channel, to, sending.payload), enabled: true };
}

/** The address after `current` in the sending's list, if any. */
function nextAddress(sending: Sending, current: ChannelAddress): ChannelAddress | undefined {
  const index = sending.addresses.findIndex((a) => sameAddress(a, current));
  return index >= 0 ? sending.addresses[index + 1] : undefined;
}

/** Records the attempt as the last one (`failed`) and fails the job for good. */
async function giveUp(sending: Sending, attempt: AttemptRecord & { error: string }): Promise<never> {
  await recordGaveUp(sending.deps.db, sending.data.deliveryId, attempt);
  throw new UnrecoverableError(attempt.error);
}

/**
 * Handles a refused send to `to`. Guarantees, by reason: `rate-limited` records a retry, holds the chat
 * and the platform gate for the wait the platform asked, and retries the job later; `transient` retries
 * until the job's last attempt, then gives up; `permanent` gives up; `auth` (our own credentials refused)
 * goes on to the next address, else gives up; `moved` moves the chat to its new id and sends there;
 * `not-reachable` and `outside-window` go on to the next address, else the delivery is `undeliverable`.
 * Every refusal leaves an attempt row; a redirect points the row at the next address (`pending`).
 */
async function handleRefusal(
  sending: Sending,
  to: ChannelAddress,
  result: Refusal,
  enabled: boolean,
): Promise<Step> {
  const { deps, job } = sending;
  const { db } = deps;
  const id = sending.data.deliveryId;
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
      return await giveUp(sending, attempt);
    case 'auth':
      // Our own credentials on this channel were refused (a revoked bot token, a broken Zalo OA token):
      // the chat is fine, so it is not marked, and the next address may be on a channel that works.
      return await redirectOr(sending, to, attempt, () => giveUp(sending, attempt));
    case 'moved':
      return await followMovedChat(sending, to, result, attempt);
    case 'not-reachable':
    case 'outside-window':
      return await redirectOrUndeliverable(sending, to, result, attempt, enabled);
    default: {
      const unknown: never = result.reason;
      await recordGaveUp(db, id, attempt);
      throw new UnrecoverableError(`unexpected send outcome ${String(unknown)}`);
    }
  }
}

/** Points the delivery at the address after `to` (recording the refused attempt), else runs `otherwise`. */
async function redirectOr(
  sending: Sending,
  to: ChannelAddress,
  attempt: AttemptRecord,
  otherwise: () => Promise<Step>,
): Promise<Step> {
  const next = nextAddress(sending, to);
  if (!next) return await otherwise();
  await recordRedirect(sending.deps.db, sending.data.deliveryId, attempt, next);
  return { next };
}

/**
 * A Telegram group upgraded to a supergroup. Guarantees: the chat is moved to its new id everywhere it is
 * stored and the message is sent there (the refused attempt stays on record); a move without a new id,
 * or to the same id, gives up.
 */
async function followMovedChat(
  sending: Sending,
  to: ChannelAddress,
  result: Refusal,
  attempt: AttemptRecord & { error: string },
): Promise<Step> {
  const movedTo = result.movedToChatId;
  if (!movedTo || movedTo === to.chatId) return await giveUp(sending, attempt);
  const next = { channel: to.channel, chatId: movedTo };
  await moveChat(sending.deps.db, to.channel, to.chatId, movedTo);
  await recordRedirect(sending.deps.db, sending.data.deliveryId, attempt, next);
  for (const [index, address] of sending.addresses.entries())
    if (sameAddress(address, to)) sending.addresses[index] = next;
  return { next };
}

/**
 * The chat cannot be reached on this address. Guarantees: a chat the platform reports unreachable (on an
 * enabled channel) is marked so, and the admins are told when it newly is; the next address is tried;
 * with none left the delivery is `undeliverable`, and a chat outside its messaging window is marked
 * unreachable too.
 */
async function redirectOrUndeliverable(
  sending: Sending,
  to: ChannelAddress,
  result: Refusal,
  attempt: AttemptRecord,
  enabled: boolean,
): Promise<Step> {
  const { deps } = sending;
  if (result.reason === 'not-reachable' && enabled) {
    if ((await markChatUnreachable(deps.db, to)) > 0) deps.onChatUnreachable?.(to);
  }
  return await redirectOr(sending, to, attempt, async () => {
    await recordGaveUp(deps.db, sending.data.deliveryId, attempt, 'undeliverable');
    if (result.reason === 'outside-window') await markChatUnreachable(deps.db, to);
    return { outcome: { state: 'undeliverable' } };
  });
}

/**
 * Sends the claimed delivery, starting at `start` and moving along its addresses as refusals direct.
 * Guarantees: each send is paced for its chat; a send after a redirect first claims the row again (it
 * went back to `pending`), and is skipped when the row was settled meanwhile; a successful send is
 * recorded through `recordSent`.
 */
async function deliver(sending: Sending, start: ChannelAddress): Promise<DeliveryOutcome> {
  let to = start;
  // The first address was claimed with the load; a redirect put the row back to `pending`.
  let claimed = true;
  for (;;) {
    await pace(sending, to);
    if (!claimed && !(await claimDelivery(sending.deps.db, sending.data.deliveryId)))
      return { state: 'skipped', because: 'settled meanwhile' };
    claimed = false;
    const { result, enabled } = await sendOnce(sending, to);
    if (result.ok) {
      await sending.deps.recordSent(sending.data.deliveryId, result.platformMessageId);
      return { state: 'sent', platformMessageId: result.platformMessageId, chatId: to.chatId };
    }
    const step = await handleRefusal(sending, to, result, enabled);
    if ('outcome' in step) return step.outcome;
    to = step.next;
  }
}

/**
 * Creates the processor of outbox jobs. Guarantees: at most one process works a delivery at a time (a
 * per-delivery lock; a busy lock delays the job), and the lock is released however the job ends.
 */
export function createDeliveryProcessor(deps: ProcessDeps) {
  return async (job: Job<OutboxJobData>, token?: string): Promise<DeliveryOutcome> => {
    const data = readOutboxJob(job);
    const lockToken = await deps.lock.acquire(data.deliveryId, deps.lockTtlMs ?? LOCK_TTL_MS);
    if (!lockToken) return await delayJob(job, token, LOCK_BUSY_RETRY_MS);
    try {
      const loaded = await claimAndLoad(deps, data);
      if ('outcome' in loaded) return loaded.outcome;
      const { payload, start } = loaded;
      const addresses = [payload.to, ...payload.fallback];
      return await deliver({ deps, job, data, token, payload, addresses }, start);
    } finally {
      await deps.lock.release(data.deliveryId, lockToken);
    }
  };
}
