import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { postEvent } from './events.js';
import { createFaultQueue, type FaultQueue } from './faults.js';
import { isUploadPath, receiveUpload, uploadIdOf } from './files.js';
import { METHODS } from './methods.js';
import { createFakeOAuth } from './oauth.js';
import { parseApiRequest, readBody } from './request-body.js';
import { createResponseUrls } from './response-url.js';
import type { ApiResult, EventDelivery, FakeSlack, FakeSlackOptions, FakeTeam, RecordedCall } from './types.js';
import { createWorkspace, type Workspace } from './workspace.js';

const API_PATH = '/api/';
const DEFAULT_APP_ID = 'A0FAKEAPP';

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
  const teams = new Map([[ws.bot.teamId, ws]]);
  const appId = options.oauth?.appId ?? DEFAULT_APP_ID;
  const oauth = createFakeOAuth(options.oauth ? { ...options.oauth, appId } : undefined, (id) => teams.get(id));
  const responseUrls = createResponseUrls(baseUrl);
  const faults = createFaultQueue();
  const calls: RecordedCall[] = [];
  let events: { url: string; signingSecret: string } | undefined;
  const sentOnItsOwn: Promise<EventDelivery>[] = [];

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
    if (isUploadPath(pathname)) {
      const id = uploadIdOf(pathname);
      const owner = [...teams.values()].find((team) => team.pendingUploads.has(id)) ?? ws;
      return receiveUpload(owner, req, res, pathname);
    }
    await readBody(req);
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }

  function deliver(teamId: string, event: Record<string, unknown>, signingSecret?: string): Promise<EventDelivery> {
    if (events === undefined) throw new Error('the fake has no events URL: call setEventsUrl first');
    return postEvent({ url: events.url, signingSecret: signingSecret ?? events.signingSecret, teamId, appId, event });
  }

  function revoke(team: Workspace): void {
    if (team.bot.token) team.revokedTokens.add(team.bot.token);
    team.bot.token = '';
  }

  const revokedEvent = (team: Workspace) => ({
    type: 'tokens_revoked',
    tokens: { oauth: [], bot: [team.bot.userId] },
  });

  async function handleApiCall(
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
    query: URLSearchParams,
  ): Promise<void> {
    const raw = await readBody(req);
    const parsed = await parseApiRequest(raw, req.headers['content-type'], query);
    const token = bearerToken(req.headers.authorization) ?? parsed.formToken;
    const owner = token ? teamOfToken(teams, token) : undefined;
    const answered =
      method === 'oauth.v2.access'
        ? exchangeCode(faults, () => oauth.exchange(parsed.args, basicAuth(req.headers.authorization)))
        : answer(owner, faults, method, token, parsed.args, parsed.invalidJson);
    const { status, result, headers } = answered;
    calls.push({ method, args: parsed.args, token, teamId: owner?.ws.bot.teamId, status, response: result });
    res
      .writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
      .end(JSON.stringify(result));
    // Slack tells the app about a revoked token through the Events API, after answering the call.
    if (method === 'auth.revoke' && result.revoked === true && owner && events)
      sentOnItsOwn.push(deliver(owner.ws.bot.teamId, revokedEvent(owner.ws)));
  }

  function teamView(team: Workspace): FakeTeam {
    return {
      teamId: team.bot.teamId,
      get botToken() {
        return team.bot.token;
      },
      messages: (channel) =>
        channel === undefined ? [...team.messages] : team.messages.filter((m) => m.channel === channel),
      setChannel(channel) {
        team.channels.set(channel.id, { ...channel });
      },
      setUser(user) {
        team.users.set(user.id, { ...user });
      },
    };
  }

  function teamOf(teamId: string): Workspace {
    const team = teams.get(teamId);
    if (team === undefined) throw new Error(`the fake has no team ${teamId}`);
    return team;
  }

  const primary = teamView(ws);
  return {
    apiUrl: `${baseUrl}${API_PATH}`,
    responseUrl: (id) => responseUrls.url(id),
    responses: (id) => responseUrls.bodies(id),
    waitForResponses: (id, count, timeoutMs) => responseUrls.waitFor(id, count, timeoutMs),
    calls,
    messages: primary.messages,
    uploads: ws.uploads,
    setChannel: primary.setChannel,
    setUser: primary.setUser,
    addTeam(teamOptions) {
      if (teams.has(teamOptions.teamId)) throw new Error(`the fake already has team ${teamOptions.teamId}`);
      const team = createWorkspace({ installed: false, ...teamOptions }, baseUrl);
      teams.set(team.bot.teamId, team);
      return teamView(team);
    },
    team: (teamId) => teamView(teamOf(teamId)),
    setEventsUrl(url, signingSecret) {
      events = { url, signingSecret };
    },
    approveInstall: (authorizeUrl, approval) => oauth.approve(authorizeUrl, approval),
    async uninstall(teamId) {
      const team = teamOf(teamId);
      const event = revokedEvent(team);
      revoke(team);
      return [await deliver(teamId, { type: 'app_uninstalled' }), await deliver(teamId, event)];
    },
    deliverEvent: (teamId, event, eventOptions) =>
      deliver(teamOf(teamId).bot.teamId, event, eventOptions?.signingSecret),
    eventsSettled: () => Promise.all(sentOnItsOwn),
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

  /** auth.revoke: revokes the token the call was made with (unless `test`), as Slack does. */
  function authRevoke(team: Workspace, args: Record<string, unknown>): ApiResult {
    if (args.test === true || args.test === 'true' || args.test === '1') return { ok: true, revoked: false };
    revoke(team);
    return { ok: true, revoked: true };
  }

  function answer(
    owner: { ws: Workspace; revoked: boolean } | undefined,
    faultQueue: FaultQueue,
    method: string,
    token: string | undefined,
    args: Record<string, unknown>,
    invalidJson: boolean,
  ): Answer {
    const handler = method === 'auth.revoke' ? authRevoke : METHODS.get(method);
    if (!handler) return ok200({ ok: false, error: 'unknown_method', req_method: method });

    const fault = takeFault(faultQueue, method);
    if (fault) return fault;

    if (invalidJson) return ok200({ ok: false, error: 'invalid_json' });
    if (!token) return ok200({ ok: false, error: 'not_authed' });
    if (owner === undefined) return ok200({ ok: false, error: 'invalid_auth' });
    if (owner.revoked) return ok200({ ok: false, error: 'token_revoked' });
    return ok200(handler(owner.ws, args));
  }
}

interface Answer {
  status: number;
  result: ApiResult;
  headers: Record<string, string>;
}

/** The team a token belongs to now, or belonged to before it was revoked. */
function teamOfToken(teams: Map<string, Workspace>, token: string): { ws: Workspace; revoked: boolean } | undefined {
  for (const ws of teams.values()) {
    if (ws.bot.token === token) return { ws, revoked: false };
    if (ws.revokedTokens.has(token)) return { ws, revoked: true };
  }
  return undefined;
}

/** A queued fault for the method, consumed before anything else is checked. */
function takeFault(faults: FaultQueue, method: string): Answer | undefined {
  const fault = faults.take(method);
  if (fault?.kind === 'rate_limited') {
    return {
      status: 429,
      result: { ok: false, error: 'ratelimited' },
      headers: { 'retry-after': String(fault.retryAfterSeconds) },
    };
  }
  if (fault?.kind === 'error') return ok200({ ok: false, error: fault.error });
  return undefined;
}

/** oauth.v2.access authenticates with the client id and secret, not a token. */
function exchangeCode(faults: FaultQueue, exchange: () => ApiResult): Answer {
  return takeFault(faults, 'oauth.v2.access') ?? ok200(exchange());
}

function ok200(result: ApiResult): Answer {
  return { status: 200, result, headers: {} };
}

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}

function basicAuth(header: string | undefined): { id: string; secret: string } | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!match) return undefined;
  const [id, ...rest] = Buffer.from(match[1]!, 'base64').toString('utf8').split(':');
  return { id: id ?? '', secret: rest.join(':') };
}
