import type { Clock } from '../../shared/clock.js';
import { createPacer } from '../../shared/pacer.js';
import { HubUnavailableError } from './errors.js';
import { parseRateLimit, parseRateLimitPolicy } from './rate-limit.js';

/** The Hub's anonymous quota (per IP): 500 API requests per fixed 5-minute window. */
export const ANONYMOUS_QUOTA = { requests: 500, windowSeconds: 300 } as const;

/** Shares of the quota: at most 20 % at once and 60 % spread over the window, so never over 80 % in any window. */
const BURST_SHARE = 0.2;
const STEADY_SHARE = 0.6;
/** The Hub says the window is nearly spent at this share of the quota left (others may share the IP). */
const RESERVE_SHARE = 0.05;

export interface HubBudget {
  /**
   * Waits until a Hub request may start: after any hold the Hub asked for, then for a slot of the
   * budget. Rejects with a rate-limited HubUnavailableError, taking nothing, when the wait would be
   * longer than `maxWaitMs`, and with the signal's reason when it aborts (a stopping service).
   */
  acquire(signal?: AbortSignal, maxWaitMs?: number): Promise<void>;
  /**
   * Reads `RateLimit` and `RateLimit-Policy` from an answer: learns the quota, and holds every request
   * until the window resets when it is nearly spent. Returns how long it now holds (0 when it does not).
   */
  observe(headers: Headers): number;
  /** Holds every request for `ms` from now (the wait a 429 gave). */
  holdFor(ms: number): void;
  /** Requests that may start now without waiting: the budget's own, and no more than the Hub said is left. */
  left(): number;
}

interface Quota {
  requests: number;
  windowSeconds: number;
}

function rateOf(quota: Quota) {
  return {
    intervalMs: (quota.windowSeconds * 1000) / (quota.requests * STEADY_SHARE),
    burst: Math.max(1, Math.floor(quota.requests * BURST_SHARE)),
  };
}

/**
 * One budget for every Hub request of the process (ticks, reconciles, metrics refreshes, backfills): a
 * token bucket sized from the Hub's quota, the anonymous one until an answer's `RateLimit-Policy` says
 * otherwise, so one process stays well inside it. The Hub's own count (`RateLimit: r=…;t=…`) covers
 * whatever else shares the quota, other replicas on the same address included: when it says the
 * window is nearly spent, requests wait for its reset.
 */
export function createHubBudget(options: { clock: Clock; quota?: Quota }): HubBudget {
  const { clock } = options;
  let quota: Quota = options.quota ?? ANONYMOUS_QUOTA;
  const pacer = createPacer(rateOf(quota), clock);
  let heldUntil = 0;
  let hubLeft: { remaining: number; until: number } | undefined;

  const now = () => clock.now().getTime();
  const reserve = () => Math.ceil(quota.requests * RESERVE_SHARE);

  async function waitForHold(signal: AbortSignal | undefined, maxWaitMs: number): Promise<void> {
    for (let held = heldUntil - now(); held > 0; held = heldUntil - now()) {
      if (held > maxWaitMs) {
        throw new HubUnavailableError('hub rate limit outlasts the wait allowed', 'rate-limited', {
          retryAfterMs: held,
        });
      }
      await clock.sleep(held, signal);
    }
  }

  return {
    async acquire(signal, maxWaitMs = Infinity) {
      await waitForHold(signal, maxWaitMs);
      if (!(await pacer.take({ signal, maxWaitMs }))) {
        throw new HubUnavailableError('hub request budget spent for longer than the wait allowed', 'rate-limited');
      }
      // The Hub may have asked for a hold while this request waited for its slot.
      await waitForHold(signal, maxWaitMs);
    },
    observe(headers) {
      const policy = parseRateLimitPolicy(headers.get('ratelimit-policy'));
      if (policy && (policy.requests !== quota.requests || policy.windowSeconds !== quota.windowSeconds)) {
        quota = policy;
        pacer.setRate(rateOf(quota));
      }
      const { remaining, resetSeconds } = parseRateLimit(headers.get('ratelimit'));
      if (remaining === undefined || resetSeconds === undefined) return 0;
      const until = now() + resetSeconds * 1000;
      hubLeft = { remaining, until };
      if (remaining > reserve()) return 0;
      heldUntil = Math.max(heldUntil, until);
      return heldUntil - now();
    },
    holdFor(ms) {
      heldUntil = Math.max(heldUntil, now() + ms);
    },
    left() {
      if (heldUntil > now()) return 0;
      const own = pacer.available();
      if (hubLeft === undefined || hubLeft.until <= now()) return own;
      return Math.max(0, Math.min(own, hubLeft.remaining - reserve()));
    },
  };
}
