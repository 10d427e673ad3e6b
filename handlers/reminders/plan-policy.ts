/**
 * A plan's reminder policy: the default policy with the plan's overrides (Plan.reminderPolicy JSON).
 * Overrides are validated field by field; an invalid JSON is reported and the default used, so that a
 * typo in one plan never stops the reminders of every plan.
 */
import { z } from 'zod';
import {
  assertValidPolicy,
  DEFAULT_REMINDER_POLICY,
  type ReminderPolicy,
} from '../../domain/reminder/reminder-policy.ts';

const day = z.number().int().min(0).max(366);

/** The JSON stored in Plan.reminderPolicy: any subset of {@link ReminderPolicy}. */
export const planPolicySchema = z
  .object({
    beforeDays: z.array(day).min(1).max(20),
    overdueEveryWorkingDays: z.number().int().min(1).max(60),
    escalateAfter: z.number().int().min(0).max(60),
    monthlyReportDay: z.number().int().min(1).max(31),
    monthlyReminderDays: z.array(z.number().int().min(1).max(31)).max(10),
    supportInputDaysBefore: z.number().int().min(0).max(30),
    sendTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/u),
  })
  .partial()
  .strict();

export type PolicyResult = { policy: ReminderPolicy; problem: string | null };

/** The effective policy of a plan. `stored` is Plan.reminderPolicy (null: the default). */
export function planPolicy(stored: unknown): PolicyResult {
  if (stored === null || stored === undefined) return { policy: DEFAULT_REMINDER_POLICY, problem: null };
  const parsed = planPolicySchema.safeParse(stored);
  if (!parsed.success) return { policy: DEFAULT_REMINDER_POLICY, problem: z.prettifyError(parsed.error) };
  const overrides = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined));
  const policy: ReminderPolicy = { ...DEFAULT_REMINDER_POLICY, ...overrides };
  try {
    assertValidPolicy(policy);
    return { policy, problem: null };
  } catch (error) {
    return { policy: DEFAULT_REMINDER_POLICY, problem: (error as Error).message };
  }
}
