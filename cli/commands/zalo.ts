/**
 * `zalo auth-url | exchange | set-tokens | status`: authorising the Zalo Official Account and checking
 * its token. Tokens are never printed; the PKCE verifier waits in the database (zalo_auth_request).
 */
import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { type Config, ENV_EXAMPLES, parseConfig, readEnvironment } from '../../app/config.ts';
import { ZaloClient } from '../../bot/zalo/zalo-client.ts';
import { ZaloApiError, ZaloHttpError } from '../../bot/zalo/zalo-errors.ts';
import { createPkcePair } from '../../bot/zalo/zalo-oauth.ts';
import {
  createZaloAuthRequest,
  deleteZaloAuthRequest,
  findZaloAuthRequest,
  readZaloTokenStatus,
  saveZaloToken,
  type ZaloTokenStatus,
} from '../../store/zalo-tokens.ts';
import { type CliContext, CliError, EXIT_USAGE } from '../context.ts';

type ZaloConfig = Extract<Config['zalo'], { enabled: true }>;

const ZALO_VARS = ['ZALO_APP_ID', 'ZALO_APP_SECRET', 'ZALO_OA_SECRET_KEY'] as const;
/** Zalo's access tokens live 25 hours. */
const DEFAULT_EXPIRES_IN_SECONDS = 90_000;

/** The Zalo settings, or a usage error naming what to set. */
function zaloConfig(): ZaloConfig {
  const env = readEnvironment();
  const parsed = parseConfig(env);
  if (!parsed.ok) {
    const relevant = parsed.problems.filter((p) => /^(ZALO_|DATABASE_URL)/u.test(p));
    throw new CliError((relevant.length > 0 ? relevant : parsed.problems).join('\n'), EXIT_USAGE);
  }
  if (!parsed.config.zalo.enabled) {
    const missing = ZALO_VARS.filter((name) => !env[name]);
    throw new CliError(
      `Zalo is not configured: set ${missing.join(', ')} in .env (from the app at developers.zalo.me; see README, "Connecting a Zalo Official Account"), e.g.\n${missing.map((name) => `  ${name}=${ENV_EXAMPLES[name]}`).join('\n')}`,
      EXIT_USAGE,
    );
  }
  return parsed.config.zalo;
}

function clientFor(zalo: ZaloConfig): ZaloClient {
  return new ZaloClient({
    apiBase: zalo.apiBase,
    oauthBase: zalo.oauthBase,
    appId: zalo.appId,
    appSecret: zalo.appSecret,
    getAccessToken: async () => {
      throw new Error('the CLI makes no OpenAPI calls');
    },
  });
}

/** The token status as printed: dates, never the tokens. */
function statusJson(status: ZaloTokenStatus | null, configured: boolean, now: Date) {
  return {
    configured,
    stored: status !== null,
    usable: status !== null && status.brokenAt === null && status.refreshExpiresAt > now,
    broken: status?.brokenAt !== null && status?.brokenAt !== undefined,
    brokenAt: status?.brokenAt?.toISOString() ?? null,
    accessExpiresAt: status?.accessExpiresAt.toISOString() ?? null,
    accessExpired: status ? status.accessExpiresAt <= now : null,
    refreshExpiresAt: status?.refreshExpiresAt.toISOString() ?? null,
    rotatedAt: status?.rotatedAt.toISOString() ?? null,
    version: status?.version ?? null,
  };
}

function printStatus(ctx: CliContext, s: ReturnType<typeof statusJson>): void {
  if (!s.stored) {
    ctx.out('No Zalo OA token is stored. Authorise the OA: npm run cli -- zalo auth-url');
    return;
  }
  ctx.out(
    s.broken
      ? `BROKEN since ${s.brokenAt}: Zalo refused a refresh. Authorise the OA again: npm run cli -- zalo auth-url`
      : `OK${s.usable ? '' : ' (refresh token probably expired: authorise again)'}`,
  );
  ctx.out(
    `Access token expires ${s.accessExpiresAt}${s.accessExpired ? ' (expired: refreshed on next use)' : ''}`,
  );
  ctx.out(`Refresh token expires about ${s.refreshExpiresAt} (rotated ${s.rotatedAt}, version ${s.version})`);
  if (!s.configured)
    ctx.out('Note: ZALO_APP_ID, ZALO_APP_SECRET and ZALO_OA_SECRET_KEY are not all set: Zalo is disabled.');
}

/** `code` from a pasted callback URL (`...?code=...&state=...`), or the code itself. */
function readCode(input: string): { code: string; state?: string } {
  const trimmed = input.trim();
  if (!/^https?:\/\//iu.test(trimmed)) return { code: trimmed };
  const url = new URL(trimmed);
  const code = url.searchParams.get('code');
  if (!code)
    throw new CliError('That URL has no code parameter: paste the address Zalo redirected to', EXIT_USAGE);
  const state = url.searchParams.get('state');
  return { code, ...(state ? { state } : {}) };
}

function refusal(error: unknown): never {
  if (error instanceof ZaloApiError) {
    throw new CliError(
      `Zalo refused the code: ${error.message}. A code works once and for 10 minutes; run npm run cli -- zalo auth-url again.`,
    );
  }
  if (error instanceof ZaloHttpError) throw new CliError(`Could not reach Zalo: ${error.message}`);
  throw error;
}

/** The options of `zalo set-tokens`. */
interface SetTokensOptions {
  access: string;
  refresh: string;
  expiresIn: string;
  json?: boolean;
}

export function registerZalo(program: Command, ctx: CliContext): void {
  const zalo = program.command('zalo').description('Zalo Official Account: authorisation and token status');

  zalo
    .command('auth-url')
    .description('Print the URL an OA admin opens to authorise the bot (PKCE verifier kept in the database)')
    .option('--json', 'print as JSON')
    .action((opts: { json?: boolean }) => printAuthUrl(ctx, opts));

  zalo
    .command('exchange')
    .description('Trade the code from the callback for the OA token pair and store it')
    .argument('<code>', 'the code parameter of the callback URL, or the whole URL')
    .option('--state <state>', 'which auth-url request (default: the newest one)')
    .option('--json', 'print as JSON')
    .action((input: string, opts: { state?: string; json?: boolean }) => exchangeCode(ctx, input, opts));

  zalo
    .command('set-tokens')
    .description('Store a token pair obtained elsewhere (e.g. the API Explorer of developers.zalo.me)')
    .requiredOption('--access <token>', 'the OA access token')
    .requiredOption('--refresh <token>', 'the OA refresh token')
    .option(
      '--expires-in <seconds>',
      'seconds until the access token expires',
      String(DEFAULT_EXPIRES_IN_SECONDS),
    )
    .option('--json', 'print as JSON')
    .action((opts: SetTokensOptions) => setTokens(ctx, opts));

  zalo
    .command('status')
    .description(
      'Whether the OA token is stored, when it expires and whether it is broken (tokens never shown)',
    )
    .option('--json', 'print as JSON')
    .action((opts: { json?: boolean }) => printTokenStatus(ctx, opts));
}

/** `zalo auth-url`: stores a PKCE verifier and prints the URL an OA admin opens (redirect URI required). */
async function printAuthUrl(ctx: CliContext, opts: { json?: boolean }): Promise<void> {
  const config = zaloConfig();
  if (!config.redirectUri) {
    throw new CliError(
      `ZALO_REDIRECT_URI is not set: set it to the "Official Account Callback Url" saved in the Zalo app (e.g. ZALO_REDIRECT_URI=${ENV_EXAMPLES['ZALO_REDIRECT_URI']})`,
      EXIT_USAGE,
    );
  }
  const now = new Date();
  const pkce = createPkcePair();
  const state = randomBytes(16).toString('hex');
  const { expiresAt } = await createZaloAuthRequest(await ctx.db(), {
    state,
    codeVerifier: pkce.codeVerifier,
    redirectUri: config.redirectUri,
    now,
  });
  const url = clientFor(config).authorizeUrl({
    redirectUri: config.redirectUri,
    codeChallenge: pkce.codeChallenge,
    state,
  });
  if (opts.json) {
    ctx.json({
      url,
      state,
      redirectUri: config.redirectUri,
      verifierStoredIn: 'database table zalo_auth_request',
      expiresAt: expiresAt.toISOString(),
    });
    return;
  }
  ctx.out('1. Open this URL in a browser, logged in to Zalo as an admin of the OA, pick the OA and approve:');
  ctx.out(`   ${url}`);
  ctx.out(`2. Zalo redirects to ${config.redirectUri}?code=...&state=${state}`);
  ctx.out('3. Within 10 minutes run: npm run cli -- zalo exchange <code>   (or paste the whole address)');
  ctx.progress(
    `The PKCE verifier is kept in the database (table zalo_auth_request, state ${state}) until ${expiresAt.toISOString()}.`,
  );
}

/**
 * `zalo exchange`: trades the callback's code for a token pair with the pending request's verifier (the
 * one of `--state` or the URL, else the newest), stores the pair and forgets the request.
 */
async function exchangeCode(
  ctx: CliContext,
  input: string,
  opts: { state?: string; json?: boolean },
): Promise<void> {
  const config = zaloConfig();
  const { code, state: stateInUrl } = readCode(input);
  const state = opts.state ?? stateInUrl;
  const db = await ctx.db();
  const now = new Date();
  const request = await findZaloAuthRequest(db, { ...(state ? { state } : {}), now });
  if (!request) {
    throw new CliError(
      `No pending authorisation${state ? ` with state ${state}` : ''}: run npm run cli -- zalo auth-url first (a request is kept for 1 hour).`,
    );
  }
  const pair = await clientFor(config).exchangeCode(code, request.codeVerifier, now).catch(refusal);
  const status = await saveZaloToken(db, pair, now);
  await deleteZaloAuthRequest(db, request.state);
  const out = statusJson(status, true, now);
  if (opts.json) return ctx.json(out);
  ctx.out('The OA is authorised: token stored.');
  printStatus(ctx, out);
}

/** `zalo set-tokens`: stores a pair obtained elsewhere, after checking Zalo is configured and the options. */
async function setTokens(ctx: CliContext, opts: SetTokensOptions): Promise<void> {
  zaloConfig();
  const seconds = Number(opts.expiresIn);
  if (!Number.isInteger(seconds) || seconds <= 0 || seconds > 10 * 365 * 24 * 3600) {
    throw new CliError('--expires-in must be a whole number of seconds, e.g. 90000 (25 hours)', EXIT_USAGE);
  }
  const accessToken = opts.access.trim();
  const refreshToken = opts.refresh.trim();
  if (!accessToken || !refreshToken)
    throw new CliError('--access and --refresh must not be empty', EXIT_USAGE);
  const now = new Date();
  const status = await saveZaloToken(
    await ctx.db(),
    { accessToken, refreshToken, expiresAt: new Date(now.getTime() + seconds * 1000) },
    now,
  );
  const out = statusJson(status, true, now);
  if (opts.json) return ctx.json(out);
  ctx.out('Token pair stored.');
  printStatus(ctx, out);
}

/** `zalo status`: the stored token's dates and state, whether or not Zalo is configured. */
async function printTokenStatus(ctx: CliContext, opts: { json?: boolean }): Promise<void> {
  const parsed = parseConfig(readEnvironment());
  const configured = parsed.ok && parsed.config.zalo.enabled;
  const out = statusJson(await readZaloTokenStatus(await ctx.db()), configured, new Date());
  if (opts.json) return ctx.json(out);
  printStatus(ctx, out);
}
