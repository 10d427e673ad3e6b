/**
 * The reminder planner: as of an instant, plans the Vietnam day's reminders, stores one Reminder row per
 * (task, officer, kind, day) and queues at most one grouped message per officer and day.
 *
 * Exactly once, whatever happens: Reminder rows are inserted with INSERT ... ON CONFLICT DO NOTHING on
 * their deterministic key, and the officer's message has the deterministic outbox key
 * `reminders-<officerId>-<yyyymmdd>`, so re-planning a day, two planners at once, or a run that died
 * after storing the rows but before queueing the message (the next run queues it) never send twice and
 * never drop a reminder. The message is composed from the day's plan, not from what one run inserted.
 */
import {
  DEFAULT_WORK_CALENDAR,
  nextWorkingMoment,
  vnInstant,
  type WorkCalendarConfig,
} from '../../domain/calendar/working-time.ts';
import { reminderKey } from '../../domain/reminder/plan-reminders.ts';
import { DEFAULT_REMINDER_POLICY } from '../../domain/reminder/reminder-policy.ts';
import type { PrismaClient } from '../../store/prisma-client.ts';
import {
  deliveriesByKeys,
  insertReminders,
  markRemindersQueued,
  type NewReminder,
} from '../../store/reminders.ts';
import type { ChannelId } from '../channel.ts';
import { addressOfficer, type OfficerAddress } from '../delivery/address-officer.ts';
import type { EnqueueResult, Outbox } from '../outbox.ts';
import { buildOfficerMessages } from './officer-messages.ts';
import { planDay, type RoutedReminder } from './plan-day.ts';

export interface ReminderPlannerDeps {
  db: PrismaClient;
  outbox: Outbox;
  /** REMINDER_SEND_TIME ('HH:MM', Vietnam): when the day's messages go out. */
  sendTime: string;
  /** Channels messages can go out on: an officer linked on none of them is undeliverable. */
  channels: ReadonlySet<ChannelId>;
  calendar?: WorkCalendarConfig;
  logger?: { warn(obj: object, msg?: string): void };
}

/** One line of `remind --dry-run --json` (the documented contract). */
export interface PlannedLine {
  task: string;
  officer: string | null;
  agency: string | null;
  channel: ChannelId | null;
  kind: string;
  dueDate: string | null;
}

export interface PlanningOutcome {
  day: string;
  lines: PlannedLine[];
  /** Reminder rows inserted by this run (0 when the day was planned before). */
  remindersCreated: number;
  /** Officer messages this run put in the outbox, and those already there. */
  messages: EnqueueResult;
}

/** Outbox key of an officer's reminder message of a day. */
export function reminderMessageKey(officerId: number, day: string): string {
  return `reminders-${officerId}-${day.replaceAll('-', '')}`;
}

/** Reminder.dedupKey of a routed reminder. */
export function reminderRowKey(r: RoutedReminder & { officerId: number }, day: string): string {
  return reminderKey(String(r.taskId), String(r.officerId), r.kind, day);
}

/** Plans the day of `at`; with `dryRun`, only lists what would be sent (nothing is written). */
export async function planAndQueueReminders(
  deps: ReminderPlannerDeps,
  at: Date,
  options: { dryRun?: boolean } = {},
): Promise<PlanningOutcome> {
  const calendar = deps.calendar ?? DEFAULT_WORK_CALENDAR;
  const plan = await planDay({ db: deps.db, calendar, ...(deps.logger ? { logger: deps.logger } : {}) }, at);
  const addresses = new Map<number, OfficerAddress | null>();
  for (const r of plan.reminders) {
    if (r.officerId !== null && !addresses.has(r.officerId))
      addresses.set(r.officerId, await addressOfficer(deps.db, r.officerId, at, deps.channels));
  }
  const channelOf = (r: RoutedReminder) =>
    r.officerId === null ? null : (addresses.get(r.officerId)?.to.channel ?? null);
  const lines = plan.reminders.map((r) => ({
    task: r.code,
    officer: r.officerName,
    agency: r.agencyName,
    channel: channelOf(r),
    kind: r.kind,
    dueDate: r.dueDate,
  }));
  const outcome: PlanningOutcome = {
    day: plan.day,
    lines,
    remindersCreated: 0,
    messages: { created: 0, duplicates: 0 },
  };
  if (options.dryRun || plan.reminders.length === 0) return outcome;

  // Late planning (a catch-up run in the afternoon) sends at once; after hours, the next working morning.
  const preferred = vnInstant(plan.day, deps.sendTime);
  const sendAt = nextWorkingMoment(at > preferred ? at : preferred, calendar, deps.sendTime);
  const rows: NewReminder[] = plan.reminders.flatMap((r) =>
    r.officerId === null
      ? []
      : [
          {
            taskId: r.taskId,
            officerId: r.officerId,
            kind: r.kind,
            day: plan.day,
            sendAt,
            dedupKey: reminderRowKey({ ...r, officerId: r.officerId }, plan.day),
            state: channelOf(r) === null ? 'undeliverable' : 'planned',
          },
        ],
  );
  outcome.remindersCreated = await insertReminders(deps.db, rows);

  const deliverable = plan.reminders.filter(
    (r): r is RoutedReminder & { officerId: number } => r.officerId !== null && channelOf(r) !== null,
  );
  const messages = await buildOfficerMessages(deps.db, {
    plan,
    reminders: deliverable,
    at,
    monthlyReportDay: (id) => (plan.policies.get(id) ?? DEFAULT_REMINDER_POLICY).monthlyReportDay,
  });
  const items = messages.map((msg) => {
    const address = addresses.get(msg.officerId)!;
    return {
      dedupKey: reminderMessageKey(msg.officerId, plan.day),
      kind: 'reminder' as const,
      officerId: msg.officerId,
      to: address.to,
      fallback: address.fallback,
      message: msg.message,
      notBefore: sendAt,
      context: { taskIds: msg.taskIds },
    };
  });
  outcome.messages = await deps.outbox.enqueue(items);

  // Rows join the message that carries their task: a reminder planned after the day's message was
  // stored (a task added at noon) stays 'planned' rather than being claimed by a message without it.
  const stored = await deliveriesByKeys(
    deps.db,
    items.map((i) => i.dedupKey),
  );
  for (const msg of messages) {
    const delivery = stored.get(reminderMessageKey(msg.officerId, plan.day));
    if (!delivery) continue;
    const keys = deliverable
      .filter((r) => r.officerId === msg.officerId && delivery.taskIds.includes(r.taskId))
      .map((r) => reminderRowKey(r, plan.day));
    await markRemindersQueued(deps.db, keys, delivery.id);
  }
  return outcome;
}
