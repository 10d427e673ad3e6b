/**
 * Where one inbound message goes. The order of the checks is behaviour (an invite code before the
 * "unknown user" answer, a command before a typed report, ...), so it is written as one list of named
 * steps, {@link ROUTE_STEPS}: each step answers the message (an outcome) or passes it on (null).
 */
import { z } from 'zod';
import { REPORT_COMMAND_NAMES } from '../../domain/reply/report-commands.ts';
import { peekConversation, setConversation, takeConversation } from '../../store/conversations.ts';
import { markChatUnreachable } from '../../store/deliveries.ts';
import { moveChat } from '../../store/identities.ts';
import { INVITE_CODE_PATTERN, touchIdentity, touchIdentityIfStale } from '../../store/officers.ts';
import { refuseRole, replyUsage } from '../admin/admin-helpers.ts';
import { answerByReply } from '../admin/explanations.ts';
import { previewUploadedPlan } from '../admin/import-plan-file.ts';
import type { CommandDeps, OfficerTurn } from '../commands/chat-command.ts';
import { findCommand, helpText } from '../commands/command-registry.ts';
import { runOnce } from '../commands/run-once.ts';
import type { InboundOutcome } from '../inbound.ts';
import { answerPending } from './answer-pending.ts';
import { linkAccount } from './link-account.ts';
import { BUTTON_PAYLOAD, PENDING_KIND, pendingReportSchema, pressButton } from './press-button.ts';
import { reportProgress } from './report-progress.ts';
import { reviseReport } from './revise-report.ts';
import type { Turn } from './turn.ts';

/** One message on its way through the steps. */
export interface Routing {
  turn: Turn;
  deps: CommandDeps;
  /** The message text, trimmed. */
  text: string;
  /** The command the text starts with (`/name args`), lower-case and without `@BotName`. */
  command: { name: string; args: string } | null;
}

/** One check of the route: an outcome when it handled the message, null to pass it on. */
export interface RouteStep {
  readonly name: string;
  run(routing: Routing): Promise<InboundOutcome | null>;
}

const COMMAND = /^\/([a-z_]+)(?:@\w+)?(?:\s+([\s\S]*))?$/iu;
const REPORT_NAMES: ReadonlySet<string> = new Set(REPORT_COMMAND_NAMES);
/** Documents an admin sends with a caption are plan files when they have a plan file's extension. */
const PLAN_FILE_NAME = /\.(txt|tsv|csv|xlsx|docx|doc|pdf)$/iu;

const officerTurn = (turn: Turn) => turn as OfficerTurn;

/** How long the items of one album are recognised as such (clients send them within seconds). */
const ALBUM_WINDOW_MS = 10 * 60_000;
/** What is remembered of an album: the platform id of the item handled first. */
const albumSchema = z.object({ first: z.string() });

/**
 * True when a message is addressed to the bot: a command (typed, or as a caption), a button under our
 * message, or a reply to one of our messages. In a group only these are read.
 */
function isAddressed({ turn, text, command }: Routing): boolean {
  const { kind, replyToMessageId } = turn.message;
  return command !== null || kind === 'button' || replyToMessageId !== undefined || text.startsWith('/');
}

/** Routes one recorded message through {@link ROUTE_STEPS}. */
export async function routeMessage(turn: Turn, deps: CommandDeps): Promise<InboundOutcome> {
  const text = turn.message.text.trim();
  const match = turn.message.kind === 'button' || turn.message.kind === 'text' ? COMMAND.exec(text) : null;
  const command = match ? { name: match[1]!.toLowerCase(), args: match[2]?.trim() ?? '' } : null;
  const routing: Routing = { turn, deps, text, command };
  for (const step of ROUTE_STEPS) {
    const outcome = await step.run(routing);
    if (outcome) return outcome;
  }
  return 'ignored';
}

/** The steps, in order. */
export const ROUTE_STEPS: readonly RouteStep[] = [
  {
    // Zalo: the officer left the OA; Telegram: the user blocked the bot or the bot left the group. The chat
    // is marked so that the outbox and the admins know; writing again (touchIdentity) clears the mark.
    name: 'an unfollow marks the chat unreachable',
    async run({ turn }) {
      if (turn.message.kind !== 'unfollow') return null;
      if (!turn.chatIdentity) return 'ignored';
      await markChatUnreachable(turn.db, turn.message, turn.now);
      await turn.deps
        .onChatUnreachable?.()
        .catch((error: unknown) =>
          turn.deps.logger?.warn({ err: error }, 'could not tell the admins about an unreachable chat'),
        );
      return 'processed';
    },
  },
  {
    // A Telegram group upgraded to a supergroup: the chat (and what is queued for it) follows its new id.
    name: 'a chat moved to a new id follows it',
    async run({ turn }) {
      if (turn.message.kind !== 'moved') return null;
      if (!turn.message.movedToChatId) return 'ignored';
      const moved = await moveChat(
        turn.db,
        turn.message.channel,
        turn.message.chatId,
        turn.message.movedToChatId,
      );
      return moved ? 'processed' : 'ignored';
    },
  },
  {
    name: 'the bot added back to a group makes the group reachable',
    async run({ turn }) {
      if (turn.message.kind !== 'follow' || !turn.message.isGroup) return null;
      if (!turn.chatIdentity) return 'ignored';
      await touchIdentity(turn.db, turn.chatIdentity.id, turn.now);
      return 'processed';
    },
  },
  {
    // An anonymous group admin writes as the group (Telegram `sender_chat` = the group): nobody's role
    // can apply, not even to link the chat, so a command or reply is answered and nothing else is done.
    name: 'a message sent as the group (an anonymous admin) names no person',
    async run(routing) {
      const { turn } = routing;
      if (!turn.message.sentAsGroup) return null;
      if (!isAddressed(routing)) return 'ignored';
      await turn.reply(turn.m.anonymousAdmin);
      return 'rejected';
    },
  },
  {
    // People chat in groups: a sticker, a photo or plain text there is not for the bot unless it replies
    // to one of its messages (or answers the question the bot just asked this member).
    name: 'in a group, only what is addressed to the bot is read',
    async run(routing) {
      const { turn } = routing;
      if (!turn.message.isGroup || isAddressed(routing)) return null;
      const key = turn.conversationKey(PENDING_KIND);
      const pending = await peekConversation(turn.db, key, turn.now, pendingReportSchema);
      return pending ? null : 'ignored';
    },
  },
  {
    // Someone else's words, forwarded: never recorded as the forwarder's report (nor read as a code).
    name: 'a forwarded message is not the sender’s report',
    async run({ turn }) {
      if (!turn.message.forwarded) return null;
      await turn.reply(turn.m.forwardedNotRead);
      return 'rejected';
    },
  },
  {
    // An album arrives as one message per photo, the caption on one of them: the captioned item is read
    // (a report, its photo kept as evidence); the other items are neither read nor answered one by one.
    name: 'the other items of an album are not answered one by one',
    async run({ turn, text }) {
      const { mediaGroupId, platformId, editedAt } = turn.message;
      if (!mediaGroupId || editedAt) return null;
      const key = turn.conversationKey(`album:${mediaGroupId}`);
      const seen = turn.mayHaveConversation(key.kind)
        ? await peekConversation(turn.db, key, turn.now, albumSchema)
        : null;
      if (!seen) {
        const expiresAt = new Date(turn.now.getTime() + ALBUM_WINDOW_MS);
        await setConversation(turn.db, key, { first: platformId }, expiresAt);
        return null;
      }
      // The first item handled again (a retry) is read again; a later item only for its own caption.
      return seen.first === platformId || text ? null : 'ignored';
    },
  },
  {
    name: '/start with a code links the chat',
    run: ({ turn, command }) =>
      command?.name === 'start' && command.args ? linkAccount(turn, command.args) : Promise.resolve(null),
  },
  {
    name: 'a bare invite code from an unknown sender links the chat',
    run: ({ turn, text }) =>
      !turn.officer && turn.message.kind === 'text' && INVITE_CODE_PATTERN.test(text.toUpperCase())
        ? linkAccount(turn, text)
        : Promise.resolve(null),
  },
  {
    // In a group only what is addressed to the bot (a command) is answered; a digest group's chatter
    // and anything from members who are not officers is ignored.
    name: 'a sender who is not a linked officer is told how to link',
    async run({ turn, command }) {
      if (turn.officer) return null;
      if (turn.message.isGroup) {
        if (!command || turn.chatIdentity?.purpose === 'digest_group') return 'ignored';
        await turn.reply(turn.m.groupNotLinked);
        return 'rejected';
      }
      await turn.reply(turn.m.unknownUser);
      return 'rejected';
    },
  },
  {
    name: 'an inactive officer is refused',
    async run({ turn }) {
      const identity = turn.identity!;
      // Only a message in the officer's own chat proves that chat reachable.
      if (identity.chatId === turn.message.chatId) await touchIdentityIfStale(turn.db, identity, turn.now);
      if (turn.officer!.active) return null;
      await turn.reply(turn.m.inactive);
      return 'rejected';
    },
  },
  {
    name: 'a new follower is greeted with the help',
    async run({ turn }) {
      if (turn.message.kind !== 'follow') return null;
      await turn.reply(helpText(turn.locale, turn.officer!.role));
      return 'processed';
    },
  },
  {
    // An edit is only ever re-read as a report: an edited "/canbo them ..." must not add a second officer.
    name: 'an edited message revises its report',
    async run({ turn, text, command }) {
      if (!turn.message.editedAt) return null;
      if (command && !REPORT_NAMES.has(command.name)) return 'ignored';
      if (!text) return 'ignored';
      return reviseReport(turn, text);
    },
  },
  {
    name: 'a command runs as its sender, if the sender’s role allows it',
    async run({ turn, command, deps }) {
      if (!command) return null;
      const entry = findCommand(command.name);
      if (!entry) {
        await turn.reply(turn.m.unknownCommand);
        return 'rejected';
      }
      const sender = officerTurn(turn);
      if (!entry.roles.includes(sender.officer.role)) {
        if (!entry.refusal) return refuseRole(turn, entry.roles);
        await turn.reply(entry.refusal(turn.m));
        return 'rejected';
      }
      if (command.args === '?' && entry.usage) return replyUsage(turn, entry.usage, 'processed');
      if (entry.once) return runOnce(sender, command.name, () => entry.run(sender, command.args, deps));
      return entry.run(sender, command.args, deps);
    },
  },
  {
    name: 'an admin’s plan file is previewed for import',
    run({ turn, text, deps }) {
      const file = turn.message.file;
      const isPlanFile =
        turn.message.kind === 'file' &&
        (file?.kind ?? 'document') === 'document' &&
        (!text || PLAN_FILE_NAME.test(file?.fileName ?? ''));
      return isPlanFile ? previewUploadedPlan(officerTurn(turn), deps) : Promise.resolve(null);
    },
  },
  {
    name: 'a reply to a request for explanation answers it',
    run: ({ turn, deps }) =>
      turn.message.kind === 'text' && turn.message.replyToMessageId
        ? answerByReply(officerTurn(turn), deps)
        : Promise.resolve(null),
  },
  {
    name: 'a report button records or asks for the rest',
    async run({ turn, text }) {
      if (!BUTTON_PAYLOAD.test(text)) return null;
      return pressButton(turn, text, await turn.contextTaskIds());
    },
  },
  {
    name: 'a message without text is answered with how to report',
    async run({ turn, text }) {
      const { kind, file, unreadable } = turn.message;
      if (kind === 'unreadable') {
        await turn.reply(turn.m.mediaNotRead(turn.m.mediaKinds[unreadable ?? 'other']));
        return 'rejected';
      }
      if (kind !== 'file' || text) return null;
      const fileKind = file?.kind ?? 'document';
      await turn.reply(
        fileKind === 'document' ? turn.m.fileNotAllowed : turn.m.mediaNotRead(turn.m.evidenceKinds[fileKind]),
      );
      return 'rejected';
    },
  },
  {
    name: 'an answer to the bot’s question completes the pending report',
    async run({ turn, text }) {
      const key = turn.conversationKey(PENDING_KIND);
      if (!turn.mayHaveConversation(PENDING_KIND)) return null;
      if (!(await peekConversation(turn.db, key, turn.now, pendingReportSchema))) return null;
      const pending = await takeConversation(turn.db, key, turn.now, pendingReportSchema);
      return pending ? answerPending(turn, pending, text) : null;
    },
  },
  {
    // Bots in groups see only what is addressed to them; other group talk is not a report.
    name: 'group chatter is not a report',
    run: ({ turn }) =>
      Promise.resolve(turn.message.isGroup && !turn.message.replyToMessageId ? 'ignored' : null),
  },
  {
    name: 'anything else is a typed report',
    async run({ turn, text }) {
      return reportProgress(turn, text, await turn.contextTaskIds());
    },
  },
];
