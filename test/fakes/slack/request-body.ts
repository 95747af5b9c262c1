import type { IncomingMessage } from 'node:http';
import type { ApiArgs } from './types.js';

/** Fields that travel as JSON text inside form bodies and are decoded for recordings and checks. */
const JSON_FIELDS = ['blocks', 'attachments', 'files', 'metadata'];

export interface ParsedRequest {
  args: ApiArgs;
  /** Token sent as a form field (Slack ignores `token` inside JSON bodies). */
  formToken: string | undefined;
  invalidJson: boolean;
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** Parses a Web API request body (form, multipart or JSON) merged over the query string. */
export async function parseApiRequest(
  raw: Buffer,
  contentType: string | undefined,
  query: URLSearchParams,
): Promise<ParsedRequest> {
  const fields: ApiArgs = Object.fromEntries(query);
  const type = mediaType(contentType);

  if (type === 'application/json') {
    const parsed = parseJsonObject(raw.toString('utf8'));
    if (parsed === undefined) return { args: fields, formToken: undefined, invalidJson: true };
    const { token: _ignored, ...rest } = parsed;
    return {
      args: decodeJsonFields({ ...fields, ...rest }),
      formToken: stringOrUndefined(fields.token),
      invalidJson: false,
    };
  }

  if (type === 'application/x-www-form-urlencoded') {
    Object.assign(fields, Object.fromEntries(new URLSearchParams(raw.toString('utf8'))));
  } else if (type === 'multipart/form-data') {
    Object.assign(fields, await parseMultipart(raw, contentType ?? ''));
  }
  const { token, ...args } = fields;
  return { args: decodeJsonFields(args), formToken: stringOrUndefined(token), invalidJson: false };
}

/** Multipart parsing borrowed from the platform's fetch Request rather than hand-rolled. */
export async function parseMultipart(raw: Buffer, contentType: string): Promise<Record<string, string | Buffer>> {
  const form = await new Request('http://fake.invalid/', {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: raw,
  }).formData();
  const out: Record<string, string | Buffer> = {};
  for (const [key, value] of form) {
    out[key] = typeof value === 'string' ? value : Buffer.from(await value.arrayBuffer());
  }
  return out;
}

/** Form values are strings; Slack reads 'true'/'1' and 'false'/'0' as booleans. */
export function asBoolean(value: unknown): boolean | undefined {
  if (value === true || value === 'true' || value === '1' || value === 1) return true;
  if (value === false || value === 'false' || value === '0' || value === 0) return false;
  return undefined;
}

export function stringOrUndefined(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

function decodeJsonFields(args: ApiArgs): ApiArgs {
  const out: ApiArgs = { ...args };
  for (const key of JSON_FIELDS) {
    const value = out[key];
    if (typeof value !== 'string') continue;
    // Leave undecodable text in place so the method can report it as malformed.
    try {
      out[key] = JSON.parse(value);
    } catch {
      out[key] = value;
    }
  }
  return out;
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
    return undefined;
  } catch {
    return undefined;
  }
}
