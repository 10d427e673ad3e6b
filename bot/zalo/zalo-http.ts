import type { AxiosInstance, AxiosRequestConfig } from 'axios';
import { isAxiosError } from 'axios';
import { z } from 'zod';
import { ZaloApiError, ZaloHttpError } from './zalo-errors.ts';

/** A response whose body is kept as text: JSON is parsed here so that odd bodies become typed errors. */
interface RawResponse {
  status: number;
  body: string;
}

/**
 * Sends one request and returns the status and raw body text. Never throws axios errors: failures become
 * {@link ZaloHttpError} without the request config (which holds secrets).
 */
export async function requestRaw(
  http: AxiosInstance,
  endpoint: string,
  config: AxiosRequestConfig,
): Promise<RawResponse> {
  try {
    const res = await http.request<string>({
      ...config,
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
    });
    const body = typeof res.data === 'string' ? res.data : '';
    if (res.status < 200 || res.status > 299) {
      throw new ZaloHttpError({
        endpoint,
        kind: 'http-status',
        status: res.status,
        message: `Zalo ${endpoint} answered HTTP ${res.status}`,
      });
    }
    return { status: res.status, body };
  } catch (err) {
    if (err instanceof ZaloHttpError) throw err;
    if (isAxiosError(err)) {
      const timeout = err.code === 'ECONNABORTED' || err.code === 'ETIMEDOUT';
      throw new ZaloHttpError({
        endpoint,
        kind: timeout ? 'timeout' : 'network',
        message: `Zalo ${endpoint}: ${timeout ? 'timed out' : `network error ${err.code ?? 'unknown'}`}`,
      });
    }
    throw new ZaloHttpError({ endpoint, kind: 'network', message: `Zalo ${endpoint}: request failed` });
  }
}

/** Parses a JSON body; a body that is not JSON is a transient transport failure (proxy pages and the like). */
export function parseJsonBody(endpoint: string, body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw new ZaloHttpError({
      endpoint,
      kind: 'bad-response',
      message: `Zalo ${endpoint}: body is not JSON`,
    });
  }
}

const codeSchema = z.union([
  z.number().int(),
  z
    .string()
    .regex(/^-?\d+$/)
    .transform(Number),
]);

const envelopeSchema = z.looseObject({
  error: codeSchema.optional(),
  message: z.string().optional(),
  data: z.unknown().optional(),
});

/**
 * Unwraps the OpenAPI envelope `{ data, error, message }`: throws {@link ZaloApiError} when `error` ≠ 0,
 * then validates `data` with `dataSchema`. A success whose data does not match is a permanent
 * `bad-response` (retrying a send that Zalo accepted would duplicate it).
 */
export function unwrapEnvelope<T>(endpoint: string, json: unknown, dataSchema: z.ZodType<T>): T {
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) {
    throw new ZaloHttpError({ endpoint, kind: 'bad-response', message: `Zalo ${endpoint}: not an envelope` });
  }
  const code = envelope.data.error ?? 0;
  if (code !== 0) {
    throw new ZaloApiError({
      code,
      endpoint,
      message: `Zalo ${endpoint} error ${code}: ${truncate(envelope.data.message ?? 'no message')}`,
    });
  }
  const data = dataSchema.safeParse(envelope.data.data);
  if (!data.success) {
    throw new ZaloHttpError({
      endpoint,
      kind: 'bad-response',
      category: 'permanent',
      message: `Zalo ${endpoint}: unexpected data shape`,
    });
  }
  return data.data;
}

/** Keeps Zalo-provided text short in error messages. */
export function truncate(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
