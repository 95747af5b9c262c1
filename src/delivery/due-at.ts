const DIGEST_HOUR_UTC = 9;

/**
 * When a delivery for a subscription of this cadence becomes due: now, or the next digest time
 * (09:00 UTC, Mondays for weekly).
 */
export function dueAt(mode: string, now: Date): Date {
  if (mode !== 'daily' && mode !== 'weekly') return now;
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), DIGEST_HOUR_UTC));
  if (next <= now) next.setUTCDate(next.getUTCDate() + 1);
  if (mode === 'weekly') next.setUTCDate(next.getUTCDate() + ((8 - next.getUTCDay()) % 7));
  return next;
}
