import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestDatabase, type TestDatabase } from '../test/support/db.ts';
import { dropConversation, peekConversation, setConversation, takeConversation } from './conversations.ts';

const pendingSchema = z.object({ taskId: z.number().int(), ask: z.enum(['progress', 'blocker']) });
const NOW = new Date('2026-11-23T02:00:00Z');
const LATER = new Date('2026-11-23T02:30:00Z');

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

const keyOf = (chatId: string) => ({ channel: 'telegram' as const, chatId, kind: 'pending-report' });

describe('conversation state', () => {
  it('GIVEN state that matches the schema THEN peek returns it and take returns and removes it', async () => {
    const key = keyOf('c-valid');
    await setConversation(t.db, key, { taskId: 7, ask: 'progress' }, LATER);
    expect(await peekConversation(t.db, key, NOW, pendingSchema)).toEqual({ taskId: 7, ask: 'progress' });
    expect(await takeConversation(t.db, key, NOW, pendingSchema)).toEqual({ taskId: 7, ask: 'progress' });
    expect(await peekConversation(t.db, key, NOW, pendingSchema)).toBeNull();
  });

  it('GIVEN state that does not match the schema THEN it reads as nothing pending', async () => {
    const key = keyOf('c-stale-shape');
    await setConversation(t.db, key, { taskId: '7', ask: 'percent' }, LATER);
    expect(await peekConversation(t.db, key, NOW, pendingSchema)).toBeNull();
    expect(await takeConversation(t.db, key, NOW, pendingSchema)).toBeNull();
    expect(await t.db.conversation.count({ where: key })).toBe(0);
  });

  it('GIVEN expired state THEN it reads as nothing pending', async () => {
    const key = keyOf('c-expired');
    await setConversation(t.db, key, { taskId: 7, ask: 'blocker' }, NOW);
    expect(await peekConversation(t.db, key, LATER, pendingSchema)).toBeNull();
    expect(await takeConversation(t.db, key, LATER, pendingSchema)).toBeNull();
  });

  it('GIVEN state of any shape THEN drop removes it', async () => {
    const key = keyOf('c-drop');
    await setConversation(t.db, key, ['anything'], LATER);
    await dropConversation(t.db, key);
    expect(await t.db.conversation.count({ where: key })).toBe(0);
  });
});
