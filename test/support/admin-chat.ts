/**
 * A chat room for the administration end-to-end tests: the whole app against the fake Bot API server,
 * linked officers of each role, and `ask`, which sends a message and waits for the answer sent after it.
 */

import { resolveAgencyId } from '../../store/agencies.ts';
import { createOfficer, type OfficerRole } from '../../store/officers.ts';
import type { RecordedCall } from '../fakes/telegram-api-server.ts';
import { type FakeTelegram, startFakeTelegramServer } from '../fakes/telegram-api-server.ts';
import { startTestApp, TEST_BOT_TOKEN, type TestApp } from './app.ts';

export interface ChatUser {
  id: number;
  first_name: string;
  language_code: string;
  officerId: number;
}

type Sent = { chat_id?: unknown; text?: unknown; reply_markup?: unknown; document?: unknown };

export const textOf = (call: RecordedCall) => String((call.params as Sent).text ?? '');
export const markupOf = (call: RecordedCall) => JSON.stringify((call.params as Sent).reply_markup ?? null);
export const messageIdOf = (call: RecordedCall) => (call.result as { message_id: number }).message_id;

export interface AdminChat {
  fake: FakeTelegram;
  app: TestApp;
  /** Links a new officer's Telegram chat (user id = chat id). */
  user(id: number, name: string, agency: string, role: OfficerRole, locale?: 'vi' | 'en'): Promise<ChatUser>;
  /** Waits for a message to this chat, sent after call index `since`, whose text matches. */
  next(user: ChatUser, pattern: RegExp, since: number, method?: string): Promise<RecordedCall>;
  /** Sends `text` as `user` and waits for the answer matching `pattern`. */
  ask(user: ChatUser, text: string, pattern: RegExp): Promise<RecordedCall>;
  /** Presses a button (callback data) under one of the bot's messages and waits for the answer. */
  press(user: ChatUser, data: string, under: RecordedCall, pattern: RegExp): Promise<RecordedCall>;
  close(): Promise<void>;
}

export async function startAdminChat(options: { env?: Record<string, string> } = {}): Promise<AdminChat> {
  const fake = await startFakeTelegramServer({ token: TEST_BOT_TOKEN });
  const app = await startTestApp({ telegram: fake, ...(options.env ? { env: options.env } : {}) });
  const db = app.database.db;
  const next: AdminChat['next'] = (user, pattern, since, method = 'sendMessage') =>
    fake.waitFor(
      (c) =>
        c.method === method &&
        fake.calls.indexOf(c) >= since &&
        String((c.params as Sent).chat_id) === String(user.id) &&
        (method !== 'sendMessage' || pattern.test(textOf(c))),
      20_000,
    );
  return {
    fake,
    app,
    async user(id, name, agency, role, locale = 'vi') {
      const agencyRow = await resolveAgencyId(db, agency);
      if (!agencyRow) throw new Error(`no agency ${agency}`);
      const officer = await createOfficer(db, { name, agencyId: agencyRow.id, role, locale });
      await db.channelIdentity.create({
        data: { channel: 'telegram', chatId: String(id), userId: String(id), officerId: officer.id },
      });
      return { id, first_name: name, language_code: locale, officerId: officer.id };
    },
    next,
    ask(user, text, pattern) {
      const since = fake.calls.length;
      fake.injectText(user, text);
      return next(user, pattern, since);
    },
    press(user, data, under, pattern) {
      const since = fake.calls.length;
      fake.injectCallback(user, data, messageIdOf(under), user.id);
      return next(user, pattern, since);
    },
    async close() {
      await app.close();
      await fake.close();
    },
  };
}
