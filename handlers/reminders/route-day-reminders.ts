/**
 * The reminders of one Vietnam day, routed to officers, without writing anything: what `remind
 * --dry-run` lists and what the reminder scheduler then stores and queues. Only the tasks that can be due
 * that day are loaded (the candidate window of each plan's policy, open overdue tasks, and undated tasks
 * on monthly-cycle days), so scheduling scales with what is due, not with the size of the plans.
 */

import type { WorkCalendarConfig } from '../../domain/calendar/working-time.ts';
import { vnDate } from '../../domain/calendar/working-time.ts';
import type { ReminderPolicy } from '../../domain/reminder/reminder-policy.ts';
import type { ReminderKind, ReminderTask, ScheduledReminder } from '../../domain/reminder/reminder-types.ts';
import {
  type CandidateWindow,
  candidateDueDates,
  mayGetReminderToday,
  scheduleRemindersForDay,
} from '../../domain/reminder/schedule-reminders-for-day.ts';
import type { PrismaClient } from '../../store/prisma-client.ts';
import { loadAgencyLinks, loadRecipientOfficers } from '../../store/reminder-recipients.ts';
import {
  activePlanPolicies,
  countOverdueDays,
  loadReminderCandidates,
  type ReminderCandidateRow,
} from '../../store/reminders.ts';
import { planPolicy } from './plan-policy.ts';
import { createRouting, type Routing } from './route-reminders.ts';

/** One reminder to one officer (or to nobody: `officerId` null when the agency has no one to receive it). */
export interface RoutedReminder {
  taskId: number;
  code: string;
  planId: number;
  kind: ReminderKind;
  dueDate: string | null;
  officerId: number | null;
  officerName: string | null;
  officerLocale: 'vi' | 'en';
  /** The agency the officer answers for (after the successor mapping); null when the task names none. */
  agencyId: number | null;
  agencyName: string | null;
}

export interface DayReminders {
  day: string;
  reminders: RoutedReminder[];
  /** Policy of each plan that has reminders today. */
  policies: Map<number, ReminderPolicy>;
  /** Support agencies (holders) of each task, for the input shown to lead agencies. */
  supportHolders: Map<number, number[]>;
  /** Holder agency of every agency seen. */
  holderOf: (agencyId: number) => number;
}

export interface RouteDayRemindersDeps {
  db: PrismaClient;
  calendar: WorkCalendarConfig;
  logger?: { warn(obj: object, msg?: string): void };
}

function widen(a: CandidateWindow | null, b: CandidateWindow): CandidateWindow {
  if (!a) return b;
  return { from: b.from, to: a.to > b.to ? a.to : b.to, monthlyCycle: a.monthlyCycle || b.monthlyCycle };
}

/** Each active plan's reminder policy and candidate window of `day`, and the union of the windows. */
interface PlanWindows {
  policies: Map<number, ReminderPolicy>;
  windows: Map<number, CandidateWindow>;
  union: CandidateWindow | null;
}

async function loadPlanWindows(deps: RouteDayRemindersDeps, day: string): Promise<PlanWindows> {
  const found: PlanWindows = { policies: new Map(), windows: new Map(), union: null };
  for (const plan of await activePlanPolicies(deps.db)) {
    const { policy, problem } = planPolicy(plan.policy);
    if (problem) deps.logger?.warn({ planId: plan.id, problem }, 'invalid reminder policy: default used');
    const window = candidateDueDates(day, policy, deps.calendar);
    found.policies.set(plan.id, policy);
    found.windows.set(plan.id, window);
    found.union = widen(found.union, window);
  }
  return found;
}

function toReminderTask(row: ReminderCandidateRow, overdueRemindersSent: number): ReminderTask {
  return {
    taskId: String(row.id),
    code: row.code,
    deadline: {
      raw: row.deadlineRaw,
      kind: row.deadlineKind,
      due: row.dueDate,
      start: row.startDate,
      recurring: row.recurring,
    },
    status: row.status,
    lastReportDate: row.lastReportAt ? vnDate(row.lastReportAt) : null,
    paused: false,
    overdueRemindersSent,
  };
}

/** A reminder the domain scheduled, with the task row it is about. */
type ScheduledRow = { r: ScheduledReminder; row: ReminderCandidateRow };

/** The reminders of `day` of the loaded tasks, each under its plan's policy. */
async function scheduleLoadedTasks(
  deps: RouteDayRemindersDeps,
  day: string,
  found: PlanWindows,
  union: CandidateWindow,
): Promise<ScheduledRow[]> {
  const { db, calendar } = deps;
  const rows = await loadReminderCandidates(db, union);
  const overdueDue = new Map(rows.flatMap((r) => (r.dueDate && r.dueDate < day ? [[r.id, r.dueDate]] : [])));
  const overdueSent = await countOverdueDays(db, day, overdueDue);
  return rows.flatMap((row) => {
    const policy = found.policies.get(row.planId);
    const window = found.windows.get(row.planId);
    if (!policy || !window) return [];
    const task = toReminderTask(row, overdueSent.get(row.id) ?? 0);
    if (!mayGetReminderToday(task, day, policy, calendar, window)) return [];
    return scheduleRemindersForDay({ today: day, tasks: [task], policy, calendar }).map((r) => ({ r, row }));
  });
}

/** The agencies (holders today) of a task in a role. */
function holdersOf(row: ReminderCandidateRow, role: 'lead' | 'support', routing: Pick<Routing, 'holderOf'>) {
  return [...new Set(row.agencies.filter((a) => a.role === role).map((a) => routing.holderOf(a.agencyId)))];
}

/** The routing of the day: agencies with their successors, and the officers of every agency concerned. */
async function loadRouting(db: RouteDayRemindersDeps['db'], day: string, scheduled: ScheduledRow[]) {
  const agencies = await loadAgencyLinks(db);
  const agenciesOnly = createRouting(agencies, [], day);
  const concerned = new Set(
    scheduled.flatMap(({ row }) => [
      ...holdersOf(row, 'lead', agenciesOnly),
      ...holdersOf(row, 'support', agenciesOnly),
    ]),
  );
  return createRouting(agencies, await loadRecipientOfficers(db, [...concerned]), day);
}

/** One reminder to each recipient: the officers of the lead agencies (support agencies for support-input). */
function routeToOfficers(scheduled: ScheduledRow[], routing: Routing) {
  const reminders: RoutedReminder[] = [];
  const supportHolders = new Map<number, number[]>();
  const nobody = { officerId: null, officerName: null, officerLocale: 'vi' as const };
  for (const { r, row } of scheduled) {
    const lead = holdersOf(row, 'lead', routing);
    const support = holdersOf(row, 'support', routing).filter((id) => !lead.includes(id));
    supportHolders.set(row.id, support);
    const targets = r.kind === 'support-input' ? support : lead;
    const base = { taskId: row.id, code: row.code, planId: row.planId, kind: r.kind, dueDate: r.dueDate };
    if (targets.length === 0 && r.kind !== 'support-input') {
      reminders.push({ ...base, ...nobody, agencyId: null, agencyName: null });
    }
    for (const agencyId of targets) {
      const to = routing.recipients(agencyId, r.kind);
      if (to.length === 0)
        reminders.push({ ...base, ...nobody, agencyId, agencyName: routing.agencyName(agencyId) });
      for (const o of to) {
        reminders.push({
          ...base,
          officerId: o.id,
          officerName: o.name,
          officerLocale: o.locale,
          agencyId: o.agencyId,
          agencyName: routing.agencyName(o.agencyId),
        });
      }
    }
  }
  return { reminders: uniqueReminders(reminders), supportHolders };
}

/** One officer may be reached twice for a task (a deputy of two agencies): keeps each reminder once. */
function uniqueReminders(reminders: RoutedReminder[]): RoutedReminder[] {
  const seen = new Set<string>();
  return reminders.filter((x) => {
    const key = `${x.taskId}|${x.officerId ?? `agency${x.agencyId}`}|${x.kind}`;
    return !seen.has(key) && seen.add(key);
  });
}

/** Schedules the reminders of the Vietnam day of `at` and routes them to officers. */
export async function routeDayReminders(deps: RouteDayRemindersDeps, at: Date): Promise<DayReminders> {
  const day = vnDate(at);
  const found = await loadPlanWindows(deps, day);
  const policies = found.policies;
  const empty: DayReminders = {
    day,
    reminders: [],
    policies,
    supportHolders: new Map(),
    holderOf: (id) => id,
  };
  if (!found.union || found.union.to < found.union.from) return empty;
  const scheduled = await scheduleLoadedTasks(deps, day, found, found.union);
  if (scheduled.length === 0) return empty;
  const routing = await loadRouting(deps.db, day, scheduled);
  const { reminders, supportHolders } = routeToOfficers(scheduled, routing);
  return { day, reminders, policies, supportHolders, holderOf: routing.holderOf };
}
