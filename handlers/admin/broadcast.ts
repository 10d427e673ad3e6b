/**
 * `/thongbao [kehoach <id> |] <text>` (`/broadcast`): a notice to the officers of a plan (the newest
 * plan by default). It first shows the recipient count with Confirm / Cancel; Confirm queues one message
 * per officer with deterministic keys, so a second press never sends twice. Admins only.
 */
import { z } from 'zod';
import { planRecipients } from '../../store/admin-officers.ts';
import { findPlan } from '../../store/admin-tasks.ts';
import { recordAudit } from '../../store/audit.ts';
import { setConversation, takeConversation } from '../../store/conversations.ts';
import { idArg, pipeParts, subcommand } from './args.ts';
import { ADMIN, type AdminCommand, actorOf, type OfficerTurn, replyUsage } from './command.ts';
import { notifyOfficers } from './notify.ts';
import { cancelCommand, confirmRow, pendingKey } from './pending-confirmation.ts';

export const BROADCAST_KIND = 'confirm-broadcast';
const CONFIRM_MINUTES = 30;

const Pending = z.object({
  planId: z.number(),
  text: z.string(),
  officerIds: z.array(z.number()),
  origin: z.string(),
});

const BroadcastArgs = z
  .string()
  .trim()
  .transform((s) => {
    const [head = '', ...rest] = pipeParts(s);
    const { sub, rest: id } = subcommand(head);
    return rest.length > 0 && (sub === 'kehoach' || sub === 'plan')
      ? { planId: id, text: rest.join(' | ') }
      : { planId: undefined, text: s };
  })
  .pipe(z.object({ planId: idArg.optional(), text: z.string().min(3).max(3000) }));

const chatKey = (turn: OfficerTurn) => pendingKey(turn, BROADCAST_KIND);

export const broadcast: AdminCommand = {
  names: ['thongbao', 'broadcast'],
  roles: ADMIN,
  usage: 'thongbao',
  summary: 'thongbao',
  async run(turn, args) {
    const parsed = BroadcastArgs.safeParse(args);
    if (!parsed.success) return replyUsage(turn, 'thongbao');
    const m = turn.m.admin;
    const plan = await findPlan(turn.db, parsed.data.planId);
    if (!plan) {
      await turn.reply(parsed.data.planId ? m.planNotFound(String(parsed.data.planId)) : m.broadcastNoPlan);
      return 'rejected';
    }
    const recipients = await planRecipients(turn.db, plan.id);
    if (recipients.length === 0) {
      await turn.reply(m.broadcastNoRecipients);
      return 'rejected';
    }
    const pending = {
      planId: plan.id,
      text: parsed.data.text,
      officerIds: recipients.map((r) => r.id),
      origin: `${turn.message.channel}-${turn.message.platformId}`,
    };
    await setConversation(
      turn.db,
      chatKey(turn),
      pending,
      new Date(turn.now.getTime() + CONFIRM_MINUTES * 60_000),
    );
    await turn.reply(m.broadcastPreview(recipients.length, plan.title, parsed.data.text), {
      buttons: confirmRow(turn, 'tb_ok', 'tb_huy'),
    });
    return 'processed';
  },
};

/** The Confirm button of a broadcast preview. */
export const confirmBroadcast: AdminCommand = {
  names: ['tb_ok'],
  roles: ADMIN,
  usage: null,
  summary: null,
  async run(turn, _args, deps) {
    const pending = await takeConversation(turn.db, chatKey(turn), turn.now, Pending);
    if (!pending) {
      await turn.reply(turn.m.admin.nothingToConfirm);
      return 'rejected';
    }
    const { planId, text, officerIds, origin } = pending;
    const recipients = (await planRecipients(turn.db, planId)).filter((r) => officerIds.includes(r.id));
    const result = await notifyOfficers(turn, deps, recipients, {
      kind: 'broadcast',
      key: (r) => `broadcast-${origin}-${r.id}`,
      message: (lm) => ({ text: lm.admin.broadcastMessage(text) }),
    });
    await recordAudit(turn.db, {
      actor: actorOf(turn),
      action: 'plan.broadcast',
      targetType: 'plan',
      targetId: planId,
      after: { text, queued: result.queued, unreachable: result.unreachable },
    });
    await turn.reply(turn.m.admin.broadcastSent(result.queued, result.unreachable));
    return 'processed';
  },
};

/** The Cancel button of a broadcast preview. */
export const cancelBroadcast: AdminCommand = cancelCommand('tb_huy', BROADCAST_KIND);
