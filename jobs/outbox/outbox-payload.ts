/**
 * The JSON stored in Delivery.payload, validated with zod wherever it is read back (the worker never
 * trusts a row: a bad one fails its delivery instead of crashing the worker).
 */
import { z } from 'zod';
import { CHANNELS, type ChannelAddress } from '../../handlers/channel.ts';
import type { OutboxItem } from '../../handlers/outbox.ts';

const addressSchema = z.object({ channel: z.enum(CHANNELS), chatId: z.string().min(1) });

const messageSchema = z.object({
  text: z.string(),
  buttons: z.array(z.array(z.object({ label: z.string(), payload: z.string() }))).optional(),
  attachments: z
    .array(
      z.object({
        kind: z.enum(['document', 'image']),
        filename: z.string().min(1),
        mimeType: z.string(),
        base64: z.string(),
        caption: z.string().optional(),
      }),
    )
    .optional(),
  silent: z.boolean().optional(),
  replaceMessageId: z.string().optional(),
  /** A forum topic (Telegram message_thread_id) the answer goes to. */
  threadId: z.string().optional(),
});

/** Delivery.payload: where to send, what, where to try next, and not before when. */
export const outboxPayloadSchema = z.object({
  to: addressSchema,
  message: messageSchema,
  fallback: z.array(addressSchema).default([]),
  notBefore: z.iso.datetime().optional(),
  /** The tasks the message is about (a reply to it is read in that context). */
  context: z.object({ taskIds: z.array(z.number().int()) }).optional(),
});

export type OutboxPayload = z.infer<typeof outboxPayloadSchema>;

/** The payload stored for an outbox item (JSON-safe). */
export function toPayload(item: OutboxItem): OutboxPayload {
  return {
    to: item.to,
    message: item.message,
    fallback: item.fallback ?? [],
    ...(item.notBefore ? { notBefore: item.notBefore.toISOString() } : {}),
    ...(item.context ? { context: item.context } : {}),
  };
}

/** Milliseconds from now until `notBefore` (0 when absent or past). */
export function delayUntil(notBefore: string | Date | undefined, now = Date.now()): number {
  if (notBefore === undefined) return 0;
  return Math.max(0, new Date(notBefore).getTime() - now);
}

/** True when two addresses name the same chat. */
export function sameAddress(a: ChannelAddress, b: ChannelAddress): boolean {
  return a.channel === b.channel && a.chatId === b.chatId;
}
