import { describe, expect, it } from 'vitest';
import {
  parseRateLimit,
  parseRateLimitPolicy,
  parseRetryAfter,
  waitAfter429,
} from '../../src/sources/hf-hub/rate-limit.js';

const now = new Date('2026-11-29T08:00:00Z');

describe('rate-limit headers', () => {
  it('parses the Hub RateLimit header', () => {
    expect(parseRateLimit('"api";r=0;t=42')).toEqual({ remaining: 0, resetSeconds: 42 });
    expect(parseRateLimit('garbage')).toEqual({});
    expect(parseRateLimit(null)).toEqual({});
  });

  it('parses the Hub RateLimit-Policy header, and nothing from a partial one', () => {
    expect(parseRateLimitPolicy('"fixed window";"api";q=500;w=300')).toEqual({ requests: 500, windowSeconds: 300 });
    expect(parseRateLimitPolicy('"fixed window";"api";q=500')).toBeUndefined();
    expect(parseRateLimitPolicy('"fixed window";"api";q=-1;w=300')).toBeUndefined();
    expect(parseRateLimitPolicy(null)).toBeUndefined();
  });

  it("ignores the count and quota of the Hub's resolvers bucket, which file downloads spend", () => {
    expect(parseRateLimit('"resolvers";r=2999;t=120')).toEqual({});
    expect(parseRateLimitPolicy('"fixed window";"resolvers";q=3000;w=300')).toBeUndefined();
    expect(parseRateLimitPolicy('"fixed window";"api";q=1000;w=300')).toEqual({ requests: 1000, windowSeconds: 300 });
  });

  it('parses Retry-After as seconds or a date', () => {
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Sun, 29 Nov 2026 08:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });

  it('prefers RateLimit t=, then Retry-After, then backoff', () => {
    expect(waitAfter429(new Headers({ ratelimit: '"api";r=0;t=7', 'retry-after': '99' }), 0, now)).toBe(7000);
    expect(waitAfter429(new Headers({ 'retry-after': '5' }), 0, now)).toBe(5000);
    expect(waitAfter429(new Headers(), 2, now, () => 0)).toBe(4000);
  });
});
