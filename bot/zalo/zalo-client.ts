/**
 * A thin typed client for the Zalo Official Account OpenAPI (one axios instance, no state but config).
 *
 * Endpoints and facts relied on (see docs/zalo-oa-api.md):
 * - Auth is the bare header `access_token: <token>`; POST bodies are JSON; GET endpoints take one
 *   URL-encoded JSON parameter `data`.
 * - Every answer is the envelope `{ data, error, message }` with HTTP 200 even on failure; `error` ≠ 0 is
 *   an error ({@link ZaloApiError}). -216/-220 mean the token is invalid or expired: we call
 *   `onAuthError` once (it refreshes and returns the new token) and retry once.
 * - `POST /v3.0/oa/message/cs` sends a consultation message:
 *   `{ recipient: { user_id }, message: { text } }`, text at most 2 000 characters (we normalise to NFC and
 *   count UTF-16 code units, the stricter reading). Success `data.message_id` (a string).
 *   Only allowed within 7 days of the user's last interaction, else -230 / -232.
 * - Text with buttons: `message: { text, attachment: { type: 'template', payload: { buttons: [{ title,
 *   type, payload }] } } }` with NO `template_type` (settled: docs/zalo-oa-api.md, "Buttons"), at most 5
 *   buttons, titles of at most 20 characters (longer ones are shortened), `oa.query.hide` payloads a string
 *   of at most 1 000 characters, `oa.open.url` `{ url }`, `oa.open.phone` `{ phone_code }`, `oa.open.sms`
 *   `{ content, phone_code }`. A tapped `oa.query.hide` button comes back as a `user_send_text` webhook
 *   whose text is the payload.
 * - Image: `attachment: { type: 'template', payload: { template_type: 'media', elements: [{ media_type:
 *   'image', url | attachment_id }] } }` (verify against a real OA).
 * - `POST /v2.0/oa/upload/file` (multipart, field `file`) returns `data.token`, valid 7 days; then
 *   `attachment: { type: 'file', payload: { token } }`. Accepted file types are not in the notes (verify
 *   against a real OA; PDF/DOC/DOCX is the common claim).
 * - `GET /v3.0/oa/user/detail?data={"user_id":"…"}` returns the profile.
 * - `POST <oauth base>/v4/oa/access_token` for code exchange and refresh (see zalo-oauth.ts).
 * Ids are kept as strings throughout: they exceed 2^53.
 */
import axios, { type AxiosInstance } from 'axios';
import { z } from 'zod';
import { ZaloApiError } from './zalo-errors.ts';
import { parseJsonBody, requestRaw, unwrapEnvelope } from './zalo-http.ts';
import { zaloIdSchema } from './zalo-ids.ts';
import { buildAuthorizeUrl, exchangeCode, refreshAccessToken, type ZaloTokenPair } from './zalo-oauth.ts';

/** Longest CS text Zalo accepts (characters, after NFC normalisation). */
export const ZALO_MAX_TEXT_LENGTH = 2000;
/** Most buttons one message may carry. */
export const ZALO_MAX_BUTTONS = 5;
/** Longest `oa.query.*` button payload. */
export const ZALO_MAX_BUTTON_PAYLOAD = 1000;
/** Longest button title (UTF-16 code units, the stricter count). */
export const ZALO_MAX_BUTTON_TITLE = 20;

export const ZALO_CS_PATH = '/v3.0/oa/message/cs';
export const ZALO_UPLOAD_FILE_PATH = '/v2.0/oa/upload/file';
export const ZALO_USER_DETAIL_PATH = '/v3.0/oa/user/detail';

/** Configuration of a {@link ZaloClient}. Secrets stay inside the client and are never logged. */
export interface ZaloClientOptions {
  /** OpenAPI base, normally `https://openapi.zalo.me`. */
  apiBase: string;
  /** OAuth base, normally `https://oauth.zaloapp.com`. */
  oauthBase: string;
  appId: string;
  appSecret: string;
  /** Per-request timeout; default 10 s. */
  timeoutMs?: number;
  /** The current OA access token (from the token store). */
  getAccessToken: () => Promise<string>;
  /**
   * Called once after an auth error with the token Zalo refused: refresh (single-flight) and return the
   * new access token (or the one another worker stored meanwhile).
   */
  onAuthError?: (refusedToken: string) => Promise<string>;
}

/** A quick-reply button: `payload` comes back as the user's text. */
/**
 * A button: `payload` sends that text back as the user's message (`oa.query.hide`); `url` opens a page,
 * `phone` the dialer, `sms` the SMS app with `content` typed in.
 */
export type ZaloButton =
  | { label: string; payload: string }
  | { label: string; url: string }
  | { label: string; phone: string }
  | { label: string; sms: { phone: string; content: string } };

/** A button as Zalo's `buttons` array takes it. */
interface ZaloWireButton {
  title: string;
  type: 'oa.query.hide' | 'oa.open.url' | 'oa.open.phone' | 'oa.open.sms';
  payload: string | Record<string, string>;
}

const PICTOGRAPHS = /\p{Extended_Pictographic}|\u{FE0F}|\u{200D}/gu;

/**
 * A title Zalo accepts: at most {@link ZALO_MAX_BUTTON_TITLE} UTF-16 units. A longer one first loses its
 * emoji, then is cut with "…" ("#12 📈 Cập nhật tiến độ" -> "#12 Cập nhật tiến độ").
 */
export function fitButtonTitle(label: string): string {
  const title = label.normalize('NFC').trim();
  if (title.length <= ZALO_MAX_BUTTON_TITLE) return title;
  const plain = title.replace(PICTOGRAPHS, '').replace(/\s+/gu, ' ').trim();
  if (plain.length <= ZALO_MAX_BUTTON_TITLE) return plain;
  return `${[...plain]
    .slice(0, ZALO_MAX_BUTTON_TITLE - 1)
    .join('')
    .trimEnd()}…`;
}

/** One button in Zalo's shape; throws RangeError on an empty title or payload. */
function toWireButton(button: ZaloButton): ZaloWireButton {
  const title = fitButtonTitle(button.label);
  if (title.length === 0) throw new RangeError('Zalo button needs a label');
  if ('url' in button) return { title, type: 'oa.open.url', payload: { url: button.url } };
  if ('phone' in button) return { title, type: 'oa.open.phone', payload: { phone_code: button.phone } };
  if ('sms' in button) {
    return {
      title,
      type: 'oa.open.sms',
      payload: { content: button.sms.content, phone_code: button.sms.phone },
    };
  }
  const payload = button.payload.normalize('NFC');
  if (payload.length === 0 || payload.length > ZALO_MAX_BUTTON_PAYLOAD) {
    throw new RangeError('Zalo button needs a payload of 1 to 1000 characters');
  }
  return { title, type: 'oa.query.hide', payload };
}

/** The id Zalo gave a message we sent. */
export interface ZaloSent {
  messageId: string;
}

/** The profile fields the bot uses; `raw` keeps the full `data` object. */
export interface ZaloUserProfile {
  userId: string;
  userIdByApp?: string;
  displayName?: string;
  isFollower?: boolean;
  /** `DD/MM/YYYY` as Zalo sends it. */
  lastInteractionDate?: string;
  avatar?: string;
  raw: Record<string, unknown>;
}

const sentSchema = z.looseObject({ message_id: zaloIdSchema });
const uploadSchema = z.looseObject({ token: z.string().min(1) });
const profileSchema = z.looseObject({
  user_id: zaloIdSchema,
  user_id_by_app: zaloIdSchema.optional(),
  display_name: z.string().optional(),
  user_is_follower: z.boolean().optional(),
  user_last_interaction_date: z.string().optional(),
  avatar: z.string().optional(),
});

/** Zalo OA OpenAPI client. Methods throw {@link ZaloApiError} / `ZaloHttpError`; bad arguments throw RangeError. */
export class ZaloClient {
  readonly #options: ZaloClientOptions;
  readonly #http: AxiosInstance;

  constructor(options: ZaloClientOptions) {
    this.#options = options;
    this.#http = axios.create({
      baseURL: options.apiBase.replace(/\/+$/, ''),
      timeout: options.timeoutMs ?? 10_000,
      maxRedirects: 0,
    });
  }

  /** Sends a plain text consultation message. */
  sendText(userId: string, text: string): Promise<ZaloSent> {
    return this.#sendCs(userId, { text: checkText(text) });
  }

  /** Sends text with up to 5 buttons (see {@link ZaloButton}), in the wrapper without `template_type`. */
  sendTextWithButtons(userId: string, text: string, buttons: readonly ZaloButton[]): Promise<ZaloSent> {
    if (buttons.length === 0 || buttons.length > ZALO_MAX_BUTTONS) {
      throw new RangeError(`Zalo messages carry 1 to ${ZALO_MAX_BUTTONS} buttons, got ${buttons.length}`);
    }
    return this.#sendCs(userId, {
      text: checkText(text),
      attachment: { type: 'template', payload: { buttons: buttons.map(toWireButton) } },
    });
  }

  /** Sends an image by public URL or by an uploaded `attachment_id`. */
  sendImage(userId: string, image: { url: string } | { attachmentId: string }): Promise<ZaloSent> {
    const element =
      'url' in image
        ? { media_type: 'image', url: image.url }
        : { media_type: 'image', attachment_id: image.attachmentId };
    return this.#sendCs(userId, {
      attachment: { type: 'template', payload: { template_type: 'media', elements: [element] } },
    });
  }

  /** Uploads a file (multipart) and returns its token, valid 7 days. */
  uploadFile(bytes: Uint8Array, filename: string, mimeType = 'application/octet-stream'): Promise<string> {
    if (bytes.byteLength === 0) throw new RangeError('Cannot upload an empty file to Zalo');
    const endpoint = ZALO_UPLOAD_FILE_PATH;
    return this.#withToken(async (token) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)], { type: mimeType }), filename);
      const res = await requestRaw(this.#http, endpoint, {
        method: 'POST',
        url: endpoint,
        headers: { access_token: token },
        data: form,
      });
      return unwrapEnvelope(endpoint, parseJsonBody(endpoint, res.body), uploadSchema).token;
    });
  }

  /** Sends an uploaded file by its token. */
  sendFile(userId: string, fileToken: string): Promise<ZaloSent> {
    return this.#sendCs(userId, { attachment: { type: 'file', payload: { token: fileToken } } });
  }

  /** Reads a user's profile (`GET /v3.0/oa/user/detail`). */
  getUserProfile(userId: string): Promise<ZaloUserProfile> {
    const endpoint = ZALO_USER_DETAIL_PATH;
    return this.#withToken(async (token) => {
      const res = await requestRaw(this.#http, endpoint, {
        method: 'GET',
        url: endpoint,
        headers: { access_token: token },
        params: { data: JSON.stringify({ user_id: userId }) },
      });
      const data = unwrapEnvelope(endpoint, parseJsonBody(endpoint, res.body), profileSchema);
      return {
        userId: data.user_id,
        ...(data.user_id_by_app !== undefined && { userIdByApp: data.user_id_by_app }),
        ...(data.display_name !== undefined && { displayName: data.display_name }),
        ...(data.user_is_follower !== undefined && { isFollower: data.user_is_follower }),
        ...(data.user_last_interaction_date !== undefined && {
          lastInteractionDate: data.user_last_interaction_date,
        }),
        ...(data.avatar !== undefined && { avatar: data.avatar }),
        raw: data,
      };
    });
  }

  /** The consent URL for an OA admin (see zalo-oauth.ts). */
  authorizeUrl(args: { redirectUri: string; codeChallenge: string; state: string }): string {
    return buildAuthorizeUrl({ oauthBase: this.#options.oauthBase, appId: this.#options.appId, ...args });
  }

  /** Exchanges an authorization code for a token pair. */
  exchangeCode(code: string, codeVerifier: string, now: Date): Promise<ZaloTokenPair> {
    const { oauthBase, appId, appSecret } = this.#options;
    return exchangeCode(this.#http, { oauthBase, appId, appSecret, code, codeVerifier, now });
  }

  /** Rotates the refresh token; persist the result before using it. */
  refreshAccessToken(refreshToken: string, now: Date): Promise<ZaloTokenPair> {
    const { oauthBase, appId, appSecret } = this.#options;
    return refreshAccessToken(this.#http, { oauthBase, appId, appSecret, refreshToken, now });
  }

  #sendCs(userId: string, message: Record<string, unknown>): Promise<ZaloSent> {
    if (userId.length === 0) throw new RangeError('Zalo user id is empty');
    const endpoint = ZALO_CS_PATH;
    return this.#withToken(async (token) => {
      const res = await requestRaw(this.#http, endpoint, {
        method: 'POST',
        url: endpoint,
        headers: { access_token: token, 'Content-Type': 'application/json; charset=utf-8' },
        data: JSON.stringify({ recipient: { user_id: userId }, message }),
      });
      const data = unwrapEnvelope(endpoint, parseJsonBody(endpoint, res.body), sentSchema);
      return { messageId: data.message_id };
    });
  }

  /** Runs `call` with the current token; on an auth error refreshes once through `onAuthError` and retries once. */
  async #withToken<T>(call: (token: string) => Promise<T>): Promise<T> {
    const token = await this.#options.getAccessToken();
    try {
      return await call(token);
    } catch (err) {
      const onAuthError = this.#options.onAuthError;
      if (!onAuthError || !(err instanceof ZaloApiError) || err.category !== 'auth') throw err;
      const fresh = await onAuthError(token);
      return call(fresh);
    }
  }
}

/** NFC-normalises and checks the text limit; exceeding it is a programming error. */
function checkText(text: string): string {
  const normalised = text.normalize('NFC');
  if (normalised.trim().length === 0) throw new RangeError('Zalo text message is empty');
  if (normalised.length > ZALO_MAX_TEXT_LENGTH) {
    throw new RangeError(
      `Zalo text is ${normalised.length} characters; the limit is ${ZALO_MAX_TEXT_LENGTH}`,
    );
  }
  return normalised;
}
