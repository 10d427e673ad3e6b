/**
 * Property-based fuzzing of the Telegram webhook parser: whatever JSON arrives, `toIncomingMessage`
 * never throws and returns either null or a well-formed message consistent with the update. (Zalo's
 * verifyZaloSignature already has the equivalent property in bot/zalo/zalo-webhook.unit.test.ts.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toIncomingMessage } from '../../bot/telegram/to-incoming-message.ts';

const NOW = new Date('2026-03-02T02:00:00.000Z');
const KINDS = new Set(['text', 'file', 'button']);

/** Values of any JSON type, biased towards the shapes the parser looks at. */
const scalar = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.string(),
  fc.boolean(),
  fc.constant(null),
  fc.bigInt().map(String),
);
/** Mostly the valid value, sometimes any scalar: reaches both the accepting and the refusing paths. */
const mostly = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 6, arbitrary: valid }, { weight: 1, arbitrary: scalar });
const int = fc.integer({ min: -1e12, max: 1e12 });
const user = fc.record(
  {
    id: mostly(int),
    is_bot: mostly(fc.boolean()),
    first_name: mostly(fc.string()),
    username: mostly(fc.string()),
    language_code: mostly(fc.constantFrom('vi', 'en', '')),
  },
  { requiredKeys: ['id'] },
);
const chat = fc.record({
  id: mostly(int),
  type: mostly(fc.constantFrom('private', 'group', 'supergroup', 'channel')),
});
const message = fc.record(
  {
    message_id: mostly(fc.nat()),
    date: mostly(fc.nat({ max: 2 ** 31 })),
    chat: mostly(chat),
    from: mostly(user),
    text: mostly(fc.oneof(fc.string(), fc.constantFrom('/start@test_bot x', '/baocao@other_bot 2 xong'))),
    caption: mostly(fc.string()),
    reply_to_message: mostly(fc.record({ message_id: mostly(fc.nat()) })),
    document: mostly(
      fc.record(
        { file_id: mostly(fc.string()), file_name: mostly(fc.string()), file_size: mostly(fc.nat()) },
        { requiredKeys: ['file_id'] },
      ),
    ),
    photo: mostly(fc.array(fc.record({ file_id: mostly(fc.string()), file_size: mostly(fc.nat()) }))),
  },
  { requiredKeys: ['message_id', 'date', 'chat'] },
);
const callback = fc.record(
  { id: mostly(fc.string()), from: mostly(user), message: mostly(message), data: mostly(fc.string()) },
  { requiredKeys: ['id', 'from', 'message'] },
);
const update = fc.oneof(
  fc.record({ update_id: mostly(fc.nat()), message: mostly(message) }),
  fc.record({ update_id: mostly(fc.nat()), callback_query: mostly(callback) }),
  fc.record(
    {
      update_id: mostly(fc.nat()),
      message: fc.jsonValue(),
      callback_query: fc.jsonValue(),
      edited_message: message,
    },
    { requiredKeys: [] },
  ),
);
const anyInput = fc.oneof(fc.jsonValue(), fc.anything(), update, update, update);

describe('toIncomingMessage on arbitrary input', () => {
  it('never throws and returns null or a message consistent with the update', () => {
    let converted = 0;
    fc.assert(
      fc.property(anyInput, fc.option(fc.string(), { nil: undefined }), (input, botUsername) => {
        const result = toIncomingMessage(input, {
          now: NOW,
          ...(botUsername !== undefined ? { botUsername } : {}),
        });
        if (result === null) return;
        converted += 1;
        const raw = input as { update_id: number };
        expect(result.channel).toBe('telegram');
        expect(result.platformId).toBe(String(raw.update_id));
        expect(Number.isInteger(raw.update_id) && raw.update_id >= 0).toBe(true);
        expect(KINDS.has(result.kind)).toBe(true);
        expect(typeof result.text).toBe('string');
        expect(result.chatId).toMatch(/^-?\d+$/);
        expect(result.userId).toMatch(/^-?\d+$/);
        expect(Number.isNaN(result.receivedAt.getTime())).toBe(false);
        expect(result.raw).toBe(input);
      }),
      { numRuns: 2_000 },
    );
    // The generators must reach the accepting paths too, or the property proves little.
    expect(converted).toBeGreaterThan(20);
  });

  it('survives JSON text of any shape parsed as a webhook body would be', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(() => toIncomingMessage(JSON.parse(text), { now: NOW })).not.toThrow();
      }),
      { numRuns: 1_000 },
    );
  });
});
