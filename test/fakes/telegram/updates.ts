import type { Update } from 'telegraf/types';
import { BotApiError } from './errors.ts';

/** Update kinds Telegram leaves out unless listed in `allowed_updates`. */
const OPT_IN_KINDS = new Set(['chat_member', 'message_reaction', 'message_reaction_count']);

/** The update kind, i.e. its one key besides `update_id`. */
export function updateKind(update: Update): string {
  return Object.keys(update).find((key) => key !== 'update_id') ?? '';
}

interface Waiter {
  wake(): void;
  conflict(): void;
}

/** Options of one long-polling call. */
export interface PollOptions {
  offset: number;
  limit: number;
  timeoutSeconds: number;
  signal: AbortSignal;
}

/**
 * Pending updates and long polling. Updates stay until confirmed (offset above their id, or a 2xx webhook
 * answer); a second concurrent poll terminates the first with 409 like Telegram.
 */
export class UpdateQueue {
  private pending: Update[] = [];
  private lastUpdateId: number;
  private allowed: ReadonlySet<string> | undefined;
  private waiter: Waiter | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(firstUpdateId: number) {
    this.lastUpdateId = firstUpdateId - 1;
  }

  /** Assigns the next update_id, queues the update and wakes pollers and webhook delivery. */
  push(update: Omit<Update, 'update_id'>): Update {
    this.lastUpdateId += 1;
    const full = { ...update, update_id: this.lastUpdateId } as Update;
    this.pending.push(full);
    this.waiter?.wake();
    for (const listener of this.listeners) listener();
    return full;
  }

  /** Calls `listener` after every push. */
  onPush(listener: () => void): void {
    this.listeners.add(listener);
  }

  /** Sets `allowed_updates`; `undefined` keeps the previous setting, `[]` restores the default. */
  setAllowed(kinds: readonly string[] | undefined): void {
    if (kinds !== undefined) this.allowed = kinds.length > 0 ? new Set(kinds) : undefined;
  }

  allowedUpdates(): string[] | undefined {
    return this.allowed ? [...this.allowed] : undefined;
  }

  /** Updates still unconfirmed (after dropping kinds the bot did not ask for). */
  peek(): Update[] {
    this.pending = this.pending.filter((u) => this.isAllowed(updateKind(u)));
    return this.pending;
  }

  /** Forgets updates with an id below `offset`; a negative offset keeps only the last `-offset`. */
  confirm(offset: number): void {
    if (offset > 0) this.pending = this.pending.filter((u) => u.update_id >= offset);
    if (offset < 0) this.pending = this.pending.slice(offset);
  }

  /** Drops the backlog (`drop_pending_updates`). */
  dropPending(): void {
    this.pending = [];
  }

  /** Long polling: answers at once when updates are pending, else waits for a push, the timeout or the signal. */
  async poll(options: PollOptions): Promise<Update[]> {
    this.confirm(options.offset);
    this.waiter?.conflict();
    const deadline = Date.now() + options.timeoutSeconds * 1000;
    while (this.peek().length === 0 && Date.now() < deadline && !options.signal.aborted) {
      await this.wait(deadline - Date.now(), options.signal);
    }
    return this.peek().slice(0, options.limit);
  }

  /** Clears updates and settings; update ids keep increasing so a poller's offset stays valid. */
  reset(): void {
    this.pending = [];
    this.allowed = undefined;
    this.waiter?.wake();
  }

  private isAllowed(kind: string): boolean {
    return this.allowed ? this.allowed.has(kind) : !OPT_IN_KINDS.has(kind);
  }

  private wait(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const cleanup = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', wake);
        if (this.waiter === waiter) this.waiter = undefined;
      };
      const wake = () => {
        cleanup();
        resolve();
      };
      const waiter: Waiter = {
        wake,
        conflict: () => {
          cleanup();
          reject(
            new BotApiError(
              409,
              'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
            ),
          );
        },
      };
      const timer = setTimeout(wake, ms);
      signal.addEventListener('abort', wake);
      this.waiter = waiter;
    });
  }
}
