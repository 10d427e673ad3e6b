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
 * - Zalo wants an answer within 2 s. The inbound handler stores the raw event first (idempotent on
 *   msg_id, so a redelivered event is processed once), decides, and only queues replies in the outbox:
 *   it normally finishes in tens of milliseconds. The route therefore awaits it, so that a 200 means the
 *   event is stored and handled, but never longer than `answerWithinMs`: past that it answers 200 and
 *   lets the handler finish in the background (a slow database must not make Zalo retry and eventually
 *   disable the webhook). A separate inbound queue would add a hop and a second store of the same event
 *   for no gain at the bot's volume.
 */
import type { FastifyInstance } from 'fastify';
import type { IncomingMessage } from '../../handlers/channel.ts';
import type { InboundOutcome } from '../../handlers/inbound.ts';
import { toIncomingMessage, verifyZaloSignature } from './zalo-webhook.ts';

/** Default path of the webhook route. */
export const ZALO_WEBHOOK_PATH = '/webhooks/zalo';
/** Largest accepted event body (events are small; attachments come as URLs). */
export const ZALO_WEBHOOK_BODY_LIMIT = 256 * 1024;
/** Default time the route waits for the handler before answering 200 anyway (Zalo allows 2 s). */
export const ZALO_WEBHOOK_ANSWER_WITHIN_MS = 1_500;

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
  /** The handler, looked up per request (it may be built after the route is registered). */
  handle(message: IncomingMessage): Promise<InboundOutcome>;
  now: () => Date;
  logger: ZaloWebhookLogger;
  /** Accepted clock difference of the event timestamp (zalo-webhook.ts default: 5 minutes). */
  maxSkewMs?: number;
  /** @defaultValue {@link ZALO_WEBHOOK_ANSWER_WITHIN_MS} */
  answerWithinMs?: number;
}

/** Adds the webhook route to `app` in its own encapsulated plugin (call before `listen`/`ready`). */
export function registerZaloWebhook(app: FastifyInstance, options: ZaloWebhookOptions): void {
  const { logger } = options;
  const answerWithinMs = options.answerWithinMs ?? ZALO_WEBHOOK_ANSWER_WITHIN_MS;
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
        const handled = options.handle(message).then(
          () => 'done' as const,
          (error: unknown) => {
            logger.error({ err: error, platformId: message.platformId }, 'zalo webhook: event failed');
            return 'failed' as const;
          },
        );
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<'late'>((resolve) => {
          timer = setTimeout(() => resolve('late'), answerWithinMs);
        });
        const outcome = await Promise.race([handled, late]);
        clearTimeout(timer);
        if (outcome === 'failed') return reply.code(500).send({ ok: false, error: 'event failed' });
        if (outcome === 'late') {
          logger.warn(
            { platformId: message.platformId },
            'zalo webhook: answered before the handler finished',
          );
        }
        return reply.code(200).send({ ok: true });
      },
    );
  });
}
