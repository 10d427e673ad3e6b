/**
 * The Zalo OA webhook route: `POST /webhooks/zalo`.
 *
 * - The signature is a SHA-256 over the exact bytes received (zalo-webhook.ts), so the route lives in an
 *   encapsulated fastify plugin whose only content parser keeps the raw body as a Buffer, whatever the
 *   content type. Routes outside the plugin keep fastify's JSON parser.
 * - Answers: 200 to the console's unsigned `{}` (or empty) probe, with no side effect; 401 to a missing,
 *   forged or stale signature; 400 to a body that is not a Zalo event; 200 to a verified event, handled or
 *   deliberately ignored (delivery receipts, OA echoes...); 500 when storing it failed within the time
 *   budget, so that Zalo delivers it again.
 * - Zalo wants an answer within 2 s. The route only stores the event (one statement, batched with the
 *   events arriving at the same time; idempotent on msg_id) and answers 200 once it is stored; handling
 *   runs afterwards from the inbound queue. When it cannot be stored the answer is 500, so that Zalo
 *   delivers it again: nothing is acknowledged that is not stored.
 */
import type { FastifyInstance } from 'fastify';
import type { IncomingMessage } from '../../handlers/channel.ts';
import { toIncomingMessage, verifyZaloSignature } from './zalo-webhook.ts';

/** Default path of the webhook route. */
export const ZALO_WEBHOOK_PATH = '/webhooks/zalo';
/** Largest accepted event body (events are small; attachments come as URLs). */
export const ZALO_WEBHOOK_BODY_LIMIT = 256 * 1024;

/** The logger methods used (pino fits). */
export interface ZaloWebhookLogger {
  debug(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface ZaloWebhookOptions {
  /** @defaultValue {@link ZALO_WEBHOOK_PATH} */
  path?: string;
  appId: string;
  /** The key of the webhook MAC (the OA secret key; see zalo-webhook.ts on the dispute). */
  oaSecretKey: string;
  /** Stores the event (the inbound intake); rejects when it could not. */
  accept(message: IncomingMessage): Promise<void>;
  now: () => Date;
  logger: ZaloWebhookLogger;
  /** Accepted clock difference of the event timestamp (zalo-webhook.ts default: 5 minutes). */
  maxSkewMs?: number;
}

/** Adds the webhook route to `app` in its own encapsulated plugin (call before `listen`/`ready`). */
export function registerZaloWebhook(app: FastifyInstance, options: ZaloWebhookOptions): void {
  const { logger } = options;
  app.register(async (scope) => {
    // Scoped to this plugin: the raw bytes, whatever the content type (the MAC covers them exactly).
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

    scope.post(
      options.path ?? ZALO_WEBHOOK_PATH,
      { bodyLimit: ZALO_WEBHOOK_BODY_LIMIT },
      async (request, reply) => {
        const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const verified = verifyZaloSignature({
          rawBody,
          headers: request.headers,
          appId: options.appId,
          oaSecretKey: options.oaSecretKey,
          now: options.now(),
          ...(options.maxSkewMs !== undefined ? { maxSkewMs: options.maxSkewMs } : {}),
        });
        if (!verified.ok) {
          switch (verified.reason) {
            case 'probe':
              return reply.code(200).send({ ok: true });
            case 'malformed':
              logger.warn({ ip: request.ip }, 'zalo webhook: body is not a Zalo event');
              return reply.code(400).send({ ok: false, error: 'not a Zalo event' });
            default:
              logger.warn({ ip: request.ip, reason: verified.reason }, 'zalo webhook: signature refused');
              return reply.code(401).send({ ok: false, error: 'unauthorized' });
          }
        }
        const message = toIncomingMessage(verified.event, JSON.parse(rawBody.toString('utf8')));
        if (!message) {
          logger.debug({ event: verified.event.event_name }, 'zalo webhook: event ignored');
          return reply.code(200).send({ ok: true });
        }
        try {
          await options.accept(message);
        } catch (error) {
          logger.error({ err: error, platformId: message.platformId }, 'zalo webhook: event not stored');
          return reply.code(500).send({ ok: false, error: 'event not stored' });
        }
        return reply.code(200).send({ ok: true });
      },
    );
  });
}
