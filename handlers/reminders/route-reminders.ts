/**
 * Who receives a planned reminder. Tasks stay with the agency the plan names; the reminder goes to the
 * agency holding its tasks today (successor chain: Sở Thông tin và Truyền thông → Sở Khoa học và Công
 * nghệ). Inside an agency the focal officers (role 'officer', not the head when anyone else is there)
 * receive it; an officer who is paused or on leave is replaced by their deputy, else by the agency's
 * other available officers. Escalations also go to every available officer of the agency (the head).
 */
import type { ReminderKind } from '../../domain/reminder/reminder-types.ts';
import type { AgencyLink, RecipientOfficer } from '../../store/reminder-recipients.ts';

export interface Routing {
  /** The agency that holds an agency's tasks today (itself when it has no successor). */
  holderOf(agencyId: number): number;
  agencyName(agencyId: number): string;
  /** Officers of the holder agency who receive a reminder of this kind today (may be empty). */
  recipients(holderId: number, kind: ReminderKind): RecipientOfficer[];
}

export function createRouting(
  agencies: readonly AgencyLink[],
  officers: readonly RecipientOfficer[],
  today: string,
): Routing {
  const byAgency = new Map(agencies.map((a) => [a.id, a]));
  const byId = new Map(officers.map((o) => [o.id, o]));
  const available = (o: RecipientOfficer): boolean =>
    o.active && !o.paused && !(o.leaveUntil !== null && o.leaveUntil >= today);

  const holderOf = (agencyId: number): number => {
    const seen = new Set<number>([agencyId]);
    let current = agencyId;
    for (;;) {
      const next = byAgency.get(current)?.successorId;
      if (next === null || next === undefined || seen.has(next)) return current;
      seen.add(next);
      current = next;
    }
  };

  return {
    holderOf,
    agencyName: (id) => byAgency.get(id)?.name ?? `#${id}`,
    recipients(holderId, kind) {
      const members = officers.filter((o) => o.agencyId === holderId && o.active);
      const officerRole = members.filter((o) => o.role === 'officer');
      const notHeads = officerRole.filter((o) => !o.isHead);
      const focal = notHeads.length > 0 ? notHeads : officerRole;
      const present = focal.filter(available);
      const out: RecipientOfficer[] = [...present];
      for (const absent of focal.filter((o) => !available(o))) {
        const deputy = absent.deputyId === null ? undefined : byId.get(absent.deputyId);
        if (deputy && available(deputy)) out.push(deputy);
        else if (present.length === 0) out.push(...members.filter(available));
      }
      if (kind === 'escalation') out.push(...members.filter(available));
      const seen = new Set<number>();
      return out.filter((o) => !seen.has(o.id) && seen.add(o.id));
    },
  };
}
