/**
 * The conversation as it happened, one line per message. Inbound lines are written when a simulated
 * person sends something; outbound lines are read from what the fake Telegram and Zalo servers received,
 * each stamped with the simulated time at which the service queued it (found through its Delivery row),
 * so that a message the outbox paced into a later step is still shown where it belongs.
 */
import type { PrismaClient } from '../store/prisma-client.ts';
import type { FakeTelegram, RecordedCall } from '../test/fakes/telegram-api-server.ts';
import type { FakeZalo } from '../test/fakes/zalo-api-server.ts';

export type ChannelName = 'telegram' | 'zalo';

/** Who is behind a chat. */
export interface ChatOwner {
  name: string;
  agency: string | null;
  order: number;
}

interface Line {
  at: Date;
  seq: number;
  order: number;
  who: string;
  channel: ChannelName;
  inbound: boolean;
  text: string;
}

const MAX_TEXT = 160;
const SENT_METHODS = new Set(['sendMessage', 'sendDocument', 'sendPhoto', 'editMessageText']);

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** "17/03 08:30" in Vietnam time. */
export function vnStamp(at: Date): string {
  const vn = new Date(at.getTime() + 7 * 3600_000);
  return `${pad(vn.getUTCDate())}/${pad(vn.getUTCMonth() + 1)} ${pad(vn.getUTCHours())}:${pad(vn.getUTCMinutes())}`;
}

export function oneLine(text: string, max = MAX_TEXT): string {
  const flat = text
    .replace(/\s*\n\s*/gu, ' ⏎ ')
    .replace(/\s+/gu, ' ')
    .trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export class Transcript {
  private readonly lines: Line[] = [];
  private readonly owners = new Map<string, ChatOwner>();
  private seq = 0;
  private telegramSeen = 0;
  private zaloSeen = 0;
  /** Simulated time at which each Delivery row was created. */
  private readonly queuedAt = new Map<number, Date>();
  private lastDeliveryId = 0;

  constructor(
    private readonly db: PrismaClient,
    private readonly telegram: FakeTelegram,
    private readonly zalo: FakeZalo,
  ) {}

  register(channel: ChannelName, chatId: string, owner: Omit<ChatOwner, 'order'>): void {
    this.owners.set(`${channel}:${chatId}`, { ...owner, order: this.owners.size });
  }

  private owner(channel: ChannelName, chatId: string): ChatOwner {
    return this.owners.get(`${channel}:${chatId}`) ?? { name: `chat ${chatId}`, agency: null, order: 999 };
  }

  private label(owner: ChatOwner): string {
    return owner.agency ? `${owner.name} (${owner.agency})` : owner.name;
  }

  /** A message a simulated person sent (`from`: the sender in a group chat). */
  inbound(channel: ChannelName, chatId: string, text: string, at: Date, from?: string): void {
    const owner = this.owner(channel, chatId);
    const sender = from ? this.owner(channel, from) : null;
    this.lines.push({
      at,
      seq: this.seq++,
      order: owner.order,
      who: sender ? `${this.label(sender)} @ ${owner.name}` : this.label(owner),
      channel,
      inbound: true,
      text: oneLine(text),
    });
  }

  /** Stamps the Delivery rows created since the last call with the simulated time `at`. */
  async stampDeliveries(at: Date): Promise<void> {
    const rows = await this.db.delivery.findMany({
      where: { id: { gt: this.lastDeliveryId } },
      select: { id: true },
    });
    for (const row of rows) {
      this.queuedAt.set(row.id, at);
      this.lastDeliveryId = Math.max(this.lastDeliveryId, row.id);
    }
  }

  /** Reads what the fakes received since the last call; `at` stamps what no Delivery row explains. */
  async collect(at: Date): Promise<void> {
    await this.stampDeliveries(at);
    const calls = this.telegram.calls.slice(this.telegramSeen).filter((c) => isSent(c));
    this.telegramSeen = this.telegram.calls.length;
    const zaloSent = this.zalo.sent.slice(this.zaloSeen);
    this.zaloSeen = this.zalo.sent.length;
    const found = await this.db.delivery.findMany({
      where: {
        platformMessageId: {
          in: [
            ...calls.map((c) => String((c.result as { message_id?: unknown } | undefined)?.message_id ?? '')),
            ...zaloSent.map((m) => m.messageId),
          ],
        },
      },
      select: { id: true, chatId: true, platformMessageId: true },
    });
    // Which reminders each message carried, so that the line says their kinds (T-7, overdue, ...).
    const reminders = await this.db.reminder.findMany({
      where: { deliveryId: { in: found.map((d) => d.id) } },
      select: { deliveryId: true, kind: true, task: { select: { code: true } } },
      orderBy: { id: 'asc' },
    });
    const rowOf = (chatId: string, messageId: string) =>
      found.find((d) => d.chatId === chatId && d.platformMessageId === messageId);
    const stampOf = (row: { id: number } | undefined): Date => (row && this.queuedAt.get(row.id)) ?? at;
    const tagOf = (row: { id: number } | undefined): string => {
      const carried = reminders.filter((r) => row && r.deliveryId === row.id);
      if (carried.length === 0) return '';
      const kinds = [...new Set(carried.map((r) => r.kind))];
      const codes = (kind: string) => carried.filter((r) => r.kind === kind).map((r) => `#${r.task.code}`);
      return `[${kinds.map((k) => `${k} ${codes(k).join(' ')}`).join(' · ')}] `;
    };
    for (const call of calls) {
      const chatId = String(call.params['chat_id'] ?? '');
      const row = rowOf(
        chatId,
        String((call.result as { message_id?: unknown } | undefined)?.message_id ?? ''),
      );
      this.outbound('telegram', chatId, `${tagOf(row)}${oneLine(telegramText(call))}`, stampOf(row));
    }
    const uploads = new Map(this.zalo.uploads.map((u) => [u.token, u.filename]));
    for (const sent of zaloSent) {
      const row = rowOf(sent.userId, sent.messageId);
      this.outbound(
        'zalo',
        sent.userId,
        `${tagOf(row)}${oneLine(zaloText(sent.message, uploads))}`,
        stampOf(row),
      );
    }
  }

  private outbound(channel: ChannelName, chatId: string, text: string, at: Date): void {
    const owner = this.owner(channel, chatId);
    this.lines.push({
      at,
      seq: this.seq++,
      order: owner.order,
      who: this.label(owner),
      channel,
      inbound: false,
      text,
    });
  }

  /** Lines sorted by simulated time (then as they happened), ready to print. */
  render(): string[] {
    const sorted = [...this.lines].sort((a, b) => a.at.getTime() - b.at.getTime() || a.seq - b.seq);
    let day = '';
    const out: string[] = [];
    for (const line of sorted) {
      const stamp = vnStamp(line.at);
      const thisDay = stamp.slice(0, 5);
      if (thisDay !== day) {
        day = thisDay;
        out.push('');
      }
      const channel = line.channel === 'telegram' ? 'Telegram' : 'Zalo    ';
      const arrow = line.inbound ? `${line.who} → Bot` : `Bot → ${line.who}`;
      out.push(`${stamp} ${channel} ${arrow}: ${oneLine(line.text, 1000)}`);
    }
    return out;
  }

  get size(): number {
    return this.lines.length;
  }
}

function isSent(call: RecordedCall): boolean {
  return call.response.ok && SENT_METHODS.has(call.method);
}

function telegramText(call: RecordedCall): string {
  const p = call.params as Record<string, unknown>;
  const file = (p['document'] ?? p['photo']) as { filename?: unknown } | undefined;
  if (file && typeof file === 'object') {
    const caption = typeof p['caption'] === 'string' && p['caption'] ? ` ${p['caption']}` : '';
    return `[tệp ${String(file.filename ?? '?')}]${caption}`;
  }
  const text = String(p['text'] ?? '');
  return call.method === 'editMessageText' ? `[sửa tin] ${text}` : text;
}

function zaloText(message: Record<string, unknown>, uploads: Map<string, string>): string {
  if (typeof message['text'] === 'string') return message['text'];
  const attachment = message['attachment'] as { payload?: { token?: unknown; text?: unknown } } | undefined;
  const token = attachment?.payload?.token;
  if (typeof token === 'string') return `[tệp ${uploads.get(token) ?? token}]`;
  return JSON.stringify(message).slice(0, MAX_TEXT);
}
