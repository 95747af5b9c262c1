import type { Clock } from './clock.js';

export interface PacerRate {
  /** One slot per this many milliseconds, on average. */
  intervalMs: number;
  /** Slots that may be taken at once after a quiet spell (at least 1). */
  burst: number;
}

export interface Pacer {
  /**
   * Takes a slot, waiting for it when none is free. Resolves false at once, taking nothing, when the wait
   * would be longer than `maxWaitMs`; rejects with the signal's reason when it aborts during the wait.
   */
  take(options?: { signal?: AbortSignal | undefined; maxWaitMs?: number }): Promise<boolean>;
  /** Slots that could be taken now without waiting. */
  available(): number;
  setRate(rate: PacerRate): void;
}

/**
 * A token bucket, kept as the time its next slot comes free (the generic cell rate algorithm): at most
 * `burst` slots at once, then one every `intervalMs`, in the order they were asked for. A slot is
 * reserved when asked for, so callers waiting together are served one interval apart.
 */
export function createPacer(rate: PacerRate, clock: Pick<Clock, 'now' | 'sleep'>): Pacer {
  let { intervalMs, burst } = rate;
  // A slot is free at `now` when `nextFree - (burst - 1) * intervalMs <= now`.
  // A slot whose wait was aborted stays spent.
  let nextFree = 0;
  const tolerance = () => (Math.max(1, burst) - 1) * intervalMs;

  return {
    async take(options = {}) {
      options.signal?.throwIfAborted();
      const now = clock.now().getTime();
      const start = Math.max(nextFree, now);
      const wait = Math.max(0, start - tolerance() - now);
      if (wait > (options.maxWaitMs ?? Infinity)) return false;
      nextFree = start + intervalMs;
      if (wait > 0) await clock.sleep(wait, options.signal);
      return true;
    },
    available() {
      const now = clock.now().getTime();
      const behind = Math.max(0, nextFree - now);
      return Math.max(0, Math.floor((tolerance() + intervalMs - behind) / intervalMs));
    },
    setRate(next) {
      intervalMs = next.intervalMs;
      burst = next.burst;
    },
  };
}
