import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';

const TOKEN = '987654321:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';
const ZALO_SECRET = 'zalo-app-secret-XYZ';

function capture() {
  const lines: string[] = [];
  return { lines, destination: { write: (line: string) => void lines.push(line) } };
}

describe('createLogger', () => {
  it('GIVEN secrets in messages, fields, URLs and errors THEN no log line contains them', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: 'debug', secrets: [ZALO_SECRET, TOKEN], destination });
    logger.info(`calling https://api.telegram.org/bot${TOKEN}/sendMessage`);
    logger.info({ accessToken: 'zalo-access-token-value', config: { token: TOKEN } }, 'token fields');
    logger.error({ err: new Error(`request failed: secret_key=${ZALO_SECRET}`) }, 'zalo refresh failed');
    logger.warn({ url: `https://api.telegram.org/bot${encodeURIComponent(TOKEN)}/getMe` }, 'encoded');
    logger.info({ headers: { secret_key: 'abc-def-ghi' } }, 'headers');
    logger.info('an unrelated bot token 11111111:BBBBBBBBBBBBBBBBBBBBBBBBBBBB appears');
    logger.info('GET https://api.telegram.org/bot22222222:CCCCCCCCCCCCCCCCCCCCCCCCCCCC/getMe failed');
    expect(lines).toHaveLength(7);
    const all = lines.join('');
    expect(all).not.toContain(TOKEN);
    expect(all).not.toContain('AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw');
    expect(all).not.toContain(ZALO_SECRET);
    expect(all).not.toContain('zalo-access-token-value');
    expect(all).not.toContain('abc-def-ghi');
    expect(all).not.toContain('BBBBBBBBBBBBBBBBBBBBBBBBBBBB');
    expect(all).not.toContain('CCCCCCCCCCCCCCCCCCCCCCCCCCCC');
    expect(all).toContain('[REDACTED]');
    expect(all).toContain('zalo refresh failed');
  });
});
