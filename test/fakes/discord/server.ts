import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, send, sendDiscordError, type RequestContext } from './http-io.js';
import { takeForcedLimit, takeGlobalSlot } from './rate-limits.js';
import { channelRoutes } from './rest-channels.js';
import { commandRoutes } from './rest-commands.js';
import { identityRoutes } from './rest-identity.js';
import { interactionRoutes } from './rest-interactions.js';
import { matchRoute, type Route } from './rest-route.js';
import type { FakeState } from './state.js';
import type { RecordedRequest } from './types.js';

const API_PREFIX = '/api/v10';
const ROUTES: Route[] = [...identityRoutes, ...commandRoutes, ...interactionRoutes, ...channelRoutes];

function splitRoute(pathname: string): string[] | null {
  if (!pathname.startsWith(`${API_PREFIX}/`)) return null;
  try {
    return pathname.slice(API_PREFIX.length).split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return null;
  }
}

function route(ctx: RequestContext, state: FakeState, arrivedAt: number): void {
  const path = ctx.record.path;
  const matches = ROUTES.map((r) => ({ route: r, params: matchRoute(r, ctx.method, ctx.segments) }));
  const found = matches.find((m) => m.params !== null);
  if (!found || !found.params) {
    const otherMethod = ROUTES.some((r) => matchRoute(r, r.method, ctx.segments) !== null);
    if (otherMethod) return send(ctx, 405, { message: '405: Method Not Allowed', code: 0 });
    return send(ctx, 404, { message: '404: Not Found', code: 0 });
  }
  if (found.route.auth && ctx.headers.authorization !== `Bot ${state.token}`) return sendDiscordError(ctx, 0);
  const global = found.route.auth && state.global ? takeGlobalSlot(state.global, arrivedAt) : null;
  if (global) return send(ctx, 429, global.tooMany, global.headers);
  if (state.outage?.route.test(path)) {
    return send(ctx, state.outage.status, { message: `${state.outage.status}: Internal Server Error`, code: 0 });
  }
  const limited = takeForcedLimit(state.limiter, ctx.method, path);
  if (limited) return send(ctx, 429, limited.tooMany, limited.headers);
  found.route.handle(ctx, found.params, state);
}

/** The REST half of the fake: records every request, then routes it below /api/v10. */
export function createRestHandler(state: FakeState): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const arrivedAt = Date.now();
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const method = (req.method ?? 'GET').toUpperCase();
      const segments = splitRoute(url.pathname);
      const parsed = await readBody(req);
      const record: RecordedRequest = {
        method,
        path: segments ? `/${segments.join('/')}` : url.pathname,
        url: req.url ?? '/',
        query: Object.fromEntries(url.searchParams),
        headers: { ...req.headers },
        body: parsed.body,
        files: parsed.files,
        status: 0,
      };
      state.requests.push(record);
      const ctx: RequestContext = {
        method,
        segments: segments ?? [],
        query: url.searchParams,
        headers: req.headers,
        body: parsed.body,
        files: parsed.files,
        record,
        res,
      };
      if (!segments) return send(ctx, 404, { message: '404: Not Found', code: 0 });
      if (parsed.invalidJson) return sendDiscordError(ctx, 50109);
      const { latencyMs } = state.settings;
      if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
      try {
        route(ctx, state, arrivedAt);
      } catch (error) {
        // A bug in the fake must show up in the test, not as a hang.
        send(ctx, 500, { message: `fake discord failed: ${String(error)}`, code: 0 });
      }
    })().catch((error: unknown) => {
      if (res.headersSent) return res.destroy();
      const text = JSON.stringify({ message: `fake discord failed: ${String(error)}`, code: 0 });
      res.writeHead(500, { 'Content-Type': 'application/json' }).end(text);
    });
  };
}
