/** Recording test doubles shared by the Telegram adapter tests (not a test file itself). */
import type { IncomingMessage } from '../../handlers/channel.ts';
import type { InboundIntake } from '../../handlers/inbound.ts';
import type { TelegramLogger } from './create-telegram-bot.ts';

/** The inbound intake's contract, recorded: every message handed over, with an optional reaction. */
export class RecordingIntake implements InboundIntake {
  readonly messages: IncomingMessage[] = [];
  /** Throw to simulate a message that could not be stored. */
  onAccept: (message: IncomingMessage) => unknown = () => undefined;
  private waiters: (() => void)[] = [];

  async accept(message: IncomingMessage): Promise<void> {
    this.messages.push(message);
    for (const wake of this.waiters.splice(0)) wake();
    await this.onAccept(message);
  }

  async received(count: number, timeoutMs = 3000): Promise<IncomingMessage[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.messages.length < count) {
      if (Date.now() > deadline) throw new Error(`only ${this.messages.length} of ${count} messages arrived`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
    return this.messages;
  }
}

/** A {@link TelegramLogger} that keeps every entry. */
export class RecordingLogger implements TelegramLogger {
  readonly entries: { level: string; obj: object; msg: string | undefined }[] = [];
  info(obj: object, msg?: string) {
    this.entries.push({ level: 'info', obj, msg });
  }
  warn(obj: object, msg?: string) {
    this.entries.push({ level: 'warn', obj, msg });
  }
  error(obj: object, msg?: string) {
    this.entries.push({ level: 'error', obj, msg });
  }
}
