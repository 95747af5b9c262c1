import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';

/**
 * Answers one request. Returning false (or throwing `NotMine`) passes it on to the next handler, so a
 * library's request listener can be mounted under a prefix it shares with others.
 */
export type HttpHandler = (req: IncomingMessage, res: ServerResponse) => boolean | void | Promise<boolean | void>;

/** Thrown by a handler that does not answer this request after all. */
export class NotMine extends Error {}

export interface HttpServer {
  /** An exact path for one method. */
  route(method: string, path: string, handler: HttpHandler): void;
  /** Every path under `prefix` (e.g. `/slack/`), any method, tried in the order mounted. */
  mount(prefix: string, handler: HttpHandler): void;
  /** Whether anything was registered: a service with nothing to serve does not listen. */
  readonly used: boolean;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

function notFound(res: ServerResponse): void {
  if (res.headersSent) return;
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
}

/**
 * The one HTTP listener of the service on `PORT`: Slack's request URL, health and metrics, and the
 * Hub's webhooks each register their paths here, so every replica behind a load balancer serves all.
 */
export function createHttpServer(options: { logger: Logger }): HttpServer {
  const routes = new Map<string, HttpHandler>();
  const mounts: { prefix: string; handler: HttpHandler }[] = [];
  let server: Server | undefined;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const exact = routes.get(`${req.method ?? 'GET'} ${path}`);
    const candidates = [
      ...(exact ? [exact] : []),
      ...mounts.filter((m) => path.startsWith(m.prefix)).map((m) => m.handler),
    ];
    for (const handler of candidates) {
      try {
        if ((await handler(req, res)) !== false) return;
      } catch (error) {
        if (error instanceof NotMine) continue;
        options.logger.error({ err: error, path }, 'http request crashed');
        if (!res.headersSent)
          res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('internal error\n');
        return;
      }
    }
    notFound(res);
  }

  return {
    route(method, path, handler) {
      routes.set(`${method.toUpperCase()} ${path}`, handler);
    },
    mount(prefix, handler) {
      mounts.push({ prefix, handler });
    },
    get used() {
      return routes.size > 0 || mounts.length > 0;
    },
    async listen(port, host) {
      const listening = createServer((req, res) => void handle(req, res));
      server = listening;
      await new Promise<void>((resolve, reject) => {
        listening.once('error', reject);
        listening.listen(port, host, () => resolve());
      });
      return (listening.address() as AddressInfo).port;
    },
    async close() {
      if (!server) return;
      const closing = server;
      server = undefined;
      await new Promise<void>((resolve) => {
        closing.close(() => resolve());
        closing.closeAllConnections();
      });
    },
  };
}
