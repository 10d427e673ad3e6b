/**
 * When the bot reminds the officers in charge of a Đề án 06 task.
 * All day counts are evaluated against the working calendar (`domain/calendar`).
 */

/** Tunable reminder rules. */
export interface ReminderPolicy {
  /** Calendar days before the due date when the lead officer is reminded (0 = on the due date). */
  beforeDays: number[];
  /** After the due date, one 'overdue' reminder every this many working days. */
  overdueEveryWorkingDays: number;
  /** Once this many 'overdue' reminders have been sent, each further one comes with an 'escalation'. */
  escalateAfter: number;
  /** Day of the month by which the monthly progress report is due. */
  monthlyReportDay: number;
  /** Days of the month (before `monthlyReportDay`) of the monthly-cycle reminders. */
  monthlyReminderDays: number[];
  /** Cooperating agencies are asked for their input this many working days before a T-3, T0 or last monthly reminder. */
  supportInputDaysBefore: number;
  /** Preferred sending time, 'HH:MM' Vietnam time. */
  sendTime: string;
}

/** 14/7/3/1/0 days before; overdue every 3 working days; escalate after 2; report by the 15th. */
export const DEFAULT_REMINDER_POLICY: Readonly<ReminderPolicy> = Object.freeze({
  beforeDays: Object.freeze([14, 7, 3, 1, 0]) as number[],
  overdueEveryWorkingDays: 3,
  escalateAfter: 2,
  monthlyReportDay: 15,
  monthlyReminderDays: Object.freeze([10, 14]) as number[],
  supportInputDaysBefore: 3,
  sendTime: '08:30',
});

/** Throws RangeError when the policy cannot be planned with (empty, negative or non-integer values). */
export function assertValidPolicy(policy: ReminderPolicy): void {
  const isNat = (n: number): boolean => Number.isInteger(n) && n >= 0;
  if (!policy.beforeDays.every(isNat)) throw new RangeError('beforeDays must be non-negative integers');
  if (!(Number.isInteger(policy.overdueEveryWorkingDays) && policy.overdueEveryWorkingDays >= 1)) {
    throw new RangeError('overdueEveryWorkingDays must be a positive integer');
  }
  if (!isNat(policy.escalateAfter)) throw new RangeError('escalateAfter must be a non-negative integer');
  if (!isNat(policy.supportInputDaysBefore)) throw new RangeError('supportInputDaysBefore must be >= 0');
  const r = policy.monthlyReportDay;
  if (!(Number.isInteger(r) && r >= 1 && r <= 31)) throw new RangeError('monthlyReportDay must be 1..31');
  if (!policy.monthlyReminderDays.every((d) => Number.isInteger(d) && d >= 1 && d <= r)) {
    throw new RangeError('monthlyReminderDays must be days 1..monthlyReportDay');
  }
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(policy.sendTime)) throw new RangeError('sendTime must be HH:MM');
}
