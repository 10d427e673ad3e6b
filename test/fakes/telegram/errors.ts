/** Error replies of the fake Bot API, shaped like the real `{ ok:false, error_code, description }` envelope. */

/** `parameters` of an error reply (Bot API `ResponseParameters`). */
export interface ResponseParameters {
  retry_after?: number;
  migrate_to_chat_id?: number;
}

/** The JSON envelope every Bot API answer uses. */
export type ApiEnvelope =
  | { ok: true; result: unknown; description?: string }
  | { ok: false; error_code: number; description: string; parameters?: ResponseParameters };

/** Thrown by method handlers; the dispatcher turns it into an error envelope with the same HTTP status. */
export class BotApiError extends Error {
  override readonly name = 'BotApiError';

  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: ResponseParameters,
  ) {
    super(`${code}: ${description}`);
  }

  /** The envelope the real API would send for this error. */
  toEnvelope(): ApiEnvelope {
    return {
      ok: false,
      error_code: this.code,
      description: this.description,
      ...(this.parameters ? { parameters: this.parameters } : {}),
    };
  }
}

/** 400 with the usual `Bad Request: ` prefix. */
export function badRequest(detail: string): BotApiError {
  return new BotApiError(400, `Bad Request: ${detail}`);
}

/** 429 exactly as Telegram words it, with `parameters.retry_after` in seconds. */
export function tooManyRequests(retryAfterSeconds: number): BotApiError {
  return new BotApiError(429, `Too Many Requests: retry after ${retryAfterSeconds}`, {
    retry_after: retryAfterSeconds,
  });
}

/** 403 with the usual `Forbidden: ` prefix. */
export function forbidden(detail: string): BotApiError {
  return new BotApiError(403, `Forbidden: ${detail}`);
}
