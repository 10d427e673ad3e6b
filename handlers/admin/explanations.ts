/**
 * `/giaitrinh` (`/explain`), formal requests for an explanation (yêu cầu giải trình):
 * - `/giaitrinh` lists unanswered requests (admins, committee);
 * - `/giaitrinh <task>` sends a request to the lead agency's officers and head (admins);
 * - `/giaitrinh <task> <text>`, or a reply to the request, records the lead agency's answer.
 */
import { z } from 'zod';
import { vnDate } from '../../domain/calendar/working-time.ts';
import {
  adminRecipients,
  leadRecipients,
  type Recipient,
  recipientById,
  tasksLedBy,
} from '../../store/admin-officers.ts';
import {
  answerExplanation,
  createExplanationRequest,
  EXPLANATION_KEY_PREFIX,
  explanationOfSentMessage,
  openExplanations,
} from '../../store/explanations.ts';
import { agenciesRepresentedBy } from '../../store/tasks.ts';
import {
  ADMIN,
  ADMIN_OR_COMMITTEE,
  type ChatCommand,
  type CommandDeps,
  type CommandOutcome,
  type OfficerTurn,
} from '../commands/chat-command.ts';
import { actorOf, refuseRole, replyUsage } from './admin-helpers.ts';
import { taskRefArg } from './command-args.ts';
import { findLedTask } from './find-led-task.ts';
import { findTaskOrExplain } from './find-task-or-explain.ts';
import { notifyOfficers } from './notify-officers.ts';

const ExplainArgs = z
  .string()
  .trim()
  .transform((s) => {
    const match = /^(\S+)\s*([\s\S]*)$/u.exec(s);
    return { task: match?.[1] ?? '', text: match?.[2]?.trim() ?? '' };
  })
  .pipe(z.object({ task: taskRefArg, text: z.string().max(3000) }));

async function listOpen(turn: OfficerTurn): Promise<CommandOutcome> {
  if (!ADMIN_OR_COMMITTEE.includes(turn.officer.role)) return refuseRole(turn, ADMIN_OR_COMMITTEE);
  const m = turn.m;
  const rows = await openExplanations(turn.db);
  if (rows.length === 0) {
    await turn.reply(m.admin.noOpen);
    return 'processed';
  }
  const lines = rows.map((r) =>
    m.admin.openLine(r.code, r.title, r.lead.join(', '), m.dateFormat(vnDate(r.requestedAt))),
  );
  await turn.reply([m.admin.openHeader(rows.length), ...lines].join('\n'), {
    taskIds: rows.map((r) => r.taskId),
  });
  return 'processed';
}

async function request(
  turn: OfficerTurn,
  deps: CommandDeps,
  ref: z.infer<typeof taskRefArg>,
): Promise<CommandOutcome> {
  if (!ADMIN.includes(turn.officer.role)) return refuseRole(turn, ADMIN);
  const task = await findTaskOrExplain(turn, ref);
  if (!task) return 'rejected';
  const recipients = await leadRecipients(turn.db, task.id);
  if (recipients.length === 0) {
    await turn.reply(turn.m.admin.explanationNoRecipients(task.code));
    return 'rejected';
  }
  const requestId = await createExplanationRequest(turn.db, {
    taskId: task.id,
    actor: actorOf(turn),
    now: turn.now,
  });
  const result = await notifyOfficers(turn, deps, recipients, {
    kind: 'notice',
    key: (r) => `${EXPLANATION_KEY_PREFIX}${requestId}-officer-${r.id}`,
    taskIds: [task.id],
    message: (lm) => ({
      text: lm.admin.explanationRequest(
        task.code,
        task.title,
        task.dueDate ? lm.dateFormat(task.dueDate) : lm.admin.noDate,
      ),
    }),
  });
  await turn.reply(turn.m.admin.explanationSent(task.code, result.queued), { taskIds: [task.id] });
  return 'processed';
}

/** Records an answer on the request and tells the admin who asked (or every admin). */
async function recordAnswer(
  turn: OfficerTurn,
  deps: CommandDeps,
  open: { id: number; code: string; requestedBy: number | null; taskId: number },
  text: string,
): Promise<CommandOutcome> {
  const done = await answerExplanation(turn.db, {
    requestId: open.id,
    answer: text,
    officerId: turn.officer.id,
    actor: actorOf(turn),
    now: turn.now,
  });
  if (!done) {
    await turn.reply(turn.m.admin.explanationNoOpen(open.code));
    return 'rejected';
  }
  const asker = open.requestedBy === null ? null : await recipientById(turn.db, open.requestedBy);
  const admins: Recipient[] = asker ? [asker] : await adminRecipients(turn.db);
  const name = turn.officer.name;
  await notifyOfficers(turn, deps, admins, {
    kind: 'notice',
    key: (r) => `explanation-${open.id}-answer-${r.id}`,
    taskIds: [open.taskId],
    message: (lm) => ({ text: lm.admin.explanationForAdmin(open.code, name, text) }),
  });
  await turn.reply(turn.m.admin.explanationRecorded(open.code));
  return 'processed';
}

async function answer(turn: OfficerTurn, deps: CommandDeps, ref: z.infer<typeof taskRefArg>, text: string) {
  const task = await findLedTask(turn, ref, turn.m.admin.explanationNotYours);
  if (!task) return 'rejected' as const;
  const open = (await openExplanations(turn.db, [task.id])).at(-1);
  if (!open) {
    await turn.reply(turn.m.admin.explanationNoOpen(task.code));
    return 'rejected' as const;
  }
  return recordAnswer(turn, deps, open, text);
}

/** A reply to one of our requests for explanation is the answer; null when it replies to anything else. */
export async function answerByReply(turn: OfficerTurn, deps: CommandDeps): Promise<CommandOutcome | null> {
  const { channel, chatId, replyToMessageId } = turn.message;
  if (!replyToMessageId || !turn.message.text.trim()) return null;
  const requestId = await explanationOfSentMessage(turn.db, channel, chatId, replyToMessageId);
  if (requestId === null) return null;
  const open = (await openExplanations(turn.db)).find((r) => r.id === requestId);
  if (!open) {
    await turn.reply(turn.m.admin.noOpen);
    return 'rejected';
  }
  const agencies = await agenciesRepresentedBy(turn.db, turn.officer.agencyId);
  if ((await tasksLedBy(turn.db, [open.taskId], agencies)).length === 0) {
    await turn.reply(turn.m.admin.explanationNotYours(open.code));
    return 'rejected';
  }
  return recordAnswer(turn, deps, open, turn.message.text.trim());
}

export const explanations: ChatCommand = {
  names: ['giaitrinh', 'explain'],
  roles: ['officer', 'committee', 'admin'],
  usage: 'giaitrinh',
  summary: 'giaitrinh',
  once: true,
  async run(turn, args, deps) {
    if (!args) return listOpen(turn);
    const parsed = ExplainArgs.safeParse(args);
    if (!parsed.success) return replyUsage(turn, 'giaitrinh');
    if (!parsed.data.text) return request(turn, deps, parsed.data.task);
    return answer(turn, deps, parsed.data.task, parsed.data.text);
  },
};
