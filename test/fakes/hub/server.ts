import { createServer, type IncomingMessage, type Server, type ServerResponse, STATUS_CODES } from 'node:http';
import type { AddressInfo } from 'node:net';
import { canSee, resolveViewer } from './access.js';
import { type Answer, hubError, jsonAnswer, notFoundRoute } from './answer.js';
import { createFaultQueue } from './faults.js';
import { listPage } from './listing.js';
import { truncatedJson, withBrokenItem } from './malformed.js';
import { modelInfoAnswer, parseModelPath } from './model-info.js';
import { createRateLimiter } from './rate-limit.js';
import { createRepoStore } from './store.js';
import { parseResolvePath, resolveAnswer } from './repo-files.js';
import type { FakeHub, FakeHubOptions, FaultAction, RecordedRequest } from './types.js';

const JSON_TYPE = 'application/json; charset=utf-8';
const TEXT_TYPE = 'text/plain; charset=utf-8';

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
}

/** Lower-cased names, later sources winning, so a fault's `retry-after` replaces rather than duplicates. */
function mergeHeaders(...sources: Record<string, string | number>[]): Record<string, string | number> {
  const merged: Record<string, string | number> = {};
  for (const source of sources) for (const [name, value] of Object.entries(source)) merged[name.toLowerCase()] = value;
  return merged;
}

function statusFaultAnswer(fault: Extract<FaultAction, { kind: 'status' }>): Answer {
  // An exhausted window by default, with a reset short enough for tests that honour it.
  const defaults: Record<string, string> = fault.status === 429 ? { RateLimit: '"api";r=0;t=1' } : {};
  const headers = { ...defaults, ...fault.headers };
  const body = fault.body === undefined ? { error: STATUS_CODES[fault.status] ?? 'Error' } : fault.body;
  return typeof body === 'string'
    ? { status: fault.status, text: body, headers }
    : { status: fault.status, json: body, headers };
}

function rateLimited(): Answer {
  return hubError(429, 'You have exceeded our rate limit for "api" requests. Please wait for the window to reset.');
}

/**
 * Starts a fake Hugging Face Hub (`/api/models`, `/api/models/{org}/{name}` and files at
 * `/{org}/{name}/resolve/main/{path}`) on 127.0.0.1.
 */
export async function startFakeHub(options: FakeHubOptions = {}): Promise<FakeHub> {
  const tokens = options.tokens ?? {};
  const anonymousNotFoundStatus = options.anonymousNotFoundStatus ?? 404;
  const store = createRepoStore();
  const faults = createFaultQueue();
  const limiter = createRateLimiter(options.rateLimit ?? {}, Date.now());
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let answered = 0;

  const server = createServer((req, res) => handle(req, res));
  await listen(server, options.port ?? 0);
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  let listingOmits: ReadonlySet<string> = new Set();
  const unknownRoutes: string[] = [];
  function unknownRoute(req: IncomingMessage, path: string): Answer {
    unknownRoutes.push(`${req.method ?? 'GET'} ${path}`);
    return notFoundRoute();
  }

  function route(req: IncomingMessage, path: string, query: URLSearchParams): Answer {
    if (req.method !== 'GET') return unknownRoute(req, path);
    const viewer = resolveViewer(req.headers.authorization, tokens);
    if (viewer.kind === 'invalid') return hubError(401, 'Invalid credentials in Authorization header');
    if (path === '/api/models' || path === '/api/models/') {
      const outcome = listPage(store.all(), query, (repo) => canSee(viewer, repo), listingOmits);
      if (!outcome.ok) return hubError(outcome.status, outcome.error);
      if (outcome.nextCursor === undefined) return jsonAnswer(200, outcome.items);
      const next = new URLSearchParams(query);
      next.set('cursor', outcome.nextCursor);
      // Absolute, as the client only follows http(s) URLs in Link.
      const base = `http://${req.headers.host ?? `127.0.0.1:${port}`}`;
      return jsonAnswer(200, outcome.items, { Link: `<${base}/api/models?${next}>; rel="next"` });
    }
    const target = parseModelPath(path);
    if (target) return modelInfoAnswer(store, target, query, viewer, { anonymousNotFoundStatus });
    const file = parseResolvePath(path);
    if (file) return resolveAnswer(store, file, viewer, { anonymousNotFoundStatus });
    return unknownRoute(req, path);
  }

  function send(res: ServerResponse, record: RecordedRequest, answer: Answer): void {
    if (res.destroyed || res.writableEnded) return; // the client gave up meanwhile
    const isJson = answer.json !== undefined;
    const body = isJson ? JSON.stringify(answer.json) : (answer.text ?? '');
    const bytes = Buffer.byteLength(body);
    answered++;
    const requestId = `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${answered.toString(16).padStart(24, '0')}`;
    const headers = mergeHeaders(
      { 'content-type': isJson ? JSON_TYPE : TEXT_TYPE, 'content-length': bytes, 'x-request-id': requestId },
      limiter.headers(Date.now()),
      answer.headers ?? {},
    );
    record.status = answer.status;
    record.bytes = bytes;
    res.writeHead(answer.status, headers).end(body);
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    req.resume(); // drain any body so the keep-alive socket stays usable
    const { pathname, searchParams } = new URL(req.url ?? '/', url);
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path: pathname,
      query: searchParams,
      status: 0,
      bytes: 0,
    };
    if (req.headers.authorization !== undefined) record.authorization = req.headers.authorization;
    requests.push(record);

    const allowed = limiter.consume(Date.now());
    const answer = (): Answer => (allowed ? route(req, pathname, searchParams) : rateLimited());
    const fault = faults.take(pathname, searchParams);
    if (!fault) return later(options.latencyMs ?? 0, () => send(res, record, answer()));
    record.fault = fault.kind;
    switch (fault.kind) {
      case 'status':
        return send(res, record, statusFaultAnswer(fault));
      case 'malformed-json':
        return send(res, record, truncatedJson(answer()));
      case 'malformed-item':
        return send(res, record, withBrokenItem(answer()));
      case 'hang':
        return; // held open until the client aborts or close() destroys the socket
      case 'reset':
        req.socket.destroy();
        return;
      case 'delay':
        return later(fault.ms, () => send(res, record, answer()));
    }
  }

  function later(ms: number, run: () => void): void {
    if (ms <= 0) return run();
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timers.add(timer);
  }

  let closing: Promise<void> | undefined;
  let reported = false;

  return {
    url,
    put(...repos) {
      for (const repo of repos) store.put(repo);
    },
    update: (_id, patch) => store.update(_id, patch),
    rename: (_id, newId) => store.rename(_id, newId),
    remove: (_id) => store.remove(_id),
    repos: () => store.all().map((repo) => structuredClone(repo)),
    requests,
    resetRequests() {
      requests.length = 0; // in place: callers may hold the array
    },
    fault: (f) => faults.push(f),
    clearFaults: () => faults.clear(),
    setRateLimit: (r) => limiter.set(r, Date.now()),
    omitFromListings(fields) {
      listingOmits = new Set(fields);
    },
    unknownRoutes,
    async close() {
      closing ??= new Promise<void>((resolve, reject) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close((error) => (error ? reject(error) : resolve()));
        // Ends keep-alive sockets and hung requests alike; the client sees a dropped connection.
        server.closeAllConnections();
      });
      await closing;
      // Reported once: a test that already saw the error may close again in its hooks.
      if (unknownRoutes.length > 0 && !options.allowUnknownRoutes && !reported) {
        reported = true;
        throw new Error(
          `the fake Hub was asked for routes it does not serve: ${[...new Set(unknownRoutes)].join(', ')}; ` +
            'teach the fake the route, or pass allowUnknownRoutes to a test that asks on purpose',
        );
      }
    },
  };
}
