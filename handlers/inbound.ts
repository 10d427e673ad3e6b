/**
 * The inbound port: channel adapters hand every normalised user action to one handler and never decide
 * anything themselves. Implemented by handlers/conversation.
 */
import type { IncomingMessage } from './channel.ts';

export type InboundOutcome = 'processed' | 'duplicate' | 'rejected' | 'ignored';

export interface InboundHandler {
  /**
   * Records the raw message (idempotent on channel + platformId), decides, and queues the answers in the
   * outbox. Resolves once the message is safely stored; never throws for bad user input.
   */
  handle(message: IncomingMessage): Promise<InboundOutcome>;
}
