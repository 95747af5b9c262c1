import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from './request-body.js';

const RESPONSE_PATH = '/response/';
export const DEFAULT_RESPONSE_ID = 'default';

/** Stand-in for Slack's hooks.slack.com response_url: records the JSON that respond() POSTs. */
export interface ResponseUrls {
  url(id?: string): string;
  bodies(id?: string): unknown[];
  waitFor(id?: string, count?: number, timeoutMs?: number): Promise<unknown[]>;
  handles(pathname: string): boolean;
  receive(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void>;
}

export function createResponseUrls(baseUrl: string): ResponseUrls {
  const received = new Map<string, unknown[]>();
  const waiters = new Set<() => void>();

  function bodies(id = DEFAULT_RESPONSE_ID): unknown[] {
    return received.get(id) ?? [];
  }

  return {
    url(id = DEFAULT_RESPONSE_ID) {
      return `${baseUrl}${RESPONSE_PATH}${encodeURIComponent(id)}`;
    },
    bodies,
    waitFor(id = DEFAULT_RESPONSE_ID, count = 1, timeoutMs = 2_000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (bodies(id).length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve([...bodies(id)]);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`response URL '${id}' got ${bodies(id).length} of ${count} bodies within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    handles(pathname) {
      return pathname.startsWith(RESPONSE_PATH);
    },
    async receive(req, res, pathname) {
      const raw = await readBody(req);
      if (req.method !== 'POST') {
        res.writeHead(405).end();
        return;
      }
      let body: unknown;
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        res.writeHead(400, { 'content-type': 'text/plain' }).end('invalid_payload');
        return;
      }
      const id = decodeURIComponent(pathname.slice(RESPONSE_PATH.length));
      received.set(id, [...bodies(id), body]);
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      for (const waiter of [...waiters]) waiter();
    },
  };
}
