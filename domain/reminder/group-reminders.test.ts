import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Orderable } from './group-reminders.ts';
import { compareReminderUrgency, groupByRecipient, groupForMessages } from './group-reminders.ts';
import type { ReminderKind } from './reminder-types.ts';

type Item = Orderable & { recipientId: string; id: string };
const item = (
  id: string,
  recipientId: string,
  kind: ReminderKind,
  dueDate: string | null,
  code = id,
): Item => ({
  id,
  recipientId,
  kind,
  dueDate,
  code,
});

describe('groupByRecipient', () => {
  it('GIVEN items for two officers THEN one group each, in first-seen order, items in input order', () => {
    const items = [
      item('1', 'bob', 'T0', '2025-03-01'),
      item('2', 'ann', 'T-7', null),
      item('3', 'bob', 'monthly', null),
    ];
    const groups = groupByRecipient(items);
    expect([...groups.keys()]).toEqual(['bob', 'ann']);
    expect(groups.get('bob')?.map((i) => i.id)).toEqual(['1', '3']);
  });

  it('keeps every item exactly once', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ recipientId: fc.constantFrom('a', 'b', 'c'), n: fc.nat() })),
        (items) => {
          const groups = groupByRecipient(items);
          expect([...groups.values()].flat()).toHaveLength(items.length);
          for (const [rid, group] of groups) expect(group.every((i) => i.recipientId === rid)).toBe(true);
        },
      ),
    );
  });
});

describe('compareReminderUrgency', () => {
  it.each([
    [
      'overdue before a nearer T0',
      item('a', 'x', 'overdue', '2025-03-10'),
      item('b', 'x', 'T0', '2025-03-01'),
      -1,
    ],
    [
      'escalation counts as overdue',
      item('a', 'x', 'T-1', '2025-03-01'),
      item('b', 'x', 'escalation', '2025-03-20'),
      1,
    ],
    ['nearer due date first', item('a', 'x', 'T-7', '2025-03-08'), item('b', 'x', 'T0', '2025-03-20'), -1],
    ['no due date last', item('a', 'x', 'monthly', null), item('b', 'x', 'T-14', '2025-12-31'), 1],
    ['numeric code order', item('1.10', 'x', 'T0', '2025-03-01'), item('1.2', 'x', 'T0', '2025-03-01'), 1],
  ])('GIVEN %s THEN the sign is %i', (_name, a, b, sign) => {
    expect(Math.sign(compareReminderUrgency(a, b))).toBe(sign);
    expect(Math.sign(compareReminderUrgency(b, a))).toBe(-sign);
  });

  it('GIVEN a day of reminders THEN each officer gets one ordered list', () => {
    const groups = groupForMessages([
      item('m', 'ann', 'monthly', '2025-03-15'),
      item('t', 'ann', 'T-3', '2025-03-12'),
      item('o', 'ann', 'overdue', '2025-02-01'),
      item('z', 'bob', 'T0', '2025-03-09'),
    ]);
    expect(groups.get('ann')?.map((i) => i.id)).toEqual(['o', 't', 'm']);
    expect(groups.get('bob')?.map((i) => i.id)).toEqual(['z']);
  });
});
