/**
 * The inbound ports. Channel adapters hand every normalised user action to the {@link InboundIntake}, which
 * stores it and acknowledges; the inbound queue (jobs/inbound) later hands each stored message, in order per
 * chat, to the {@link InboundHandler} (handlers/conversation). Adapters decide nothing themselves.
 */
import type { IncomingMessage } from './channel.ts';

export type InboundOutcome = 'processed' | 'duplicate' | 'rejected' | 'ignored';

export interface InboundIntake {
  /**
   * Stores the message (idempotent on channel + platformId: a redelivery stores nothing new) and queues
   * its handling. Resolves once the message is safely in PostgreSQL; rejects when it could not be stored,
   * so that the platform is answered 5xx and delivers it again.
   */
  accept(message: IncomingMessage): Promise<void>;
}

export interface InboundHandler {
  /**
   * Decides what a stored message means and queues the answers in the outbox (reply keys derived from the
   * platform id, so a message handled twice after a crash answers once). Never throws for bad user input;
   * throws on infrastructure failures and bugs, and the message is then retried with backoff.
   */
  handle(message: IncomingMessage, inboundId: number): Promise<InboundOutcome>;
}
