/**
 * `/nghiphep <until dd/mm/yyyy> [deputy name or id]` (`/leave`): an officer records leave up to and
 * including a day, optionally naming the deputy (an active officer of the same agency) who receives
 * their reminders meanwhile; without a deputy the agency's other officers do. `/nghiphep off` ends it.
 * Naming no deputy keeps the deputy already on file (an admin may have set a standing one).
 */
import { isCivilDate } from '../../domain/calendar/civil-date.ts';
import { foldForMatch } from '../../domain/text/normalize-vietnamese.ts';
import { activeColleagues, currentLeave, setOfficerLeave } from '../../store/officer-leave.ts';
import { ANY_OFFICER, type ChatCommand, type OfficerTurn } from '../commands/chat-command.ts';
import type { Turn } from '../conversation/turn.ts';

const OFF_WORDS = new Set(['off', 'tat', 'het', 'huy', 'ket thuc', 'end', 'stop']);
const DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/u;

/** 'd/m/yyyy' (also with '-' or '.') as 'YYYY-MM-DD', or null. */
export function parseVnDate(text: string): string | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return isCivilDate(iso) ? iso : null;
}

/** The `/nghiphep` entry of the command registry. */
export const leaveCommand: ChatCommand = {
  names: ['nghiphep', 'leave'],
  roles: ANY_OFFICER,
  usage: null,
  summary: 'nghiphep',
  menu: true,
  run: recordLeave,
};

/** Records, replaces or ends the sender's leave. */
async function recordLeave(turn: OfficerTurn, args: string): Promise<'processed' | 'rejected'> {
  const officer = turn.officer;
  const m = turn.m.leaveCommand;
  if (!args) {
    await turn.reply(m.usage);
    return 'rejected';
  }
  if (OFF_WORDS.has(foldForMatch(args))) {
    const now = await currentLeave(turn.db, officer.id);
    if (now.leaveUntil === null || now.leaveUntil < turn.today) {
      await turn.reply(m.notOnLeave);
      return 'processed';
    }
    await setOfficerLeave(turn.db, {
      officerId: officer.id,
      leaveUntil: null,
      deputyId: now.deputyId,
      actor: officer.name,
      at: turn.now,
    });
    await turn.reply(m.ended);
    return 'processed';
  }
  const [dateText = '', ...rest] = args.split(/\s+/u);
  const until = parseVnDate(dateText);
  if (!until) {
    await turn.reply(`${m.badDate(dateText)}\n${m.usage}`);
    return 'rejected';
  }
  if (until < turn.today) {
    await turn.reply(m.pastDate);
    return 'rejected';
  }
  const deputy = await resolveDeputy(turn, rest.join(' ').trim());
  if (deputy === 'rejected') return 'rejected';
  await setOfficerLeave(turn.db, {
    officerId: officer.id,
    leaveUntil: until,
    deputyId: deputy?.id ?? null,
    actor: officer.name,
    at: turn.now,
  });
  await turn.reply(m.recorded(turn.m.dateFormat(until), deputy?.name ?? null));
  return 'processed';
}

/** The named deputy, the one on file when none is named, or 'rejected' after explaining why. */
async function resolveDeputy(
  turn: Turn,
  text: string,
): Promise<{ id: number; name: string } | null | 'rejected'> {
  const officer = turn.officer!;
  const m = turn.m.leaveCommand;
  const colleagues = await activeColleagues(turn.db, officer.agencyId, officer.id);
  if (!text) {
    const { deputyId } = await currentLeave(turn.db, officer.id);
    return colleagues.find((c) => c.id === deputyId) ?? null;
  }
  const byId = /^#?(\d+)$/u.exec(text);
  if (byId && Number(byId[1]) === officer.id) {
    await turn.reply(m.deputySelf);
    return 'rejected';
  }
  const wanted = foldForMatch(text);
  const matches = byId
    ? colleagues.filter((c) => c.id === Number(byId[1]))
    : colleagues.filter((c) => foldForMatch(c.name) === wanted || foldForMatch(c.name).includes(wanted));
  const exact = matches.filter((c) => foldForMatch(c.name) === wanted);
  const chosen = exact.length === 1 ? exact : matches;
  if (chosen.length === 1) return chosen[0]!;
  if (chosen.length === 0) {
    await turn.reply(foldForMatch(officer.name) === wanted ? m.deputySelf : m.deputyNotFound(text));
  } else {
    await turn.reply(m.deputyAmbiguous(chosen.map((c) => `${c.name} (${c.id})`).join(', ')));
  }
  return 'rejected';
}
