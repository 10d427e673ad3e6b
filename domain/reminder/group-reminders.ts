/**
 * One message per officer per day: reminders are grouped by recipient and ordered inside a message.
 */
import type { ReminderKind } from './reminder-types.ts';

/**
 * Groups items by `recipientId`. Map iteration follows the first appearance of each recipient;
 * items keep their input order inside a group (sort them with {@link compareReminderUrgency}).
 */
export function groupByRecipient<T extends { recipientId: string }>(items: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(item.recipientId);
    if (group) group.push(item);
    else groups.set(item.recipientId, [item]);
  }
  return groups;
}

/** The fields the message order looks at. */
export interface Orderable {
  kind: ReminderKind;
  dueDate: string | null;
  code?: string;
}

/**
 * Message order: escalations and overdue reminders first, then by nearest due date (no due date last),
 * then by task code (numeric-aware: '1.2' before '1.10').
 */
export function compareReminderUrgency(a: Orderable, b: Orderable): number {
  const late = (r: Orderable): number => (r.kind === 'escalation' || r.kind === 'overdue' ? 0 : 1);
  const byLate = late(a) - late(b);
  if (byLate !== 0) return byLate;
  if (a.dueDate !== b.dueDate) {
    if (a.dueDate === null) return 1;
    if (b.dueDate === null) return -1;
    return a.dueDate < b.dueDate ? -1 : 1;
  }
  return (a.code ?? '').localeCompare(b.code ?? '', 'en', { numeric: true });
}

/** Groups by recipient and sorts each group with {@link compareReminderUrgency}. */
export function groupForMessages<T extends Orderable & { recipientId: string }>(
  items: T[],
): Map<string, T[]> {
  const groups = groupByRecipient(items);
  for (const group of groups.values()) group.sort(compareReminderUrgency);
  return groups;
}
