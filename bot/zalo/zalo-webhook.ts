/**
 * Zalo OA webhook: signature check, replay window, event parsing and mapping to {@link IncomingMessage}.
 *
 * Facts relied on (see docs/zalo-oa-api.md, "Webhook"):
 * - Header `X-ZEvent-Signature: mac=<lowercase hex sha256(appId + rawBody + timestamp + OA secret key)>`,
 *   plain SHA-256 (not HMAC) over the exact received bytes; `timestamp` is the body field (epoch ms string);
 *   the key is the OA Secret Key of the app's Webhook page. This formula is confirmed (the official Java
 *   SDK computes the same).
 * - The console probes the URL with an unsigned `{}` body and needs HTTP 200 (verify against a real OA).
 * - Events: `user_send_text` (sender.id, recipient.id, message.msg_id, message.text), `user_send_image`
 *   and `user_send_file` (message.attachments[] of `{type, payload{url, name, size, …}}`), `follow` and
 *   `unfollow` (follower.id, oa_id). All ids and timestamps are strings larger than 2^53.
 * - Delivery is at least once: deduplicate on `platformId`.
 * Retries after our downtime (30 s … 1 h) carry the original timestamp; with the default 5-minute skew the
 * later ones are rejected as 'stale' (verify against a real OA what a retry's timestamp is).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { normalizeTypedText } from '../../domain/text/typed-text.ts';
import type { IncomingMessage } from '../../handlers/channel.ts';
import { zaloIdSchema, zaloTimestampSchema } from './zalo-ids.ts';

/** Default accepted clock difference between the event timestamp and now. */
export const ZALO_WEBHOOK_MAX_SKEW_MS = 5 * 60_000;
/** The signature header, lower-cased as Node delivers it. */
export const ZALO_SIGNATURE_HEADER = 'x-zevent-signature';

const loose = z.looseObject;

const textEventSchema = loose({
  event_name: z.literal('user_send_text'),
  app_id: zaloIdSchema,
  sender: loose({ id: zaloIdSchema }),
  recipient: loose({ id: zaloIdSchema }),
  message: loose({ msg_id: zaloIdSchema, text: z.string() }),
  timestamp: zaloTimestampSchema,
  user_id_by_app: zaloIdSchema.optional(),
});

const attachmentSchema = loose({
  type: z.string(),
  payload: loose({
    url: z.string().optional(),
    thumbnail: z.string().optional(),
    name: z.string().optional(),
    size: zaloIdSchema.optional(),
    type: z.string().optional(),
  }).optional(),
});

const attachmentEventSchema = loose({
  event_name: z.enum(['user_send_image', 'user_send_file']),
  app_id: zaloIdSchema,
  sender: loose({ id: zaloIdSchema }),
  recipient: loose({ id: zaloIdSchema }),
  message: loose({
    msg_id: zaloIdSchema,
    text: z.string().optional(),
    attachments: z.array(attachmentSchema).min(1),
  }),
  timestamp: zaloTimestampSchema,
  user_id_by_app: zaloIdSchema.optional(),
});

const followEventSchema = loose({
  event_name: z.enum(['follow', 'unfollow']),
  oa_id: zaloIdSchema,
  follower: loose({ id: zaloIdSchema }),
  timestamp: zaloTimestampSchema,
  app_id: zaloIdSchema.optional(),
  user_id_by_app: zaloIdSchema.optional(),
  source: z.string().optional(),
});

const otherEventSchema = loose({ event_name: z.string().min(1) });

/** A user's text message (also how `oa.query.*` button taps arrive). */
export type ZaloTextEvent = z.infer<typeof textEventSchema> & { kind: 'text' };
/** A user's image or file. */
export type ZaloAttachmentEvent = z.infer<typeof attachmentEventSchema> & { kind: 'attachment' };
/** A user followed or unfollowed the OA. */
export type ZaloFollowEvent = z.infer<typeof followEventSchema> & { kind: 'follow' };
/** Any other event, passed through untouched. */
export type ZaloUnsupportedEvent = z.infer<typeof otherEventSchema> & { kind: 'unsupported' };
/** A verified, parsed webhook event. */
export type ZaloEvent = ZaloTextEvent | ZaloAttachmentEvent | ZaloFollowEvent | ZaloUnsupportedEvent;

/** Why a webhook delivery was not accepted. 'probe' should still be answered 200, with no side effects. */
export type ZaloWebhookRejection = 'missing-signature' | 'bad-signature' | 'stale' | 'malformed' | 'probe';

/** The outcome of {@link verifyZaloSignature}. */
export type ZaloWebhookResult = { ok: true; event: ZaloEvent } | { ok: false; reason: ZaloWebhookRejection };

/**
 * Verifies and parses one webhook delivery. Never throws. Order: probe (`{}` or empty body), JSON,
 * signature (over the raw bytes), timestamp skew, event schema.
 */
export function verifyZaloSignature(args: {
  rawBody: Buffer | string;
  headers: Record<string, string | string[] | undefined>;
  appId: string;
  oaSecretKey: string;
  now: Date;
  maxSkewMs?: number;
}): ZaloWebhookResult {
  try {
    return verify(args);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
}

function verify(args: Parameters<typeof verifyZaloSignature>[0]): ZaloWebhookResult {
  const raw = typeof args.rawBody === 'string' ? Buffer.from(args.rawBody, 'utf8') : args.rawBody;
  const text = raw.toString('utf8');
  if (text.trim().length === 0) return { ok: false, reason: 'probe' };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (!isPlainObject(body)) return { ok: false, reason: 'malformed' };
  if (Object.keys(body).length === 0) return { ok: false, reason: 'probe' };

  const header = headerValue(args.headers, ZALO_SIGNATURE_HEADER);
  if (header === undefined || header.trim().length === 0) return { ok: false, reason: 'missing-signature' };
  const given = parseMac(header);
  const timestamp = zaloTimestampSchema.safeParse(body['timestamp']);
  if (!timestamp.success) return { ok: false, reason: 'malformed' };
  if (given === undefined) return { ok: false, reason: 'bad-signature' };

  const expected = createHash('sha256')
    .update(args.appId, 'utf8')
    .update(raw)
    .update(timestamp.data, 'utf8')
    .update(args.oaSecretKey, 'utf8')
    .digest();
  if (!timingSafeEqual(expected, given)) return { ok: false, reason: 'bad-signature' };

  const skew = Math.abs(args.now.getTime() - Number(timestamp.data));
  if (!(skew <= (args.maxSkewMs ?? ZALO_WEBHOOK_MAX_SKEW_MS))) return { ok: false, reason: 'stale' };

  const event = parseZaloEvent(body);
  return event ? { ok: true, event } : { ok: false, reason: 'malformed' };
}

/** Parses an already verified body into a {@link ZaloEvent}; undefined when a known event is malformed. */
export function parseZaloEvent(body: unknown): ZaloEvent | undefined {
  const named = otherEventSchema.safeParse(body);
  if (!named.success) return undefined;
  switch (named.data.event_name) {
    case 'user_send_text': {
      const r = textEventSchema.safeParse(body);
      return r.success ? { ...r.data, kind: 'text' } : undefined;
    }
    case 'user_send_image':
    case 'user_send_file': {
      const r = attachmentEventSchema.safeParse(body);
      return r.success ? { ...r.data, kind: 'attachment' } : undefined;
    }
    case 'follow':
    case 'unfollow': {
      const r = followEventSchema.safeParse(body);
      return r.success ? { ...r.data, kind: 'follow' } : undefined;
    }
    default:
      return { ...named.data, kind: 'unsupported' };
  }
}

/**
 * Maps an event to the channel port's {@link IncomingMessage}; null for unsupported events. `platformId` is
 * `msg_id` for messages and `<event_name>-<follower.id>-<timestamp>` for follow/unfollow. Only the first
 * attachment of a message is kept; its URL is the `fileId`.
 */
export function toIncomingMessage(event: ZaloEvent, raw: unknown): IncomingMessage | null {
  if (event.kind === 'unsupported') return null;
  const receivedAt = new Date(Number(event.timestamp));
  switch (event.kind) {
    case 'text':
      return {
        channel: 'zalo',
        platformId: event.message.msg_id,
        chatId: event.sender.id,
        userId: event.sender.id,
        kind: 'text',
        // NFC without zero-width characters, as the Telegram adapter reads text (domain/text/typed-text.ts).
        text: normalizeTypedText(event.message.text),
        isGroup: false,
        receivedAt,
        raw,
      };
    case 'attachment': {
      const first = event.message.attachments[0];
      const payload = first?.payload;
      const fallbackName = `zalo-${event.event_name === 'user_send_image' ? 'image' : 'file'}-${event.message.msg_id}`;
      return {
        channel: 'zalo',
        platformId: event.message.msg_id,
        chatId: event.sender.id,
        userId: event.sender.id,
        kind: 'file',
        text: normalizeTypedText(event.message.text ?? ''),
        file: {
          fileId: payload?.url ?? '',
          fileName: payload?.name ?? fallbackName,
          ...(payload?.type?.includes('/') && { mimeType: payload.type }),
          ...(payload?.size !== undefined &&
            Number.isSafeInteger(Number(payload.size)) && {
              size: Number(payload.size),
            }),
        },
        isGroup: false,
        receivedAt,
        raw,
      };
    }
    case 'follow':
      return {
        channel: 'zalo',
        platformId: `${event.event_name}-${event.follower.id}-${event.timestamp}`,
        chatId: event.follower.id,
        userId: event.follower.id,
        kind: event.event_name,
        text: '',
        isGroup: false,
        receivedAt,
        raw,
      };
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function headerValue(
  headers: Record<string, string | string[] | undefined>,
  name: string,
): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name) continue;
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string') return first;
  }
  return undefined;
}

/** `mac=<64 hex>` (prefix optional, case-insensitive) to 32 bytes; undefined if not that shape. */
function parseMac(header: string): Buffer | undefined {
  const hex = header.trim().replace(/^mac=/i, '');
  return /^[0-9a-fA-F]{64}$/.test(hex) ? Buffer.from(hex, 'hex') : undefined;
}
