import type { Logger } from 'pino';
import type { Clock } from '../../shared/clock.js';
import { HubUnavailableError } from './errors.js';
import { waitAfter429 } from './rate-limit.js';
import { createHubBudget, type HubBudget } from './rate-budget.js';

export interface HubFetchOptions {
  fetch?: typeof fetch;
  clock: Clock;
  logger: Logger;
  /** Every Hub request of the process goes through one budget; a budget of its own when left out. */
  budget?: HubBudget;
  /** Per request, headers and body included. */
  timeoutMs?: number;
  /** 429s waited out per request before giving up on it. */
  maxRetries?: number;
  /** A wait longer than this gives up at once: the next tick comes sooner. */
  maxWaitMs?: number;
  /** The service is stopping: requests under way and waits for the rate limit end at once. */
  signal?: AbortSignal | undefined;
}

const DROPPED = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

/** Whether fetch failed because the connection closed under it (undici reports the cause's code). */
function droppedConnection(error: unknown): boolean {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  return typeof cause?.code === 'string' && DROPPED.has(cause.code);
}

/**
 * A `fetch` for the Hub client that honours the Hub's rate limits: every request waits for the shared
 * budget (which also pauses when the Hub says the window is nearly spent), a 429 holds every request
 * for the wait it gives (`RateLimit` t=, then `Retry-After`, then exponential backoff with jitter), and
 * every request is bounded by a timeout. A connection dropped before any answer is retried once. Other
 * statuses pass through.
 */
export function createHubFetch(options: HubFetchOptions): typeof fetch {
  const baseFetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const maxRetries = options.maxRetries ?? 3;
  const maxWaitMs = options.maxWaitMs ?? 60_000;
  const { clock, logger } = options;
  const budget = options.budget ?? createHubBudget({ clock });

  return async function hubFetch(input, init) {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    for (let attempt = 0; ; attempt++) {
      await budget.acquire(options.signal, maxWaitMs);
      const signals = [init?.signal, options.signal, AbortSignal.timeout(timeoutMs)].filter((s) => s != null);
      const send = () => baseFetch(input, { ...init, signal: AbortSignal.any(signals) });
      const response = await send().catch(async (error: unknown) => {
        // A pooled connection the server closed while idle fails the request that picks it up before
        // any answer: a read, so it is asked again once, on a new connection, within the same budget.
        if (!droppedConnection(error) || signals.some((s) => s.aborted)) throw error;
        logger.debug({ url }, 'hub connection dropped before an answer: asking again');
        await budget.acquire(options.signal, maxWaitMs);
        return send();
      });
      const heldMs = budget.observe(response.headers);
      if (heldMs > 0 && response.status !== 429) logger.warn({ url, waitMs: heldMs }, 'hub rate window nearly spent');
      if (response.status !== 429) return response;
      await response.body?.cancel();
      if (attempt >= maxRetries) return response;
      const wait = waitAfter429(response.headers, attempt, clock.now());
      if (wait > maxWaitMs) {
        throw new HubUnavailableError('hub rate limit outlasts the wait allowed', 'rate-limited', {
          url,
          retryAfterMs: wait,
        });
      }
      logger.warn({ url, waitMs: wait }, 'hub rate limit: waiting');
      budget.holdFor(wait);
    }
  };
}
