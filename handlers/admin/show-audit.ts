/** `/nhatky [lines]` (`/audit`): the latest administration log entries. Admins only. */
import { z } from 'zod';
import { vnDate, vnTime } from '../../domain/calendar/working-time.ts';
import { recentAudit } from '../../store/audit.ts';
import { ADMIN, type ChatCommand } from '../commands/chat-command.ts';
import { replyUsage } from './admin-helpers.ts';
import { idArg } from './command-args.ts';

const AuditArgs = z.union([z.literal('').transform(() => 15), idArg.pipe(z.number().max(50))]);

function short(value: unknown): string {
  if (value === null || value === undefined) return '∅';
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

export const showAudit: ChatCommand = {
  names: ['nhatky', 'audit'],
  roles: ADMIN,
  usage: 'nhatky',
  summary: 'nhatky',
  async run(turn, args) {
    const parsed = AuditArgs.safeParse(args.trim());
    if (!parsed.success) return replyUsage(turn, 'nhatky');
    const m = turn.m;
    const rows = await recentAudit(turn.db, parsed.data);
    if (rows.length === 0) {
      await turn.reply(m.admin.auditEmpty);
      return 'processed';
    }
    const lines = rows.map((r) =>
      m.admin.auditLine(
        `${m.dateFormat(vnDate(r.at))} ${vnTime(r.at)}`,
        r.actorLabel,
        r.action,
        `${r.targetType}${r.targetId ? ` ${r.targetId}` : ''}`,
        r.before === null && r.after === null ? '' : `${short(r.before)} → ${short(r.after)}`,
      ),
    );
    await turn.reply([m.admin.auditHeader(rows.length), ...lines].join('\n'));
    return 'processed';
  },
};
