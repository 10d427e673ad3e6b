/**
 * `/xuat [plan id]` (`/export`): the current state of every task as an XLSX document, sent through the
 * outbox like any other answer. Admins and the committee.
 */
import { z } from 'zod';
import { taskStates } from '../../store/tasks.ts';
import { ADMIN_OR_COMMITTEE, type ChatCommand } from '../commands/chat-command.ts';
import { replyUsage } from './admin-helpers.ts';
import { buildTaskWorkbook, XLSX_MIME } from './build-task-workbook.ts';
import { idArg } from './command-args.ts';

const ExportArgs = z.union([z.literal('').transform(() => undefined), idArg]);

export const exportTasks: ChatCommand = {
  names: ['xuat', 'export'],
  roles: ADMIN_OR_COMMITTEE,
  usage: 'xuat',
  summary: 'xuat',
  async run(turn, args) {
    const parsed = ExportArgs.safeParse(args.trim());
    if (!parsed.success) return replyUsage(turn, 'xuat');
    const rows = await taskStates(turn.db, parsed.data);
    if (rows.length === 0) {
      await turn.reply(turn.m.admin.exportEmpty);
      return 'processed';
    }
    const bytes = await buildTaskWorkbook(rows, turn.locale);
    const message = turn.message;
    await turn.deps.outbox.enqueue([
      {
        dedupKey: `export-${message.channel}-${message.platformId}`,
        kind: 'reply',
        officerId: turn.officer.id,
        to: { channel: message.channel, chatId: message.chatId },
        message: {
          text: '',
          attachments: [
            {
              kind: 'document',
              filename: `de-an-06-${turn.today}.xlsx`,
              mimeType: XLSX_MIME,
              base64: Buffer.from(bytes).toString('base64'),
              caption: turn.m.admin.exportCaption(rows.length),
            },
          ],
        },
      },
    ]);
    return 'processed';
  },
};
