import type { RateLimitSettings } from './types.js';

/** High enough that no test trips it by accident. */
export const DEFAULT_LIMIT = 100_000;
export const DEFAULT_WINDOW_SECONDS = 300;

export interface RateLimiter {
  /** Counts one request; false when the window is already spent (answer 429). */
  consume(now: number): boolean;
  /** `RateLimit` and `RateLimit-Policy` as the Hub sends them on every answer. */
  headers(now: number): Record<string, string>;
  set(settings: RateLimitSettings, now: number): void;
}

/** The Hub's fixed-window quota for the "api" bucket. */
export function createRateLimiter(
  settings: Pick<RateLimitSettings, 'limit' | 'windowSeconds'>,
  now: number,
): RateLimiter {
  let limit = settings.limit ?? DEFAULT_LIMIT;
  let windowSeconds = settings.windowSeconds ?? DEFAULT_WINDOW_SECONDS;
  let remaining = limit;
  let resetAt = now + windowSeconds * 1000;

  function roll(at: number): void {
    if (at < resetAt) return;
    remaining = limit;
    resetAt = at + windowSeconds * 1000;
  }

  return {
    consume(at) {
      roll(at);
      if (remaining <= 0) return false;
      remaining--;
      return true;
    },
    headers(at) {
      roll(at);
      const seconds = Math.max(0, Math.ceil((resetAt - at) / 1000));
      return {
        RateLimit: `"api";r=${remaining};t=${seconds}`,
        'RateLimit-Policy': `"fixed window";"api";q=${limit};w=${windowSeconds}`,
      };
    },
    set(next, at) {
      if (next.windowSeconds !== undefined) windowSeconds = next.windowSeconds;
      if (next.limit !== undefined) {
        limit = next.limit;
        remaining = limit;
      }
      if (next.remaining !== undefined) remaining = next.remaining;
      if (next.resetSeconds !== undefined) resetAt = at + next.resetSeconds * 1000;
    },
  };
}
