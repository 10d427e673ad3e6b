/**
 * Reminders that are still true: checked when a reminder delivery is about to be sent (08:30), not only
 * when it was planned (07:30). A task reported on in between is removed from the message; when no task is
 * left, the message is not sent at all.
 */
import { dropAnsweredTasks } from '../../handlers/reminders/drop-answered-tasks.ts';
import type { ClaimedDelivery } from '../../store/deliveries.ts';
import { withdrawReminders } from '../../store/deliveries.ts';
import { getOfficer } from '../../store/officers.ts';
import type { PrismaClient } from '../../store/prisma-client.ts';
import type { OutboxPayload } from './outbox-payload.ts';

/**
 * The payload to send now for `delivery`: unchanged when every task it reminds of is still unanswered
 * (and for any other kind of message), trimmed of the tasks reported on since planning, or null when
 * nothing is left (the delivery is then `cancelled` and its reminders `suppressed`).
 */
export async function refreshReminder(
  db: PrismaClient,
  delivery: Pick<ClaimedDelivery, 'id' | 'kind' | 'officerId' | 'reminders'>,
  payload: OutboxPayload,
): Promise<OutboxPayload | null> {
  if (delivery.kind !== 'reminder') return payload;
  const carried = delivery.reminders;
  const answered = carried.filter((r) => r.lastReportAt !== null && r.lastReportAt > r.plannedAt);
  if (answered.length === 0) return payload;
  const answeredTasks = new Set(answered.map((r) => r.taskId));
  const stillOpen = carried.filter((r) => !answeredTasks.has(r.taskId));
  const withdrawn = answered.map((r) => r.id);
  const locale = (delivery.officerId ? await getOfficer(db, delivery.officerId) : null)?.locale ?? 'vi';
  const message =
    stillOpen.length === 0
      ? null
      : dropAnsweredTasks(payload.message, new Set(answered.map((r) => r.code)), locale);
  if (message === null) {
    await withdrawReminders(db, delivery.id, [...new Set(carried.map((r) => r.id))], null);
    return null;
  }
  const next: OutboxPayload = {
    ...payload,
    message,
    ...(payload.context
      ? { context: { taskIds: payload.context.taskIds.filter((id) => !answeredTasks.has(id)) } }
      : {}),
  };
  await withdrawReminders(db, delivery.id, withdrawn, next);
  return next;
}
