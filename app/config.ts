/**
 * The one place that reads the environment. Parsed once at start-up with zod; a missing or malformed
 * variable stops the process with one line per problem (name, what is wrong, an example), never a stack.
 */
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { DEFAULT_WORK_CALENDAR, type WorkCalendarConfig } from '../domain/calendar/working-time.ts';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const urlWithProtocols = (protocols: string[]) =>
  z
    .string()
    .trim()
    .refine(
      (v) => {
        try {
          return protocols.includes(new URL(v).protocol);
        } catch {
          return false;
        }
      },
      `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
    );

/** A comma-separated list of YYYY-MM-DD dates (the government's yearly holiday swaps). */
const dateList = z
  .string()
  .trim()
  .default('')
  .refine(
    (v) => v === '' || v.split(',').every((d) => /^\d{4}-\d{2}-\d{2}$/u.test(d.trim())),
    'must be comma-separated dates YYYY-MM-DD',
  )
  .transform((v) => (v === '' ? [] : v.split(',').map((d) => d.trim())));

/** Every variable, with the example printed when it is wrong. */
export const ENV_EXAMPLES: Record<string, string> = {
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/deanbot',
  REDIS_URL: 'redis://127.0.0.1:6379',
  HOST: '127.0.0.1',
  PORT: '3000',
  LOG_LEVEL: 'info',
  APP_TIMEZONE: 'Asia/Ho_Chi_Minh',
  PUBLIC_BASE_URL: 'https://bot.example.gov.vn',
  ADMIN_TOKEN: 'a-long-random-string-of-24-chars-or-more',
  METRICS_TOKEN: 'another-long-random-string-for-prometheus',
  READY_CHANNEL_CACHE_SECONDS: '30',
  QUEUE_PREFIX: 'deanbot',
  REMINDER_SEND_TIME: '08:30',
  OUTBOX_RATE_PER_SECOND: '25',
  OUTBOX_PER_CHAT_INTERVAL_MS: '1100',
  REMINDER_PLANNING_TIME: '07:30',
  WORK_EXTRA_DAYS_OFF: '2025-01-27,2025-02-03',
  WORK_EXTRA_WORKING_DAYS: '2025-02-08',
  INBOUND_RETENTION_DAYS: '90',
  TELEGRAM_BOT_TOKEN: '123456789:AAExampleExampleExampleExample',
  TELEGRAM_BOT_USERNAME: 'de_an_06_bot',
  TELEGRAM_API_ROOT: 'https://api.telegram.org',
  TELEGRAM_WEBHOOK_URL: 'https://bot.example.gov.vn/webhooks/telegram',
  TELEGRAM_WEBHOOK_SECRET: 'random_secret_32_chars_A-Z_a-z_0-9',
  ZALO_APP_ID: '1234567890123456789',
  ZALO_APP_SECRET: 'AppSecretFromZaloDevelopers',
  ZALO_OA_SECRET_KEY: 'OaSecretKeyFromWebhookSettings',
  ZALO_API_BASE: 'https://openapi.zalo.me',
  ZALO_OAUTH_BASE: 'https://oauth.zaloapp.com',
  ZALO_REDIRECT_URI: 'https://bot.example.gov.vn/zalo/callback',
};

const EnvSchema = z
  .object({
    DATABASE_URL: urlWithProtocols(['postgresql:', 'postgres:']),
    REDIS_URL: urlWithProtocols(['redis:', 'rediss:']).default('redis://127.0.0.1:6379'),
    HOST: z.string().trim().min(1).default('127.0.0.1'),
    PORT: z.coerce
      .number({ error: 'must be a whole number from 1 to 65535' })
      .int('must be a whole number from 1 to 65535')
      .min(1, 'must be 1-65535')
      .max(65535, 'must be 1-65535')
      .default(3000),
    LOG_LEVEL: z.enum(LOG_LEVELS, `must be one of ${LOG_LEVELS.join(', ')}`).default('info'),
    APP_TIMEZONE: z
      .string()
      .trim()
      .refine(isValidTimeZone, 'must be an IANA time zone')
      .default('Asia/Ho_Chi_Minh'),
    PUBLIC_BASE_URL: urlWithProtocols(['http:', 'https:']).optional(),
    ADMIN_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
    METRICS_TOKEN: optionalString.pipe(z.string().min(24, 'must be at least 24 characters').optional()),
    READY_CHANNEL_CACHE_SECONDS: z.coerce
      .number({ error: 'must be a whole number of seconds' })
      .int('must be a whole number of seconds')
      .min(0, 'must be 0-3600')
      .max(3600, 'must be 0-3600')
      .default(30),
    QUEUE_PREFIX: z
      .string()
      .regex(/^[a-z0-9_-]{1,40}$/u, 'must be 1-40 characters a-z 0-9 _ -')
      .default('deanbot'),
    OUTBOX_RATE_PER_SECOND: z.coerce
      .number({ error: 'must be a number of messages per second' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(1000, 'must be at most 1000')
      .default(25),
    REMINDER_PLANNING_TIME: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/u, 'must be HH:MM (24 h)')
      .default('07:30'),
    WORK_EXTRA_DAYS_OFF: dateList,
    WORK_EXTRA_WORKING_DAYS: dateList,
    INBOUND_RETENTION_DAYS: z.coerce
      .number({ error: 'must be a whole number of days' })
      .int('must be a whole number of days')
      .min(1, 'must be 1-3650')
      .max(3650, 'must be 1-3650')
      .default(90),
    OUTBOX_PER_CHAT_INTERVAL_MS: z.coerce
      .number({ error: 'must be a number of milliseconds' })
      .int('must be a whole number')
      .min(0, 'must be at least 0')
      .max(60_000, 'must be at most 60000')
      .default(1100),
    REMINDER_SEND_TIME: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/u, 'must be HH:MM (24 h)')
      .default('08:30'),
    TELEGRAM_BOT_TOKEN: optionalString.pipe(
      z
        .string()
        .regex(/^\d{3,}:[\w-]{20,}$/u, 'must look like <digits>:<secret> as given by @BotFather')
        .optional(),
    ),
    TELEGRAM_BOT_USERNAME: optionalString.pipe(
      z
        .string()
        .regex(/^[A-Za-z][A-Za-z0-9_]{3,31}$/u, 'must be the bot username without @')
        .optional(),
    ),
    TELEGRAM_API_ROOT: urlWithProtocols(['http:', 'https:']).default('https://api.telegram.org'),
    TELEGRAM_WEBHOOK_URL: optionalString.pipe(urlWithProtocols(['https:', 'http:']).optional()),
    TELEGRAM_WEBHOOK_SECRET: optionalString.pipe(
      z
        .string()
        .regex(/^[A-Za-z0-9_-]{16,256}$/u, 'must be 16-256 characters from A-Z a-z 0-9 _ -')
        .optional(),
    ),
    ZALO_APP_ID: optionalString.pipe(z.string().regex(/^\d+$/u, 'must be digits').optional()),
    ZALO_APP_SECRET: optionalString,
    ZALO_OA_SECRET_KEY: optionalString,
    ZALO_API_BASE: urlWithProtocols(['http:', 'https:']).default('https://openapi.zalo.me'),
    ZALO_OAUTH_BASE: urlWithProtocols(['http:', 'https:']).default('https://oauth.zaloapp.com'),
    ZALO_REDIRECT_URI: optionalString.pipe(urlWithProtocols(['http:', 'https:']).optional()),
  })
  .superRefine((env, ctx) => {
    if (env.TELEGRAM_WEBHOOK_URL && !env.TELEGRAM_WEBHOOK_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['TELEGRAM_WEBHOOK_SECRET'],
        message: 'is required when TELEGRAM_WEBHOOK_URL is set',
      });
    }
    const zalo = [env.ZALO_APP_ID, env.ZALO_APP_SECRET, env.ZALO_OA_SECRET_KEY];
    if (zalo.some(Boolean) && !zalo.every(Boolean)) {
      for (const name of ['ZALO_APP_ID', 'ZALO_APP_SECRET', 'ZALO_OA_SECRET_KEY'] as const) {
        if (!env[name]) {
          ctx.addIssue({
            code: 'custom',
            path: [name],
            message: 'is required when any ZALO_ variable is set',
          });
        }
      }
    }
  });

export interface Config {
  databaseUrl: string;
  redisUrl: string;
  host: string;
  port: number;
  logLevel: (typeof LOG_LEVELS)[number];
  timeZone: string;
  publicBaseUrl: string | undefined;
  adminToken: string | undefined;
  /** Bearer token required by GET /metrics; open when unset. */
  metricsToken: string | undefined;
  /** How long /ready keeps a channel's reachability answer (a failure at most 5 s). */
  readyChannelCacheSeconds: number;
  queuePrefix: string;
  reminderSendTime: string;
  /** When the daily reminder planning runs (Vietnam time). */
  reminderPlanningTime: string;
  /** Extra days off and make-up working days decided by the government each year. */
  workExtraDaysOff: string[];
  workExtraWorkingDays: string[];
  /** Days a raw inbound payload is kept before the nightly purge empties it. */
  inboundRetentionDays: number;
  outboxRatePerSecond: number;
  outboxPerChatIntervalMs: number;
  telegram:
    | { enabled: false; apiRoot: string }
    | {
        enabled: true;
        token: string;
        apiRoot: string;
        mode: 'polling' | 'webhook';
        webhookUrl: string | undefined;
        webhookSecret: string | undefined;
      };
  zalo:
    | { enabled: false; apiBase: string; oauthBase: string }
    | {
        enabled: true;
        appId: string;
        appSecret: string;
        oaSecretKey: string;
        apiBase: string;
        oauthBase: string;
        redirectUri: string | undefined;
      };
  version: string;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

/** Parses an environment (pure: the caller passes process.env or a test object). */
export function parseConfig(env: Record<string, string | undefined>, version = '0.0.0'): ConfigResult {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      const message = issue.code === 'invalid_type' && env[name] === undefined ? 'is missing' : issue.message;
      const example = ENV_EXAMPLES[name];
      return `${name}: ${message}${example ? ` (example: ${name}=${example})` : ''}`;
    });
    return { ok: false, problems: [...new Set(problems)] };
  }
  const e = parsed.data;
  return {
    ok: true,
    config: {
      databaseUrl: e.DATABASE_URL,
      redisUrl: e.REDIS_URL,
      host: e.HOST,
      port: e.PORT,
      logLevel: e.LOG_LEVEL,
      timeZone: e.APP_TIMEZONE,
      publicBaseUrl: e.PUBLIC_BASE_URL,
      adminToken: e.ADMIN_TOKEN,
      metricsToken: e.METRICS_TOKEN,
      readyChannelCacheSeconds: e.READY_CHANNEL_CACHE_SECONDS,
      queuePrefix: e.QUEUE_PREFIX,
      reminderSendTime: e.REMINDER_SEND_TIME,
      reminderPlanningTime: e.REMINDER_PLANNING_TIME,
      workExtraDaysOff: e.WORK_EXTRA_DAYS_OFF,
      workExtraWorkingDays: e.WORK_EXTRA_WORKING_DAYS,
      inboundRetentionDays: e.INBOUND_RETENTION_DAYS,
      outboxRatePerSecond: e.OUTBOX_RATE_PER_SECOND,
      outboxPerChatIntervalMs: e.OUTBOX_PER_CHAT_INTERVAL_MS,
      telegram: e.TELEGRAM_BOT_TOKEN
        ? {
            enabled: true,
            token: e.TELEGRAM_BOT_TOKEN,
            apiRoot: e.TELEGRAM_API_ROOT,
            mode: e.TELEGRAM_WEBHOOK_URL ? 'webhook' : 'polling',
            webhookUrl: e.TELEGRAM_WEBHOOK_URL,
            webhookSecret: e.TELEGRAM_WEBHOOK_SECRET,
          }
        : { enabled: false, apiRoot: e.TELEGRAM_API_ROOT },
      zalo:
        e.ZALO_APP_ID && e.ZALO_APP_SECRET && e.ZALO_OA_SECRET_KEY
          ? {
              enabled: true,
              appId: e.ZALO_APP_ID,
              appSecret: e.ZALO_APP_SECRET,
              oaSecretKey: e.ZALO_OA_SECRET_KEY,
              apiBase: e.ZALO_API_BASE,
              oauthBase: e.ZALO_OAUTH_BASE,
              redirectUri: e.ZALO_REDIRECT_URI,
            }
          : { enabled: false, apiBase: e.ZALO_API_BASE, oauthBase: e.ZALO_OAUTH_BASE },
      version,
    },
  };
}

/** Secret values of a config, for log scrubbing. */
export function secretsOf(config: Config): string[] {
  const secrets = [config.adminToken, config.metricsToken];
  if (config.telegram.enabled) secrets.push(config.telegram.token, config.telegram.webhookSecret);
  if (config.zalo.enabled) secrets.push(config.zalo.appSecret, config.zalo.oaSecretKey);
  const dbPassword = safePassword(config.databaseUrl);
  const redisPassword = safePassword(config.redisUrl);
  secrets.push(dbPassword, redisPassword);
  return secrets.filter((s): s is string => typeof s === 'string' && s.length >= 4);
}

function safePassword(url: string): string | undefined {
  try {
    const password = new URL(url).password;
    return password ? decodeURIComponent(password) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The working-day calendar reminders are planned with: office hours, Vietnam's holidays and the year's
 * swaps from WORK_EXTRA_DAYS_OFF / WORK_EXTRA_WORKING_DAYS. The service's planner and the CLI `remind`
 * both take it from here, so that they cannot plan different days.
 */
export function workCalendarOf(
  config: Pick<Config, 'workExtraDaysOff' | 'workExtraWorkingDays'>,
): WorkCalendarConfig {
  return {
    ...DEFAULT_WORK_CALENDAR,
    extraDaysOff: [...config.workExtraDaysOff],
    extraWorkingDays: [...config.workExtraWorkingDays],
  };
}

/** The process environment, after loading ./.env when present (variables already set win). */
export function readEnvironment(): Record<string, string | undefined> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  return process.env;
}

/**
 * Reads process.env (after loading ./.env when present) and returns the config, or prints one line per
 * problem to stderr and exits with code 1.
 */
export function loadConfigOrExit(version: string): Config {
  const result = parseConfig(readEnvironment(), version);
  if (result.ok) return result.config;
  process.stderr.write(result.problems.map((p) => `Configuration error: ${p}\n`).join(''));
  process.exit(1);
}
