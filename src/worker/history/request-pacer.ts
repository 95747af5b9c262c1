import type { Clock } from '../../shared/clock.js';

/** Paces Hub requests: `acquire` resolves when one more request fits the budget. */
export interface RequestPacer {
  acquire(signal?: AbortSignal): Promise<void>;
}

/**
 * At most `limit` requests in any `windowMs`: well inside the Hub's fixed windows (500 per 5 minutes
 * anonymous) when the limit leaves room for the ticks that run meanwhile.
 */
export function createWindowPacer(options: { limit: number; windowMs: number; clock: Clock }): RequestPacer {
  const { limit, windowMs, clock } = options;
  const sent: number[] = [];
  return {
    async acquire(signal) {
      for (;;) {
        const now = clock.now().getTime();
        while (sent.length > 0 && sent[0]! <= now - windowMs) sent.shift();
        if (sent.length < limit) {
          sent.push(now);
          return;
        }
        await clock.sleep(sent[0]! + windowMs - now, signal);
      }
    },
  };
}

/** A fetch that waits for the pacer before each request and counts what it sent. */
export function pacedFetch(inner: typeof fetch, pacer: RequestPacer, signal?: AbortSignal) {
  let requests = 0;
  const paced: typeof fetch = async (input, init) => {
    await pacer.acquire(signal);
    requests++;
    return inner(input, init);
  };
  return { fetch: paced, requests: () => requests };
}
