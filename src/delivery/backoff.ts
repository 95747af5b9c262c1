const BASE_MS = 30_000;
const MAX_MS = 3_600_000;

/** Exponential backoff with ±20 % jitter: 30 s, 1 min, 2 min … capped at an hour. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const plain = Math.min(MAX_MS, BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(plain * (0.8 + 0.4 * random()));
}
