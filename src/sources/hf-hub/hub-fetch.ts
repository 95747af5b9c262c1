import type { Logger } from 'pino';
import type { Clock } from '../../shared/clock.js';
import { HubUnavailableError } from './errors.js';
import { parseRateLimit, waitAfter429 } from './rate-limit.js';

export interface HubFetchOptions {
  fetch?: typeof fetch;
  clock: Clock;
  logger: Logger;
  /** Per request, headers and body included. */
  timeoutMs?: number;
  /** 429s waited out per request before giving up on it. */
  maxRetries?: number;
  /** A wait longer than this gives up at once: the next tick comes sooner. */
  maxWaitMs?: number;
  /** The service is stopping: requests under way and waits for the rate limit end at once. */
  signal?: AbortSignal | undefined;
}

/**
 * A `fetch` for the Hub client that honours the Hub's rate limits: it waits out a 429 (`RateLimit`
 * t=, then `Retry-After`, then exponential backoff with jitter), pauses before sending when the last
 * answer said the window is spent, and bounds every request with a timeout. Other statuses pass through.
 */
export function createHubFetch(options: HubFetchOptions): typeof fetch {
  const baseFetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const maxRetries = options.maxRetries ?? 3;
  const maxWaitMs = options.maxWaitMs ?? 60_000;
  const { clock, logger } = options;
  let blockedUntil = 0;

  async function waitFor(ms: number, url: string): Promise<void> {
    if (ms > maxWaitMs) {
      throw new HubUnavailableError('hub rate limit outlasts the wait allowed', 'rate-limited', {
        url,
        retryAfterMs: ms,
      });
    }
    logger.warn({ url, waitMs: ms }, 'hub rate limit: waiting');
    await clock.sleep(ms, options.signal);
  }

  function remember(headers: Headers): void {
    const { remaining, resetSeconds } = parseRateLimit(headers.get('ratelimit'));
    if (remaining === 0 && resetSeconds !== undefined) blockedUntil = clock.now().getTime() + resetSeconds * 1000;
  }

  return async function hubFetch(input, init) {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    for (let attempt = 0; ; attempt++) {
      const ahead = blockedUntil - clock.now().getTime();
      if (ahead > 0) await waitFor(ahead, url);
      options.signal?.throwIfAborted();
      const signals = [init?.signal, options.signal, AbortSignal.timeout(timeoutMs)].filter((s) => s != null);
      const signal = AbortSignal.any(signals);
      const response = await baseFetch(input, { ...init, signal });
      remember(response.headers);
      if (response.status !== 429) return response;
      await response.body?.cancel();
      if (attempt >= maxRetries) return response;
      blockedUntil = 0;
      await waitFor(waitAfter429(response.headers, attempt, clock.now()), url);
    }
  };
}
