/**
 * The digest as the CLI prints it (`JSON.stringify(digestToJson(model))`): instants become ISO 8601
 * strings, keys come in the contract's order, extra keys follow.
 */
import type { DigestTotals } from './digest-input.ts';
import type { DigestModel } from './digest-model.ts';

/** A JSON value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** The CLI contract of a digest; keys after `changes` are extras. */
export interface DigestJson {
  kind: DigestModel['kind'];
  period: { from: string; to: string };
  asOf: string;
  totals: DigestTotals;
  groups: JsonValue[];
  overdue: JsonValue[];
  dueSoon: JsonValue[];
  blockers: JsonValue[];
  silentAgencies: JsonValue[];
  changes: JsonValue[];
  today: string;
  noun: DigestModel['noun'];
  planTitles: string[];
  overdueRate: number;
  overdueRateChange: number | null;
  summary: { vi: string; en: string };
  silentThisMonth: JsonValue[];
  silentDateless: JsonValue[];
  dateless: JsonValue[];
  unreachable: JsonValue[];
  pendingExplanations: JsonValue[];
  needsAssignment: JsonValue[];
}

function plain(value: unknown): JsonValue {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: JsonValue } = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = plain(v);
    return out;
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return null;
}

function list(values: readonly unknown[]): JsonValue[] {
  return values.map(plain);
}

/** Totals in the contract's key order. */
export function totalsToJson(t: DigestTotals): DigestTotals {
  return {
    tasks: t.tasks,
    done: t.done,
    in_progress: t.in_progress,
    blocked: t.blocked,
    waiting_central: t.waiting_central,
    not_started: t.not_started,
    overdue: t.overdue,
    done_on_time: t.done_on_time,
    done_late: t.done_late,
    within_deadline: t.within_deadline,
    without_deadline: t.without_deadline,
  };
}

/** The model as plain JSON data in the CLI contract's shape (groups without their task rows). */
export function digestToJson(model: DigestModel): DigestJson {
  return {
    kind: model.kind,
    period: { from: model.period.from.toISOString(), to: model.period.to.toISOString() },
    asOf: model.asOf.toISOString(),
    totals: totalsToJson(model.totals),
    groups: model.groups.map((g) => ({
      planId: g.planId,
      code: g.code,
      title: g.title,
      totals: { ...totalsToJson(g.totals) },
    })),
    overdue: list(model.overdue),
    dueSoon: list(model.dueSoon),
    blockers: list(model.blockers),
    silentAgencies: list(model.silentAgencies),
    changes: list(model.changes),
    today: model.today,
    noun: model.noun,
    planTitles: [...model.planTitles],
    overdueRate: model.overdueRate,
    overdueRateChange: model.overdueRateChange,
    summary: { ...model.summary },
    silentThisMonth: list(model.silentThisMonth),
    silentDateless: list(model.silentDateless),
    dateless: list(model.dateless),
    unreachable: list(model.unreachable),
    pendingExplanations: list(model.pendingExplanations),
    needsAssignment: list(model.needsAssignment),
  };
}
