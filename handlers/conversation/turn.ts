/**
 * One inbound message being handled: who sent it, in which language, and how to answer (through the
 * outbox, with deterministic keys so that a retried message never answers twice).
 *
 * The sender is a person: in a group chat `identity` is the sender's own (private-chat) identity, never
 * the group's, so that a role is never gained by writing in a group; the group's own link (a digest
 * group) is `chatIdentity`.
 */
import { vnDate } from '../../domain/calendar/working-time.ts';
import { type MaskResult, maskSensitive } from '../../domain/reply/mask-sensitive.ts';
import { type LocaleCode, localeFor, type Messages, t } from '../../locales/index.ts';
import { taskIdsOfSentMessage } from '../../store/delivery-context.ts';
import type { IdentityView, OfficerView } from '../../store/officers.ts';
import type { PrismaClient } from '../../store/prisma-client.ts';
import type { IncomingMessage, OutgoingButton } from '../channel.ts';
import type { Outbox } from '../outbox.ts';

export interface ConversationDeps {
  db: PrismaClient;
  outbox: Outbox;
  now: () => Date;
  logger?: { warn(obj: object, msg?: string): void; error(obj: object, msg?: string): void };
  /** Called after a chat was marked unreachable (e.g. the user blocked the bot): tells the admins. */
  onChatUnreachable?: () => Promise<unknown>;
}

/**
 * `text` (part of what the sender typed) masked for storage, with every kind of number masked in this
 * message: those found in `text` and those already masked when the raw message was stored.
 */
export function maskTyped(message: IncomingMessage, text: string): MaskResult {
  const here = maskSensitive(text);
  return { text: here.text, masked: [...new Set([...(message.maskedOnIntake ?? []), ...here.masked])] };
}

export class Turn {
  private replies = 0;
  readonly locale: LocaleCode;
  readonly m: Messages;

  constructor(
    readonly deps: ConversationDeps,
    readonly message: IncomingMessage,
    readonly inboundId: number,
    readonly identity: IdentityView | null,
    readonly now: Date,
    /** The chat's own identity: the same as `identity` in a private chat, the group's link in a group. */
    readonly chatIdentity: IdentityView | null = identity,
  ) {
    this.locale = localeFor(identity?.officer?.locale ?? null, message.languageCode);
    this.m = t(this.locale);
    // Read with the identity, in the same statement.
    if (identity?.officer) this.memo.set('agencies', Promise.resolve(identity.agencyIds));
  }

  /** Per-message memo of expensive look-ups (e.g. the agencies an officer answers for). */
  readonly memo = new Map<string, Promise<unknown>>();

  remember<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.memo.get(key) as Promise<T> | undefined;
    if (hit) return hit;
    const value = load();
    this.memo.set(key, value);
    return value;
  }

  /**
   * False when this person's conversation state of `kind` is known not to exist: in a private chat, the
   * identity was read with the chat's open conversation kinds (and only this chat's messages, handled one
   * at a time, change them). In a group, state is kept per member: unknown, so true.
   */
  mayHaveConversation(kind: string): boolean {
    if (this.message.isGroup || !this.chatIdentity) return true;
    return this.chatIdentity.openConversations.includes(kind);
  }

  get officer(): OfficerView | null {
    return this.identity?.officer ?? null;
  }

  /**
   * The key of this person's short-lived conversation state of a kind (a pending report, a Confirm
   * step): per chat in a private chat, per person within a group chat (a member can never answer or
   * confirm another member's step).
   */
  conversationKey(kind: string): { channel: IncomingMessage['channel']; chatId: string; kind: string } {
    const { channel, chatId, userId, isGroup } = this.message;
    return { channel, chatId: isGroup ? `${chatId}:${userId}` : chatId, kind };
  }

  /** The tasks of our message this one replies to (a reminder), or none. */
  contextTaskIds(): Promise<number[]> {
    const { channel, chatId, replyToMessageId } = this.message;
    if (!replyToMessageId) return Promise.resolve([]);
    return this.remember('context', () => taskIdsOfSentMessage(this.db, channel, chatId, replyToMessageId));
  }

  get db(): PrismaClient {
    return this.deps.db;
  }

  /** Today in Vietnam. */
  get today(): string {
    return vnDate(this.now);
  }

  async reply(
    text: string,
    options: { buttons?: OutgoingButton[][]; taskIds?: number[]; key?: string } = {},
  ): Promise<void> {
    this.replies += 1;
    await this.deps.outbox.enqueue([
      {
        // A named reply (`key`) is apart from the numbered ones of an earlier attempt at this message.
        dedupKey: `reply-${this.message.channel}-${this.message.platformId}-${options.key ?? this.replies}`,
        kind: 'reply',
        officerId: this.officer?.id ?? null,
        to: { channel: this.message.channel, chatId: this.message.chatId },
        message: {
          text,
          ...(options.buttons ? { buttons: options.buttons } : {}),
          // A message written in a forum topic is answered in that topic.
          ...(this.message.threadId ? { threadId: this.message.threadId } : {}),
        },
        ...(options.taskIds ? { context: { taskIds: options.taskIds } } : {}),
      },
    ]);
  }
}
