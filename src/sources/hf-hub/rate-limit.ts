/**
 * True when a header names a bucket other than "api": the Hub counts file downloads (`/resolve/`) in a
 * "resolvers" bucket of its own, whose quota and count must not pass for the API's.
 */
function otherBucket(header: string): boolean {
  const names = [...header.matchAll(/"([^"]*)"/g)].map((m) => m[1]).filter((n) => n !== 'fixed window');
  return names.length > 0 && !names.includes('api');
}

/** Parses `RateLimit: "api";r=<remaining>;t=<seconds until reset>` (the Hub's header, IETF draft form). */
export function parseRateLimit(header: string | null): { remaining?: number; resetSeconds?: number } {
  if (!header || otherBucket(header)) return {};
  const result: { remaining?: number; resetSeconds?: number } = {};
  for (const part of header.split(';')) {
    const [key, value] = part.trim().split('=');
    const n = Number(value);
    if (value === undefined || !Number.isFinite(n) || n < 0) continue;
    if (key === 'r') result.remaining = n;
    if (key === 't') result.resetSeconds = n;
  }
  return result;
}

/**
 * Parses `RateLimit-Policy: "fixed window";"api";q=<requests>;w=<seconds>`; undefined unless both are
 * there and sane.
 */
export function parseRateLimitPolicy(header: string | null): { requests: number; windowSeconds: number } | undefined {
  if (!header || otherBucket(header)) return undefined;
  let requests: number | undefined;
  let windowSeconds: number | undefined;
  for (const part of header.split(';')) {
    const [key, value] = part.trim().split('=');
    const n = Number(value);
    if (value === undefined || !Number.isInteger(n) || n <= 0) continue;
    if (key === 'q') requests = n;
    if (key === 'w') windowSeconds = n;
  }
  if (requests === undefined || windowSeconds === undefined || windowSeconds > 86_400) return undefined;
  return { requests, windowSeconds };
}

/** `Retry-After` as seconds or an HTTP date, in milliseconds from `now`. */
export function parseRetryAfter(header: string | null, now: Date): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now.getTime());
}

/** How long to wait after a 429: the Hub's own `RateLimit` reset, then `Retry-After`, then backoff. */
export function waitAfter429(headers: Headers, attempt: number, now: Date, random: () => number = Math.random): number {
  const { resetSeconds } = parseRateLimit(headers.get('ratelimit'));
  if (resetSeconds !== undefined) return resetSeconds * 1000;
  const retryAfter = parseRetryAfter(headers.get('retry-after'), now);
  if (retryAfter !== undefined) return retryAfter;
  const base = 1000 * 2 ** attempt;
  return base + Math.floor(random() * base);
}
