/**
 * A morning reminder without the tasks the officer reported on between scheduling (07:30) and sending
 * (08:30): the blocks and buttons of those tasks are removed from the composed message and the header
 * counts what is left. Works on the message {@link composeReminder} wrote: header, one block per task
 * (starting `#<code> `), footer, separated by blank lines.
 */
import type { LocaleCode } from '../../locales/index.ts';
import { t } from '../../locales/index.ts';
import type { OutgoingMessage } from '../channel.ts';
import { reportButtons } from '../conversation/format-task.ts';

/**
 * The message without the tasks `dropCodes`; null when no task is left (the reminder is not sent).
 * Text outside the task blocks (support input lines stay inside their task's block) is kept.
 */
export function dropAnsweredTasks(
  message: OutgoingMessage,
  dropCodes: ReadonlySet<string>,
  locale: LocaleCode,
): OutgoingMessage | null {
  const m = t(locale);
  const parts = message.text.split('\n\n');
  const blocks = parts.slice(1, -1);
  const codeOf = (block: string) => /^#(\S+) /u.exec(block)?.[1];
  const kept = blocks.filter((block) => {
    const code = codeOf(block);
    return code === undefined || !dropCodes.has(code);
  });
  const codes = kept.flatMap((block) => codeOf(block) ?? []);
  if (codes.length === 0) return null;
  const text = [m.reminderHeader(codes.length), ...kept, parts.at(-1) ?? m.reminderFooter].join('\n\n');
  const buttons = codes.flatMap((code) => reportButtons(code, m, codes.length > 1));
  const { replaceMessageId: _ignored, ...rest } = message;
  return { ...rest, text, buttons };
}
