import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFaultQueue, type FaultQueue } from './faults.js';
import { isUploadPath, receiveUpload } from './files.js';
import { METHODS } from './methods.js';
import { parseApiRequest, readBody } from './request-body.js';
import { createResponseUrls } from './response-url.js';
import type { ApiResult, FakeSlack, FakeSlackOptions, RecordedCall } from './types.js';
import { createWorkspace, type Workspace } from './workspace.js';

const API_PATH = '/api/';

/** Starts a fake Slack Web API (plus response and upload URLs) on an ephemeral loopback port. */
export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;

  const ws = createWorkspace(options, baseUrl);
  const responseUrls = createResponseUrls(baseUrl);
  const faults = createFaultQueue();
  const calls: RecordedCall[] = [];

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const { pathname, searchParams } = new URL(req.url ?? '/', baseUrl);
    route(req, res, pathname, searchParams).catch((error: unknown) => {
      // A bug in the fake should fail the test loudly, not hang the client.
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error instanceof Error ? error.stack : error));
    });
  });

  async function route(
    req: IncomingMessage,
    res: ServerResponse,
    pathname: string,
    query: URLSearchParams,
  ): Promise<void> {
    if (pathname.startsWith(API_PATH)) return handleApiCall(req, res, pathname.slice(API_PATH.length), query);
    if (responseUrls.handles(pathname)) return responseUrls.receive(req, res, pathname);
    if (isUploadPath(pathname)) return receiveUpload(ws, req, res, pathname);
    await readBody(req);
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }

  async function handleApiCall(
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
    query: URLSearchParams,
  ): Promise<void> {
    const raw = await readBody(req);
    const parsed = await parseApiRequest(raw, req.headers['content-type'], query);
    const token = bearerToken(req.headers.authorization) ?? parsed.formToken;
    const { status, result, headers } = answer(ws, faults, method, token, parsed.args, parsed.invalidJson);
    calls.push({ method, args: parsed.args, token, status, response: result });
    res
      .writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
      .end(JSON.stringify(result));
  }

  return {
    apiUrl: `${baseUrl}${API_PATH}`,
    responseUrl: (id) => responseUrls.url(id),
    responses: (id) => responseUrls.bodies(id),
    waitForResponses: (id, count, timeoutMs) => responseUrls.waitFor(id, count, timeoutMs),
    calls,
    messages: (channel) =>
      channel === undefined ? [...ws.messages] : ws.messages.filter((m) => m.channel === channel),
    uploads: ws.uploads,
    setChannel(channel) {
      ws.channels.set(channel.id, { ...channel });
    },
    setUser(user) {
      ws.users.set(user.id, { ...user });
    },
    rateLimitNext(method, { retryAfterSeconds, times = 1 }) {
      faults.push(method, { kind: 'rate_limited', retryAfterSeconds }, times);
    },
    failNext(method, error, times = 1) {
      faults.push(method, { kind: 'error', error }, times);
    },
    close() {
      return new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets from fetch would otherwise hold close() open.
        server.closeAllConnections();
      });
    },
  };
}

interface Answer {
  status: number;
  result: ApiResult;
  headers: Record<string, string>;
}

/** Decides one call's reply: unknown method, then queued faults, then auth, then the method itself. */
function answer(
  ws: Workspace,
  faults: FaultQueue,
  method: string,
  token: string | undefined,
  args: Record<string, unknown>,
  invalidJson: boolean,
): Answer {
  const handler = METHODS.get(method);
  if (!handler) return ok200({ ok: false, error: 'unknown_method', req_method: method });

  const fault = faults.take(method);
  if (fault?.kind === 'rate_limited') {
    return {
      status: 429,
      result: { ok: false, error: 'ratelimited' },
      headers: { 'retry-after': String(fault.retryAfterSeconds) },
    };
  }
  if (fault?.kind === 'error') return ok200({ ok: false, error: fault.error });

  if (invalidJson) return ok200({ ok: false, error: 'invalid_json' });
  if (!token) return ok200({ ok: false, error: 'not_authed' });
  if (token !== ws.bot.token) return ok200({ ok: false, error: 'invalid_auth' });
  return ok200(handler(ws, args));
}

function ok200(result: ApiResult): Answer {
  return { status: 200, result, headers: {} };
}

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}
