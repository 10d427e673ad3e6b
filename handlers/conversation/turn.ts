/**
 * One inbound message being handled: who sent it, in which language, and how to answer (through the
 * outbox, with deterministic keys so that a retried message never answers twice).
 */
import { vnDate } from '../../domain/calendar/working-time.ts';
import { type LocaleCode, localeFor, type Messages, t } from '../../locales/index.ts';
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
  ) {
    this.locale = localeFor(identity?.officer?.locale ?? null, message.languageCode);
    this.m = t(this.locale);
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

  get officer(): OfficerView | null {
    return this.identity?.officer ?? null;
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
    options: { buttons?: OutgoingButton[][]; taskIds?: number[] } = {},
  ): Promise<void> {
    this.replies += 1;
    await this.deps.outbox.enqueue([
      {
        dedupKey: `reply-${this.message.channel}-${this.message.platformId}-${this.replies}`,
        kind: 'reply',
        officerId: this.officer?.id ?? null,
        to: { channel: this.message.channel, chatId: this.message.chatId },
        message: { text, ...(options.buttons ? { buttons: options.buttons } : {}) },
        ...(options.taskIds ? { context: { taskIds: options.taskIds } } : {}),
      },
    ]);
  }
}
