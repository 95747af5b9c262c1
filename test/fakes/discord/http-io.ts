import type { IncomingMessage, ServerResponse } from 'node:http';
import { DISCORD_ERRORS, type DiscordErrorCode } from './discord-errors.js';
import type { Json, RecordedFile, RecordedRequest } from './types.js';

export interface RequestContext {
  method: string;
  /** Route below /api/v10, split and percent-decoded. */
  segments: string[];
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: any;
  files: RecordedFile[];
  record: RecordedRequest;
  res: ServerResponse;
}

export interface ParsedBody {
  body: unknown;
  files: RecordedFile[];
  invalidJson: boolean;
}

async function readRaw(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseJson(text: string): { value: unknown; ok: boolean } {
  try {
    return { value: JSON.parse(text), ok: true };
  } catch {
    return { value: undefined, ok: false };
  }
}

/** discord.js sends files as multipart/form-data with the JSON in a `payload_json` part. */
async function parseMultipart(raw: Buffer, contentType: string): Promise<ParsedBody> {
  // Node's own fetch Response parses multipart; no extra dependency needed.
  const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  const files: RecordedFile[] = [];
  const fields: Json = {};
  let body: unknown;
  let invalidJson = false;
  for (const [field, value] of form.entries()) {
    if (typeof value !== 'string') {
      const data = Buffer.from(await value.arrayBuffer());
      files.push({ field, name: value.name, size: value.size, contentType: value.type, data });
      continue;
    }
    if (field !== 'payload_json') {
      fields[field] = value;
      continue;
    }
    const parsed = parseJson(value);
    body = parsed.value;
    invalidJson = !parsed.ok;
  }
  return { body: body ?? (Object.keys(fields).length > 0 ? fields : undefined), files, invalidJson };
}

export async function readBody(req: IncomingMessage): Promise<ParsedBody> {
  const raw = await readRaw(req);
  if (raw.length === 0) return { body: undefined, files: [], invalidJson: false };
  const contentType = req.headers['content-type'] ?? '';
  if (contentType.startsWith('multipart/form-data')) return parseMultipart(raw, contentType);
  const parsed = parseJson(raw.toString('utf8'));
  return { body: parsed.value, files: [], invalidJson: !parsed.ok };
}

/** Answers JSON (or nothing, for 204) and notes the status on the recorded request. */
export function send(ctx: RequestContext, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  ctx.record.status = status;
  if (body === undefined) {
    ctx.res.writeHead(status, headers).end();
    return;
  }
  const text = JSON.stringify(body);
  const length = String(Buffer.byteLength(text));
  ctx.res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': length, ...headers }).end(text);
}

export function sendDiscordError(ctx: RequestContext, code: DiscordErrorCode, status?: number, extra: Json = {}): void {
  const known = DISCORD_ERRORS[code];
  send(ctx, status ?? known.status, { message: known.message, code, ...extra });
}
