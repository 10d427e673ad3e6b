/**
 * Messages to other officers (admins, a lead agency, a plan's officers): each in the officer's own
 * language, addressed on their best channel with fallbacks, through the outbox with deterministic keys.
 */
import { type Messages, t } from '../../locales/index.ts';
import type { Recipient } from '../../store/admin-officers.ts';
import type { OutgoingMessage } from '../channel.ts';
import type { CommandDeps } from '../commands/chat-command.ts';
import type { Turn } from '../conversation/turn.ts';
import { addressOfficer } from '../delivery/address-officer.ts';
import type { OutboxItem, OutboxKind } from '../outbox.ts';

export interface NotifyOptions {
  kind: OutboxKind;
  /** The deterministic outbox key of the message to one recipient. */
  key: (recipient: Recipient) => string;
  message: (m: Messages, recipient: Recipient) => OutgoingMessage;
  taskIds?: number[];
}

/** Queues one message per reachable recipient; returns how many were queued and how many have no chat. */
export async function notifyOfficers(
  turn: Turn,
  deps: CommandDeps,
  recipients: readonly Recipient[],
  options: NotifyOptions,
): Promise<{ queued: number; unreachable: number }> {
  const items: OutboxItem[] = [];
  let unreachable = 0;
  for (const recipient of recipients) {
    const address = await addressOfficer(turn.db, recipient.id, turn.now, deps.enabledChannels());
    if (!address) {
      unreachable += 1;
      continue;
    }
    items.push({
      dedupKey: options.key(recipient),
      kind: options.kind,
      officerId: recipient.id,
      to: address.to,
      ...(address.fallback.length > 0 ? { fallback: address.fallback } : {}),
      message: options.message(t(recipient.locale), recipient),
      ...(options.taskIds ? { context: { taskIds: options.taskIds } } : {}),
    });
  }
  if (items.length > 0) await turn.deps.outbox.enqueue(items);
  return { queued: items.length, unreachable };
}
