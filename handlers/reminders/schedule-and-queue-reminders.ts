/**
 * The reminder scheduler: as of an instant, schedules the Vietnam day's reminders, stores one Reminder row
 * per (task, officer, kind, day) and queues at most one grouped message per officer and day.
 *
 * Exactly once, whatever happens: Reminder rows are inserted with INSERT ... ON CONFLICT DO NOTHING on
 * their deterministic key, and the officer's message has the deterministic outbox key
 * `reminders-<officerId>-<yyyymmdd>`, so scheduling a day again, two schedulers at once, or a run that
 * died after storing the rows but before queueing the message (the next run queues it) never send twice
 * and never drop a reminder. The message is composed from all the day's reminders, not from what one run
 * inserted.
 */
import {
  DEFAULT_WORK_CALENDAR,
  nextWorkingMoment,
  vnInstant,
  type WorkCalendarConfig,
} from '../../domain/calendar/working-time.ts';
import { DEFAULT_REMINDER_POLICY } from '../../domain/reminder/reminder-policy.ts';
import { reminderKey } from '../../domain/reminder/schedule-reminders-for-day.ts';
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
import { buildOfficerMessages, type OfficerMessage } from './officer-messages.ts';
import { type DayReminders, type RoutedReminder, routeDayReminders } from './route-day-reminders.ts';

export interface ReminderSchedulerDeps {
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
export interface ScheduledLine {
  task: string;
  officer: string | null;
  agency: string | null;
  channel: ChannelId | null;
  kind: string;
  dueDate: string | null;
}

export interface SchedulingOutcome {
  day: string;
  lines: ScheduledLine[];
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

type Deliverable = RoutedReminder & { officerId: number };

/** Where each officer of the day's reminders is reached (null: linked on no enabled channel). */
async function addressOfficers(
  deps: ReminderSchedulerDeps,
  dayReminders: DayReminders,
  at: Date,
): Promise<Map<number, OfficerAddress | null>> {
  const addresses = new Map<number, OfficerAddress | null>();
  for (const r of dayReminders.reminders) {
    if (r.officerId !== null && !addresses.has(r.officerId))
      addresses.set(r.officerId, await addressOfficer(deps.db, r.officerId, at, deps.channels));
  }
  return addresses;
}

/** One Reminder row per reminder that has an officer (undeliverable when the officer cannot be reached). */
function reminderRows(
  dayReminders: DayReminders,
  sendAt: Date,
  channelOf: (r: RoutedReminder) => ChannelId | null,
): NewReminder[] {
  return dayReminders.reminders.flatMap((r) =>
    r.officerId === null
      ? []
      : [
          {
            taskId: r.taskId,
            officerId: r.officerId,
            kind: r.kind,
            day: dayReminders.day,
            sendAt,
            dedupKey: reminderRowKey({ ...r, officerId: r.officerId }, dayReminders.day),
            state: channelOf(r) === null ? ('undeliverable' as const) : ('planned' as const),
          },
        ],
  );
}

/**
 * Marks the rows queued with the message that carries their task: a reminder scheduled after the day's
 * message was stored (a task added at noon) stays 'planned' rather than being claimed by a message
 * without it.
 */
async function linkRowsToMessages(
  deps: ReminderSchedulerDeps,
  day: string,
  messages: readonly OfficerMessage[],
  deliverable: readonly Deliverable[],
): Promise<void> {
  const keys = messages.map((msg) => reminderMessageKey(msg.officerId, day));
  const stored = await deliveriesByKeys(deps.db, keys);
  for (const msg of messages) {
    const delivery = stored.get(reminderMessageKey(msg.officerId, day));
    if (!delivery) continue;
    const rowKeys = deliverable
      .filter((r) => r.officerId === msg.officerId && delivery.taskIds.includes(r.taskId))
      .map((r) => reminderRowKey(r, day));
    await markRemindersQueued(deps.db, rowKeys, delivery.id);
  }
}

/** Schedules the day of `at`; with `dryRun`, only lists what would be sent (nothing is written). */
export async function scheduleAndQueueReminders(
  deps: ReminderSchedulerDeps,
  at: Date,
  options: { dryRun?: boolean } = {},
): Promise<SchedulingOutcome> {
  const calendar = deps.calendar ?? DEFAULT_WORK_CALENDAR;
  const logger = deps.logger ? { logger: deps.logger } : {};
  const dayReminders = await routeDayReminders({ db: deps.db, calendar, ...logger }, at);
  const { day } = dayReminders;
  const addresses = await addressOfficers(deps, dayReminders, at);
  const channelOf = (r: RoutedReminder) =>
    r.officerId === null ? null : (addresses.get(r.officerId)?.to.channel ?? null);
  const lines = dayReminders.reminders.map((r) => ({
    task: r.code,
    officer: r.officerName,
    agency: r.agencyName,
    channel: channelOf(r),
    kind: r.kind,
    dueDate: r.dueDate,
  }));
  const outcome: SchedulingOutcome = {
    day,
    lines,
    remindersCreated: 0,
    messages: { created: 0, duplicates: 0 },
  };
  if (options.dryRun || dayReminders.reminders.length === 0) return outcome;

  // Late scheduling (a catch-up run in the afternoon) sends at once; after hours, the next working morning.
  const preferred = vnInstant(day, deps.sendTime);
  const sendAt = nextWorkingMoment(at > preferred ? at : preferred, calendar, deps.sendTime);
  outcome.remindersCreated = await insertReminders(deps.db, reminderRows(dayReminders, sendAt, channelOf));

  const deliverable = dayReminders.reminders.filter(
    (r): r is Deliverable => r.officerId !== null && channelOf(r) !== null,
  );
  const messages = await buildOfficerMessages(deps.db, {
    dayReminders,
    reminders: deliverable,
    at,
    monthlyReportDay: (id) => (dayReminders.policies.get(id) ?? DEFAULT_REMINDER_POLICY).monthlyReportDay,
  });
  outcome.messages = await deps.outbox.enqueue(
    messages.map((msg) => {
      const address = addresses.get(msg.officerId)!;
      return {
        dedupKey: reminderMessageKey(msg.officerId, day),
        kind: 'reminder' as const,
        officerId: msg.officerId,
        to: address.to,
        fallback: address.fallback,
        message: msg.message,
        notBefore: sendAt,
        context: { taskIds: msg.taskIds },
      };
    }),
  );
  await linkRowsToMessages(deps, day, messages, deliverable);
  return outcome;
}
