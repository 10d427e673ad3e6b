/**
 * `/web` (`/dashboard`): a single-use sign-in link to the dashboard, valid 10 minutes, bound to the
 * sender. Only in a private chat (a link posted in a group would let anyone in it sign in as the sender),
 * and only when the service knows its public address (PUBLIC_BASE_URL).
 */
import { ANY_OFFICER, type ChatCommand } from '../commands/chat-command.ts';
import { createWebLink } from './web-link.ts';

/** The `/web` entry of the command registry. */
export const webCommand: ChatCommand = {
  names: ['web', 'dashboard'],
  roles: ANY_OFFICER,
  usage: null,
  summary: 'web',
  async run(turn, _args, deps) {
    const m = turn.m.web;
    if (turn.message.isGroup) {
      await turn.reply(m.privateOnly);
      return 'rejected';
    }
    if (!deps.publicBaseUrl) {
      await turn.reply(m.notConfigured);
      return 'rejected';
    }
    const link = await createWebLink(turn.db, deps.publicBaseUrl, turn.officer.id, turn.now);
    await turn.reply(m.link(link.url));
    return 'processed';
  },
};
