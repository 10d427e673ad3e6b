/**
 * What a simulated person can do in a chat, through the same doors real users use: Telegram updates
 * through the fake Bot API (the service polls it), Zalo events signed like Zalo's and posted to the
 * service's `POST /webhooks/zalo`. Each action waits until the service has handled the message and the
 * outbox has sent every answer, then the transcript reads what came out.
 */
import type { PrismaClient } from '../store/prisma-client.ts';
import { waitUntil } from '../test/support/wait-until.ts';
import type { Clock, DemoServices } from './services.ts';
import type { ChannelName, Transcript } from './transcript.ts';

export interface ChatUser {
  channel: ChannelName;
  /** Telegram user id (= private chat id) or Zalo user id. */
  userId: string;
  firstName: string;
}

const TIMEOUT_MS = 20_000;

/** Nothing in flight: every inbound handled and no message pending (group chats may lag: paced 3 s). */
export async function outboxSettled(db: PrismaClient, includeGroups = false): Promise<void> {
  await waitUntil(
    async () =>
      (await db.delivery.count({
        where: {
          state: { in: ['pending', 'sending'] },
          ...(includeGroups ? {} : { NOT: { chatId: { startsWith: '-' } } }),
        },
      })) === 0,
    'the outbox to drain',
    includeGroups ? 90_000 : TIMEOUT_MS,
  );
}

export class Chats {
  private inboundExpected = 0;
  private zaloSeq = 0;

  constructor(
    private readonly services: DemoServices,
    private readonly clock: Clock,
    private readonly transcript: Transcript,
  ) {}

  /** Sends text as `user`; `replyTo` quotes one of the bot's Telegram messages; `groupChatId` posts in a group. */
  async say(user: ChatUser, text: string, opts: { replyTo?: number; groupChatId?: string } = {}) {
    const chatId = opts.groupChatId ?? user.userId;
    this.transcript.inbound(
      user.channel,
      chatId,
      text,
      this.clock.now(),
      opts.groupChatId ? user.userId : undefined,
    );
    if (user.channel === 'telegram') {
      this.services.telegram.injectText({ id: Number(user.userId), first_name: user.firstName }, text, {
        ...(opts.replyTo !== undefined ? { replyToMessageId: opts.replyTo } : {}),
        ...(opts.groupChatId
          ? { chatId: Number(opts.groupChatId), chatType: 'supergroup', chatTitle: 'BCĐ Đề án 06 tỉnh' }
          : {}),
      });
    } else {
      await this.postZalo(user.userId, text);
    }
    await this.settle();
  }

  /** Presses a button: a Telegram callback under message `messageId`, or the button's text on Zalo. */
  async press(user: ChatUser, payload: string, messageId: number | null, label: string) {
    if (user.channel === 'zalo' || messageId === null) {
      this.transcript.inbound(user.channel, user.userId, `[nút ${label}] ${payload}`, this.clock.now());
      if (user.channel === 'zalo') await this.postZalo(user.userId, payload);
      else
        this.services.telegram.injectText({ id: Number(user.userId), first_name: user.firstName }, payload);
    } else {
      this.transcript.inbound(user.channel, user.userId, `[nút ${label}]`, this.clock.now());
      this.services.telegram.injectCallback(
        { id: Number(user.userId), first_name: user.firstName },
        payload,
        messageId,
        Number(user.userId),
      );
    }
    await this.settle();
  }

  private async postZalo(userId: string, text: string) {
    const { zalo, baseUrl } = this.services;
    // Real Zalo counts a message to the OA as an interaction: its 7-day window restarts.
    zalo.setLastInteraction(userId, this.clock.now());
    this.zaloSeq += 1;
    const { rawBody, headers } = zalo.signEvent({
      event_name: 'user_send_text',
      sender: { id: userId },
      recipient: { id: zalo.oaId },
      message: { msg_id: `demo-${this.zaloSeq}-${this.clock.now().getTime()}`, text },
      user_id_by_app: `9${userId.slice(1)}`,
    });
    const answer = await fetch(`${baseUrl}/webhooks/zalo`, { method: 'POST', headers, body: rawBody });
    await answer.arrayBuffer();
    if (answer.status !== 200) throw new Error(`the Zalo webhook answered ${answer.status}`);
  }

  /** Waits until every message sent so far is handled and its answers delivered, then reads them. */
  async settle(): Promise<void> {
    this.inboundExpected += 1;
    const db = this.services.db;
    await waitUntil(
      async () =>
        (await db.inboundMessage.count()) >= this.inboundExpected &&
        (await db.inboundMessage.count({ where: { outcome: 'received' } })) === 0,
      'the service to handle the message',
      TIMEOUT_MS,
    );
    await outboxSettled(db);
    await this.transcript.collect(this.clock.now());
  }
}
