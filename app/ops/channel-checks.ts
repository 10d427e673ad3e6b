/**
 * Reachability checks of the enabled channels for GET /ready: Telegram answers `getMe` with our token;
 * Zalo has a stored OA token that is neither broken nor expired and its API host answers HTTP. Each check has a
 * timeout, and its answer is cached so that frequent probes do not hit the platforms.
 */

export type Check = () => Promise<boolean>;

/** Telegram: GET <apiRoot>/bot<token>/getMe answers `{"ok":true}` (a wrong token is not ready). */
export function telegramCheck(options: { apiRoot: string; token: string; timeoutMs: number }): Check {
  const url = `${options.apiRoot.replace(/\/+$/u, '')}/bot${options.token}/getMe`;
  return async () => {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs) });
      if (!response.ok) return false;
      const body = (await response.json()) as { ok?: unknown };
      return body.ok === true;
    } catch {
      return false;
    }
  };
}

/** What the Zalo readiness check needs to know of the stored token (never the token itself). */
export interface ZaloTokenState {
  accessExpiresAt: Date;
  brokenAt: Date | null;
}

/**
 * Zalo: a stored OA token that is not broken and not expired (`readToken` reads its state), and the OA
 * API host answering an HTTP request (any status) within the timeout.
 */
export function zaloCheck(options: {
  apiBase: string;
  timeoutMs: number;
  readToken: () => Promise<ZaloTokenState | null>;
  now?: () => Date;
}): Check {
  const now = options.now ?? (() => new Date());
  return async () => {
    try {
      const token = await options.readToken();
      if (!token || token.brokenAt !== null || token.accessExpiresAt.getTime() <= now().getTime()) {
        return false;
      }
      const response = await fetch(options.apiBase, {
        method: 'HEAD',
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      await response.body?.cancel();
      return true;
    } catch {
      return false;
    }
  };
}

/**
 * Keeps a check's answer: a success for `ttlMs`, a failure for at most `failureTtlMs` (so a recovery shows
 * soon); concurrent callers share one check in flight.
 */
export function cached(
  check: Check,
  options: { ttlMs: number; failureTtlMs?: number; now?: () => number },
): Check {
  const now = options.now ?? Date.now;
  const failureTtl = Math.min(options.ttlMs, options.failureTtlMs ?? 5_000);
  let last: { value: boolean; at: number } | null = null;
  let inFlight: Promise<boolean> | null = null;
  return () => {
    if (last && now() - last.at < (last.value ? options.ttlMs : failureTtl)) {
      return Promise.resolve(last.value);
    }
    inFlight ??= check()
      .catch(() => false)
      .then((value) => {
        last = { value, at: now() };
        inFlight = null;
        return value;
      });
    return inFlight;
  };
}
