import type { IncomingMessage } from 'node:http';
import { extname } from 'node:path';
import { badRequest } from './errors.ts';

/** A file part of a multipart request, as recorded by the fake. */
export interface UploadedFile {
  readonly filename: string;
  /** The part's declared type, else a type guessed from the file extension (as Telegram does). */
  readonly mimeType: string;
  readonly size: number;
  readonly bytes: Buffer;
}

/** Parameters of one API call: JSON values, form strings, or uploaded files. */
export type Params = Record<string, unknown>;

const MIME_BY_EXTENSION: Readonly<Record<string, string>> = {
  '.pdf': 'application/pdf',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.csv': 'text/csv',
  '.txt': 'text/plain',
  '.json': 'application/json',
  '.zip': 'application/zip',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
};

/** MIME type Telegram would report for a file name. */
export function guessMimeType(filename: string): string {
  return MIME_BY_EXTENSION[extname(filename).toLowerCase()] ?? 'application/octet-stream';
}

/** Type guard for recorded file parameters. */
export function isUploadedFile(value: unknown): value is UploadedFile {
  return typeof value === 'object' && value !== null && Buffer.isBuffer((value as UploadedFile).bytes);
}

/** Collects a request or response stream. */
export async function readBody(req: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function parseMultipart(body: Buffer, contentType: string): Promise<Params> {
  const form = await new Request('http://fake.invalid/', {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
  }).formData();
  const params: Params = {};
  for (const [key, value] of form.entries()) {
    if (typeof value === 'string') {
      params[key] = value;
      continue;
    }
    const bytes = Buffer.from(await value.arrayBuffer());
    params[key] = {
      filename: value.name,
      mimeType: value.type || guessMimeType(value.name),
      size: bytes.length,
      bytes,
    } satisfies UploadedFile;
  }
  return params;
}

/** Parses a JSON, urlencoded or multipart body into parameters (empty object for anything else). */
export async function parseBody(body: Buffer, contentType: string): Promise<Params> {
  if (body.length === 0) return {};
  if (contentType.startsWith('multipart/form-data')) return await parseMultipart(body, contentType);
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(body.toString('utf8')));
  }
  if (!contentType.startsWith('application/json')) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw badRequest("can't parse JSON");
  }
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Params) : {};
}

/** Reads query string and body into one parameter object; the body wins. */
export async function readParams(req: IncomingMessage, url: URL): Promise<Params> {
  const body = await readBody(req);
  return {
    ...Object.fromEntries(url.searchParams),
    ...(await parseBody(body, req.headers['content-type'] ?? '')),
  };
}

/** A string parameter (numbers are stringified, as Telegram does). */
export function optString(params: Params, key: string): string | undefined {
  const value = params[key];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** An integer parameter; form bodies carry it as a string. */
export function optInt(params: Params, key: string): number | undefined {
  const value = params[key];
  if (value === undefined || value === null || value === '') return undefined;
  const n = typeof value === 'number' ? value : Number(optString(params, key));
  if (!Number.isSafeInteger(n)) throw badRequest(`invalid ${key} specified`);
  return n;
}

/** A boolean parameter (`true`, `"true"`, `1`, `"1"`). */
export function optBool(params: Params, key: string): boolean {
  const value = params[key];
  return value === true || value === 'true' || value === 1 || value === '1';
}

/** A JSON-serialised parameter (object in JSON bodies, string in form bodies). */
export function optJson(params: Params, key: string): unknown {
  const value = params[key];
  if (typeof value !== 'string') return value ?? undefined;
  try {
    return JSON.parse(value);
  } catch {
    throw badRequest(`can't parse ${key} JSON object`);
  }
}
