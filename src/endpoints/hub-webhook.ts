import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { HttpHandler } from '../shared/http-server.js';
import { webhooksReceived } from '../shared/metrics.js';
import { BodyTooLargeError, readBody } from '../shared/read-body.js';
import { meaningOf, parseHubEvent } from './hub-event.js';

export const HUB_WEBHOOK_PATH = '/hooks/huggingface';

/** Hub payloads are a few KB; this leaves room and no more. */
const MAX_BODY_BYTES = 64 * 1024;

export interface HubWebhookDeps {
  /** `HF_WEBHOOK_SECRET`; without it the route answers 503 and does nothing. */
  secret: string | undefined;
  /** The orgs some workspace tracks, lower-cased. */
  trackedOrgs(): Promise<ReadonlySet<string>>;
  /** Asks for a poll of the org soon; a burst for one org becomes one poll. */
  requestPoll(org: string): void;
  logger: Logger;
  maxBodyBytes?: number;
}

function answer(res: ServerResponse, status: number, body: Record<string, unknown>): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(`${JSON.stringify(body)}\n`);
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** Equal digests of equal length, compared in constant time: the time says nothing about the secret. */
function secretMatches(given: string | string[] | undefined, secret: string): boolean {
  if (typeof given !== 'string') return false;
  return timingSafeEqual(digest(given), digest(secret));
}

async function readJson(
  req: IncomingMessage,
  limit: number,
): Promise<{ json: unknown } | { status: number; error: string }> {
  let body: Buffer;
  try {
    body = await readBody(req, limit);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return { status: 413, error: `body over ${limit} bytes` };
    throw error;
  }
  try {
    return { json: JSON.parse(body.toString('utf8')) as unknown };
  } catch {
    return { status: 400, error: 'the body is not JSON' };
  }
}

/**
 * `POST /hooks/huggingface`: a Hub webhook (v3) is a hint that a tracked org has news, so that org is
 * polled at once (the Hub's API stays the truth; the schedule runs on as before). The secret must come
 * in `X-Webhook-Secret`; anything else is 401 and does nothing.
 */
export function hubWebhookHandler(deps: HubWebhookDeps): HttpHandler {
  const limit = deps.maxBodyBytes ?? MAX_BODY_BYTES;
  return async (req, res) => {
    if (deps.secret === undefined) {
      webhooksReceived.inc({ outcome: 'off' });
      return answer(res, 503, { error: 'Hub webhooks are off here: HF_WEBHOOK_SECRET is not set' });
    }
    if (!secretMatches(req.headers['x-webhook-secret'], deps.secret)) {
      webhooksReceived.inc({ outcome: 'unauthorized' });
      deps.logger.warn({ path: HUB_WEBHOOK_PATH }, 'hub webhook refused: wrong or missing secret');
      return answer(res, 401, { error: 'wrong or missing X-Webhook-Secret' });
    }
    const read = await readJson(req, limit);
    if ('error' in read) {
      webhooksReceived.inc({ outcome: 'bad-request' });
      return answer(res, read.status, { error: read.error });
    }
    const event = parseHubEvent(read.json);
    if (event === undefined) {
      webhooksReceived.inc({ outcome: 'bad-request' });
      return answer(res, 400, { error: 'not a Hub webhook (v3): event.action, event.scope, repo.type, repo.name' });
    }
    const meaning = meaningOf(event);
    if ('ignore' in meaning) {
      webhooksReceived.inc({ outcome: 'ignored' });
      return answer(res, 200, { ignored: meaning.ignore });
    }
    const tracked = await deps.trackedOrgs();
    const orgs = meaning.poll.filter((org) => tracked.has(org.toLowerCase()));
    if (orgs.length === 0) {
      webhooksReceived.inc({ outcome: 'ignored' });
      return answer(res, 200, { ignored: `${meaning.poll.join(', ')} is not tracked` });
    }
    for (const org of orgs) deps.requestPoll(org);
    webhooksReceived.inc({ outcome: 'poll' });
    deps.logger.info({ orgs, action: event.event.action, repo: event.repo.name }, 'hub webhook: polling org');
    return answer(res, 202, { polling: orgs });
  };
}
