import type { Json, RateLimitOptions } from './types.js';

interface ForcedLimit {
  route: RegExp;
  options: RateLimitOptions;
  left: number;
}

interface Bucket {
  remaining: number;
  resetAt: number;
}

export interface RateLimiter {
  forced: ForcedLimit[];
  buckets: Map<string, Bucket>;
  limit: number;
  windowMs: number;
}

export interface RateLimitAnswer {
  headers: Record<string, string>;
  /** Set when the request must get a 429 with this body. */
  tooMany?: Json;
}

export function createRateLimiter(bucket: { limit: number; windowSeconds: number }): RateLimiter {
  return { forced: [], buckets: new Map(), limit: bucket.limit, windowMs: bucket.windowSeconds * 1000 };
}

/** Opaque to clients; Discord shares one hash between all channels of a route, the id is the major parameter. */
export function bucketHash(method: string, path: string): string {
  return `${method}${path.replace(/\d{15,}/g, ':id')}`;
}

function seconds(ms: number): string {
  return (Math.max(ms, 0) / 1000).toFixed(3);
}

function bucketHeaders(limit: number, remaining: number, resetAt: number, hash: string): Record<string, string> {
  return {
    'X-RateLimit-Limit': String(limit),
    'X-RateLimit-Remaining': String(remaining),
    'X-RateLimit-Reset': seconds(resetAt),
    'X-RateLimit-Reset-After': seconds(resetAt - Date.now()),
    'X-RateLimit-Bucket': hash,
  };
}

function tooManyBody(retryAfterMs: number, global: boolean): Json {
  return { message: 'You are being rate limited.', retry_after: Number(seconds(retryAfterMs)), global };
}

export function armRateLimit(limiter: RateLimiter, route: RegExp, options: RateLimitOptions): void {
  limiter.forced.push({ route, options, left: options.times ?? 1 });
}

/**
 * A 429 armed with `rateLimitNext` for this path, if any. Like Discord, `Retry-After` is whole seconds (rounded
 * up) while the body and `X-RateLimit-Reset-After` carry the exact wait; a global limit sends no bucket headers.
 */
export function takeForcedLimit(limiter: RateLimiter, method: string, path: string): RateLimitAnswer | null {
  const forced = limiter.forced.find((f) => f.left > 0 && f.route.test(path));
  if (!forced) return null;
  forced.left -= 1;
  limiter.forced = limiter.forced.filter((f) => f.left > 0);
  const retryAfterMs = forced.options.retryAfterSeconds * 1000;
  const retryAfter = String(Math.ceil(forced.options.retryAfterSeconds));
  if (forced.options.global) {
    return {
      headers: { 'Retry-After': retryAfter, 'X-RateLimit-Global': 'true', 'X-RateLimit-Scope': 'global' },
      tooMany: tooManyBody(retryAfterMs, true),
    };
  }
  const resetAt = Date.now() + retryAfterMs;
  return {
    headers: {
      ...bucketHeaders(limiter.limit, 0, resetAt, bucketHash(method, path)),
      'Retry-After': retryAfter,
      'X-RateLimit-Scope': forced.options.scope ?? 'user',
    },
    tooMany: tooManyBody(retryAfterMs, false),
  };
}

/** Takes one request from the per-resource bucket and returns its headers, or a 429 when it is empty. */
export function takeBucketSlot(limiter: RateLimiter, key: string, method: string, path: string): RateLimitAnswer {
  const now = Date.now();
  let bucket = limiter.buckets.get(key);
  if (!bucket || now >= bucket.resetAt) {
    bucket = { remaining: limiter.limit, resetAt: now + limiter.windowMs };
    limiter.buckets.set(key, bucket);
  }
  const hash = bucketHash(method, path);
  if (bucket.remaining === 0) {
    const retryAfterMs = bucket.resetAt - now;
    return {
      headers: {
        ...bucketHeaders(limiter.limit, 0, bucket.resetAt, hash),
        'Retry-After': String(Math.ceil(retryAfterMs / 1000)),
        'X-RateLimit-Scope': 'user',
      },
      tooMany: tooManyBody(retryAfterMs, false),
    };
  }
  bucket.remaining -= 1;
  return { headers: bucketHeaders(limiter.limit, bucket.remaining, bucket.resetAt, hash) };
}

/**
 * Counts a request that carries the bot token against the global limit at the moment it arrived; a 429 with
 * `X-RateLimit-Global` once `limit` of them arrived within the last window, like Discord's.
 */
export function takeGlobalSlot(
  global: { limit: number; windowMs: number; arrivals: number[] },
  arrivedAt: number,
): RateLimitAnswer | null {
  while (global.arrivals.length > 0 && global.arrivals[0]! <= arrivedAt - global.windowMs) global.arrivals.shift();
  if (global.arrivals.length < global.limit) {
    global.arrivals.push(arrivedAt);
    return null;
  }
  const retryAfterMs = global.arrivals[0]! + global.windowMs - arrivedAt;
  return {
    headers: {
      'Retry-After': String(Math.ceil(retryAfterMs / 1000)),
      'X-RateLimit-Global': 'true',
      'X-RateLimit-Scope': 'global',
    },
    tooMany: tooManyBody(retryAfterMs, true),
  };
}
