/**
 * Sends a stored digest to the committee through the outbox: every chat of `digestChats` (committee
 * members' and admins' private chats, linked digest groups) receives the chart, the text and the
 * spreadsheet, in its officer's language (groups in Vietnamese).
 */
import type { DigestKind } from '../../domain/digest/digest-input.ts';
import type { DigestModel } from '../../domain/digest/digest-model.ts';
import type { ChannelAddress, ChannelId } from '../../handlers/channel.ts';
import type { Outbox, OutboxItem } from '../../handlers/outbox.ts';
import type { LocaleCode } from '../../locales/index.ts';
import type { PrismaClient } from '../../prisma/generated/client.ts';
import { markDigestSent, officerLocales, type StoredDigest } from '../../store/digests.ts';
import { digestChats } from '../../store/identities.ts';
import { buildCurrentDigest } from './build-and-store-digest.ts';
import {
  DIGEST_TEXT_LIMITS,
  type DigestFiles,
  type DigestPart,
  digestParts,
  renderDigestFiles,
} from './digest-messages.ts';

/** Spacing of a chat's digest messages: the outbox runs jobs concurrently, and the chart must come first. */
export const DIGEST_PART_SPACING_MS = 1_500;

/**
 * The base of the spacing: the real clock, not the service's `now`, because the outbox turns
 * `notBefore` into a queue delay against the real clock.
 */
function spacingStart(): Date {
  return new Date();
}

/** What {@link sendDigest} needs. */
export interface SendDigestDeps {
  db: PrismaClient;
  outbox: Outbox;
  now: () => Date;
  /** Text limit per channel. @defaultValue {@link DIGEST_TEXT_LIMITS} */
  limits?: Partial<Record<ChannelId, number>>;
  /** @defaultValue {@link DIGEST_PART_SPACING_MS} */
  spacingMs?: number;
}

/** How many chats were addressed and how many messages were newly queued. */
export interface SendDigestResult {
  chats: number;
  created: number;
  duplicates: number;
}

/**
 * Outbox items of one chat, spaced by `spacingMs` from `start` so that they arrive in order. The keys
 * (`digest-<kind>-<periodKey>-<channel>-<chatId>-<part>`) make a resend of the period a no-op.
 */
export function digestItems(
  parts: readonly DigestPart[],
  target: { kind: string; periodKey: string; channel: ChannelId; chatId: string; officerId: number | null },
  start: Date,
  spacingMs: number,
): OutboxItem[] {
  return parts.map(({ part, message }, i) => ({
    dedupKey: `digest-${target.kind}-${target.periodKey}-${target.channel}-${target.chatId}-${part}`,
    kind: 'digest',
    officerId: target.officerId,
    to: { channel: target.channel, chatId: target.chatId },
    message,
    notBefore: new Date(start.getTime() + i * spacingMs),
  }));
}

/** Queues the digest for every committee chat and records `sentAt`. Safe to repeat. */
export async function sendDigest(
  deps: SendDigestDeps,
  digest: Pick<StoredDigest, 'id' | 'kind' | 'periodKey'>,
  model: DigestModel,
): Promise<SendDigestResult> {
  const chats = await digestChats(deps.db);
  const locales = await officerLocales(
    deps.db,
    chats.flatMap((c) => (c.officerId === null ? [] : [c.officerId])),
  );
  const files = new Map<LocaleCode, DigestFiles>();
  const start = spacingStart();
  let created = 0;
  let duplicates = 0;
  for (const chat of chats) {
    const locale: LocaleCode = chat.officerId === null ? 'vi' : (locales.get(chat.officerId) ?? 'vi');
    let rendered = files.get(locale);
    if (!rendered) {
      rendered = await renderDigestFiles(model, digest.periodKey, locale);
      files.set(locale, rendered);
    }
    const limit = deps.limits?.[chat.channel] ?? DIGEST_TEXT_LIMITS[chat.channel];
    const parts = digestParts(model, locale, limit, rendered);
    const result = await deps.outbox.enqueue(
      digestItems(
        parts,
        { ...chat, kind: digest.kind, periodKey: digest.periodKey },
        start,
        deps.spacingMs ?? DIGEST_PART_SPACING_MS,
      ),
    );
    created += result.created;
    duplicates += result.duplicates;
  }
  // Sent to nobody is not sent: a later run (after a member links a chat) still records the send.
  if (chats.length > 0) await markDigestSent(deps.db, digest.id, deps.now());
  return { chats: chats.length, created, duplicates };
}

/**
 * Builds the current digest of `kind` at `at` (not stored: the period's digest of record stays the
 * scheduled one) and queues it to one chat: what `/tonghop` answers.
 */
export async function sendCurrentDigest(
  deps: SendDigestDeps,
  request: {
    kind: DigestKind;
    at: Date;
    locale: LocaleCode;
    to: ChannelAddress;
    officerId: number | null;
    keyPrefix: string;
  },
): Promise<void> {
  const { periodKey, model } = await buildCurrentDigest({ db: deps.db, kind: request.kind, at: request.at });
  const files = await renderDigestFiles(model, periodKey, request.locale);
  const limit = deps.limits?.[request.to.channel] ?? DIGEST_TEXT_LIMITS[request.to.channel];
  const parts = digestParts(model, request.locale, limit, files);
  const start = spacingStart();
  const spacing = deps.spacingMs ?? DIGEST_PART_SPACING_MS;
  await deps.outbox.enqueue(
    parts.map(({ part, message }, i) => ({
      dedupKey: `${request.keyPrefix}-${part}`,
      kind: 'digest',
      officerId: request.officerId,
      to: request.to,
      message,
      notBefore: new Date(start.getTime() + i * spacing),
    })),
  );
}
