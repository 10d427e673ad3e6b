import type { zaloVi } from '../vi/zalo.ts';

/** Messages of the Zalo channel (issue 5), in English. */
export const zaloEn: typeof zaloVi = {
  tokenBroken: (at, reason) =>
    [
      `⚠️ Zalo OA: since ${at} the bot cannot send on Zalo: Zalo refused to refresh the access token (${reason}).`,
      'Officers with Telegram linked still get their messages there. To restore Zalo, an OA admin:',
      '1) Runs: npm run cli -- zalo auth-url',
      '2) Opens the printed URL in a browser, logs in with an OA admin account and approves the permissions.',
      '3) Copies the code value from the address bar of the page it lands on and runs: npm run cli -- zalo exchange <code> (the code works for 10 minutes).',
      'Check with: npm run cli -- zalo status',
    ].join('\n'),
  officerUnreachable: (name, agency) =>
    [
      `⚠️ Zalo messages cannot reach ${name} (${agency}): the officer has not interacted with the Zalo OA for more than 7 days (or unfollowed it), and has no Telegram linked to fall back on.`,
      'Please ask the officer to open Zalo, go to the working group\'s Zalo OA, follow it (if needed) and send any message, e.g. "xin chào". The bot can reach them again right after.',
      'Or link Telegram as well with an invite code so that no reminder is missed.',
    ].join('\n'),
};
