import type { IncomingMessage, ServerResponse } from 'node:http';
import { fail } from './method-handler.js';
import { mediaType, parseMultipart, readBody, stringOrUndefined } from './request-body.js';
import type { ApiArgs, ApiResult } from './types.js';
import { findChannel, type PendingUpload, type Workspace } from './workspace.js';

const UPLOAD_PATH = '/upload/';

export function isUploadPath(pathname: string): boolean {
  return pathname.startsWith(UPLOAD_PATH);
}

export function uploadIdOf(pathname: string): string {
  return pathname.slice(UPLOAD_PATH.length);
}

export function filesGetUploadUrlExternal(ws: Workspace, args: ApiArgs): ApiResult {
  const filename = stringOrUndefined(args.filename);
  const length = Number(args.length);
  if (!filename)
    return fail('invalid_arguments', { response_metadata: { messages: ['[ERROR] missing required field: filename'] } });
  if (!Number.isInteger(length) || length <= 0) {
    return fail('invalid_arguments', { response_metadata: { messages: ['[ERROR] missing required field: length'] } });
  }
  const fileId = ws.nextId('F');
  ws.pendingUploads.set(fileId, {
    file_id: fileId,
    filename,
    length,
    alt_text: stringOrUndefined(args.alt_text),
    bytes: undefined,
  });
  return { ok: true, upload_url: `${ws.baseUrl}${UPLOAD_PATH}${fileId}`, file_id: fileId };
}

export function filesCompleteUploadExternal(ws: Workspace, args: ApiArgs): ApiResult {
  const files = args.files;
  if (!Array.isArray(files) || files.length === 0) return fail('invalid_arguments');

  const channelId = stringOrUndefined(args.channel_id ?? args.channels);
  if (channelId !== undefined) {
    const channel = findChannel(ws, channelId);
    if (!channel) return fail('channel_not_found');
    if (channel.is_archived) return fail('is_archived');
    // Unlike chat.postMessage there is no "public" scope: sharing a file needs membership.
    if (!channel.member) return fail('not_in_channel');
  }

  const ready: { pending: PendingUpload; bytes: Buffer; title: string | undefined }[] = [];
  for (const file of files) {
    const entry = typeof file === 'object' && file !== null ? (file as Record<string, unknown>) : {};
    const id = stringOrUndefined(entry.id);
    const pending = id === undefined ? undefined : ws.pendingUploads.get(id);
    // Completing before the bytes arrived is as unknown to Slack as a made-up id.
    if (!pending?.bytes) return fail('file_not_found');
    ready.push({ pending, bytes: pending.bytes, title: stringOrUndefined(entry.title) });
  }

  const completed = ready.map(({ pending, bytes, title }) => {
    ws.pendingUploads.delete(pending.file_id);
    ws.uploads.push({
      file_id: pending.file_id,
      filename: pending.filename,
      title,
      alt_text: pending.alt_text,
      length: pending.length,
      bytes,
      channel_id: channelId,
      thread_ts: stringOrUndefined(args.thread_ts),
      initial_comment: stringOrUndefined(args.initial_comment),
    });
    return { id: pending.file_id, name: pending.filename, title: title ?? pending.filename, size: bytes.length };
  });
  return { ok: true, files: completed };
}

/** The upload URL: takes the bytes raw, as multipart (WebClient sends a `body` file part) or as a form field. */
export async function receiveUpload(
  ws: Workspace,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
): Promise<void> {
  const pending = ws.pendingUploads.get(uploadIdOf(pathname));
  const raw = await readBody(req);
  if (req.method !== 'POST' || !pending) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  pending.bytes = await extractBytes(raw, req.headers['content-type']);
  res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${pending.bytes.length}`);
}

async function extractBytes(raw: Buffer, contentType: string | undefined): Promise<Buffer> {
  const type = mediaType(contentType);
  if (type === 'multipart/form-data') {
    const parts = await parseMultipart(raw, contentType ?? '');
    const part = parts.body ?? parts.file ?? Object.values(parts)[0];
    return Buffer.isBuffer(part) ? part : Buffer.from(part ?? '', 'utf8');
  }
  if (type === 'application/x-www-form-urlencoded') {
    return Buffer.from(new URLSearchParams(raw.toString('utf8')).get('body') ?? '', 'utf8');
  }
  return raw;
}
