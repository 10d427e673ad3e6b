/**
 * The reminders of one Vietnam day, routed to officers, without writing anything: what `remind
 * --dry-run` lists and what the planner then stores and queues. Only the tasks that can be due that day
 * are loaded (the candidate window of each plan's policy, open overdue tasks, and undated tasks on
 * monthly-cycle days), so planning scales with what is due, not with the size of the plans.
 */

import type { WorkCalendarConfig } from '../../domain/calendar/working-time.ts';
import { vnDate } from '../../domain/calendar/working-time.ts';
import {
  type CandidateWindow,
  candidateDueDates,
  isTaskDueForPlanning,
  planRemindersForDay,
} from '../../domain/reminder/plan-reminders.ts';
import type { ReminderPolicy } from '../../domain/reminder/reminder-policy.ts';
import type { ReminderKind, ReminderTask } from '../../domain/reminder/reminder-types.ts';
import type { PrismaClient } from '../../store/prisma-client.ts';
import { loadAgencyLinks, loadRecipientOfficers } from '../../store/reminder-recipients.ts';
import { activePlanPolicies, countOverdueDays, loadPlanningTasks } from '../../store/reminders.ts';
import { planPolicy } from './plan-policy.ts';
import { createRouting } from './route-reminders.ts';

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

export interface DayPlan {
  day: string;
  reminders: RoutedReminder[];
  /** Policy of each plan that has reminders today. */
  policies: Map<number, ReminderPolicy>;
  /** Support agencies (holders) of each task, for the input shown to lead agencies. */
  supportHolders: Map<number, number[]>;
  /** Holder agency of every agency seen. */
  holderOf: (agencyId: number) => number;
}

export interface PlanDayDeps {
  db: PrismaClient;
  calendar: WorkCalendarConfig;
  logger?: { warn(obj: object, msg?: string): void };
}

function widen(a: CandidateWindow | null, b: CandidateWindow): CandidateWindow {
  if (!a) return b;
  return { from: b.from, to: a.to > b.to ? a.to : b.to, monthlyCycle: a.monthlyCycle || b.monthlyCycle };
}

/** Plans the reminders of the Vietnam day of `at` and routes them. */
export async function planDay(deps: PlanDayDeps, at: Date): Promise<DayPlan> {
  const { db, calendar } = deps;
  const day = vnDate(at);
  const policies = new Map<number, ReminderPolicy>();
  const windows = new Map<number, CandidateWindow>();
  let union: CandidateWindow | null = null;
  for (const plan of await activePlanPolicies(db)) {
    const { policy, problem } = planPolicy(plan.policy);
    if (problem) deps.logger?.warn({ planId: plan.id, problem }, 'invalid reminder policy: default used');
    const window = candidateDueDates(day, policy, calendar);
    policies.set(plan.id, policy);
    windows.set(plan.id, window);
    union = widen(union, window);
  }
  const empty: DayPlan = { day, reminders: [], policies, supportHolders: new Map(), holderOf: (id) => id };
  if (!union || union.to < union.from) return empty;

  const rows = await loadPlanningTasks(db, union);
  const overdueDue = new Map(rows.flatMap((r) => (r.dueDate && r.dueDate < day ? [[r.id, r.dueDate]] : [])));
  const overdueSent = await countOverdueDays(db, day, overdueDue);
  const planned = rows.flatMap((row) => {
    const policy = policies.get(row.planId);
    const window = windows.get(row.planId);
    if (!policy || !window) return [];
    const task: ReminderTask = {
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
      overdueRemindersSent: overdueSent.get(row.id) ?? 0,
    };
    if (!isTaskDueForPlanning(task, day, policy, calendar, window)) return [];
    return planRemindersForDay({ today: day, tasks: [task], policy, calendar }).map((r) => ({ r, row }));
  });
  if (planned.length === 0) return empty;

  const agencies = await loadAgencyLinks(db);
  const routing0 = createRouting(agencies, [], day);
  const holders = (row: (typeof planned)[number]['row'], role: 'lead' | 'support') => [
    ...new Set(row.agencies.filter((a) => a.role === role).map((a) => routing0.holderOf(a.agencyId))),
  ];
  const allHolders = new Set(
    planned.flatMap(({ row }) => [...holders(row, 'lead'), ...holders(row, 'support')]),
  );
  const officers = await loadRecipientOfficers(db, [...allHolders]);
  const routing = createRouting(agencies, officers, day);

  const reminders: RoutedReminder[] = [];
  const supportHolders = new Map<number, number[]>();
  for (const { r, row } of planned) {
    const lead = holders(row, 'lead');
    const support = holders(row, 'support').filter((id) => !lead.includes(id));
    supportHolders.set(row.id, support);
    const targets = r.kind === 'support-input' ? support : lead;
    const base = { taskId: row.id, code: row.code, planId: row.planId, kind: r.kind, dueDate: r.dueDate };
    if (targets.length === 0 && r.kind !== 'support-input') {
      reminders.push({
        ...base,
        officerId: null,
        officerName: null,
        officerLocale: 'vi',
        agencyId: null,
        agencyName: null,
      });
    }
    for (const agencyId of targets) {
      const agencyName = routing.agencyName(agencyId);
      const to = routing.recipients(agencyId, r.kind);
      if (to.length === 0)
        reminders.push({
          ...base,
          officerId: null,
          officerName: null,
          officerLocale: 'vi',
          agencyId,
          agencyName,
        });
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
  // One officer may be reached twice for a task (a deputy of two agencies): keep each reminder once.
  const seen = new Set<string>();
  const unique = reminders.filter((x) => {
    const key = `${x.taskId}|${x.officerId ?? `agency${x.agencyId}`}|${x.kind}`;
    return !seen.has(key) && seen.add(key);
  });
  return { day, reminders: unique, policies, supportHolders, holderOf: routing.holderOf };
}
