/**
 * Structured JSON logging (pino). Secrets never reach a log line: known secret fields are redacted by
 * path, and every line is scrubbed of the configured secret values and of anything shaped like a
 * Telegram bot token or a Zalo access token, wherever it hides (URLs in error messages, stacks).
 */
import { type DestinationStream, type Logger, pino } from 'pino';

export type { Logger };

const REDACT_PATHS = [
  'token',
  '*.token',
  'accessToken',
  '*.accessToken',
  'refreshToken',
  '*.refreshToken',
  'access_token',
  '*.access_token',
  'refresh_token',
  '*.refresh_token',
  'secret',
  '*.secret',
  'password',
  '*.password',
  'headers.authorization',
  'headers["x-telegram-bot-api-secret-token"]',
  'headers.access_token',
  'headers.secret_key',
  '*.headers.access_token',
  '*.headers.secret_key',
  'req.headers["x-telegram-bot-api-secret-token"]',
  'req.headers.authorization',
];

/** Telegram bot tokens look like 123456789:AA...; they appear in Bot API URLs ("/bot123...:AA..."). */
const BOT_TOKEN_PATTERN = /(?<![0-9])\d{5,}:[A-Za-z0-9_-]{20,}/gu;

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}

/** Returns a function that removes every given secret (and bot-token-shaped text) from a string. */
export function makeScrubber(secrets: readonly string[]): (line: string) => string {
  const variants = new Set<string>();
  for (const secret of secrets) {
    variants.add(secret);
    variants.add(encodeURIComponent(secret));
    variants.add(JSON.stringify(secret).slice(1, -1));
  }
  const sorted = [...variants].filter((v) => v.length >= 4).sort((a, b) => b.length - a.length);
  const pattern = sorted.length > 0 ? new RegExp(sorted.map(escapeRegExp).join('|'), 'gu') : null;
  return (line) => {
    const withoutSecrets = pattern ? line.replace(pattern, '[REDACTED]') : line;
    return withoutSecrets.replace(BOT_TOKEN_PATTERN, '[REDACTED]');
  };
}

export interface LoggerOptions {
  level: string;
  secrets: readonly string[];
  /** Where lines go; standard output by default. */
  destination?: DestinationStream;
  base?: Record<string, unknown>;
}

export function createLogger(options: LoggerOptions): Logger {
  const scrub = makeScrubber(options.secrets);
  const destination: DestinationStream = options.destination ?? pino.destination({ dest: 1, sync: false });
  return pino(
    {
      level: options.level,
      base: options.base ?? { service: 'deanbot' },
      redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
      hooks: {
        streamWrite: scrub,
      },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
