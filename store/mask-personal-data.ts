/**
 * The store boundary of personal data: every write to a column that can hold what a person typed goes
 * through {@link maskSensitiveDeep} inside the Prisma client, so no handler, job or CLI path can forget
 * it. Citizen IDs (CCCD/CMND), phone numbers and bank account numbers reach PostgreSQL masked (all but
 * the last three digits), in the inbound log (text, payload, outcome), reports, explanation answers,
 * extension reasons, the audit log, conversation state (pending actions), the outbox (a message that
 * quotes a report), digests, the officer roster (name, phone) and chat titles. Identifiers (chat ids, platform ids,
 * keys) are never touched, so lookups and idempotency keys are unchanged.
 */
import { maskSensitiveDeep } from '../domain/reply/mask-sensitive.ts';
import { Prisma, type PrismaClient } from '../prisma/generated/client.ts';

/** Per model (Prisma's client property name), the fields that can carry free text from people. */
export const PERSONAL_TEXT_FIELDS: Readonly<Record<string, readonly string[]>> = {
  inboundMessage: ['text', 'payload', 'outcomeDetail'],
  statusReport: ['result', 'blocker'],
  explanationRequest: ['answer'],
  deadlineExtension: ['reason'],
  auditLog: ['actorLabel', 'before', 'after'],
  conversation: ['data'],
  delivery: ['payload', 'lastError'],
  deliveryAttempt: ['error'],
  digest: ['content'],
  officer: ['name', 'phone'],
  channelIdentity: ['title'],
};

const WRITE_OPERATIONS: ReadonlySet<string> = new Set([
  'create',
  'createMany',
  'createManyAndReturn',
  'update',
  'updateMany',
  'updateManyAndReturn',
  'upsert',
]);

/** A copy of one `data` object with the listed fields masked (a field set to `{ set: v }` too). */
function maskData(data: unknown, fields: readonly string[]): unknown {
  if (Array.isArray(data)) return data.map((row) => maskData(row, fields));
  if (data === null || typeof data !== 'object') return data;
  const out: Record<string, unknown> = { ...(data as Record<string, unknown>) };
  for (const field of fields) {
    if (out[field] !== undefined) out[field] = maskSensitiveDeep(out[field]);
  }
  return out;
}

/** The write's arguments with every `data`, `create` and `update` payload masked. */
function maskArgs(args: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  const out = { ...args };
  for (const key of ['data', 'create', 'update'] as const) {
    if (out[key] !== undefined) out[key] = maskData(out[key], fields);
  }
  return out;
}

/** The model name as a client property ("InboundMessage" -> "inboundMessage"). */
function clientProperty(model: string): string {
  return model.charAt(0).toLowerCase() + model.slice(1);
}

/**
 * The client with masking on every write to {@link PERSONAL_TEXT_FIELDS}, interactive transactions
 * included. Raw SQL is not covered: a store function that writes one of these columns by raw SQL
 * (store/direct-sql.ts) masks the value itself.
 */
export function withPersonalDataMasked(client: PrismaClient): PrismaClient {
  const extension = Prisma.defineExtension({
    name: 'mask-personal-data',
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          const fields = PERSONAL_TEXT_FIELDS[clientProperty(model)];
          if (fields === undefined || !WRITE_OPERATIONS.has(operation)) return query(args);
          return query(maskArgs(args as Record<string, unknown>, fields) as typeof args);
        },
      },
    },
  });
  // A query extension changes no method's type: the extended client is used as the plain one.
  return client.$extends(extension) as unknown as PrismaClient;
}
