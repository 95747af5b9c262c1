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

interface Waiter {
  resolve(): void;
  leave(): void;
}

/**
 * A token bucket (kept as the time its next slot comes free, as in the generic cell rate algorithm): at
 * most `burst` slots at once, then one every `intervalMs`, first come first served. A slot is counted
 * when it is handed out, at the time it really is: a late timer delays the slots after it instead of
 * letting them crowd together.
 */
export function createPacer(rate: PacerRate, clock: Pick<Clock, 'now' | 'sleep'>): Pacer {
  let { intervalMs, burst } = rate;
  let nextFree = 0;
  const queue: Waiter[] = [];
  let pumping = false;
  // Ends the pump's wait when its last waiter leaves, so no timer outlives the work (a stopping service).
  let idle: AbortController | undefined;

  const tolerance = () => (Math.max(1, burst) - 1) * intervalMs;
  const waitAt = (now: number) => Math.max(nextFree, now) - tolerance() - now;
  const grant = (now: number) => (nextFree = Math.max(nextFree, now) + intervalMs);

  async function pump(): Promise<void> {
    pumping = true;
    while (queue.length > 0) {
      const now = clock.now().getTime();
      const wait = waitAt(now);
      if (wait > 0) {
        idle = new AbortController();
        await clock.sleep(wait, idle.signal).catch(() => undefined);
        continue;
      }
      grant(now);
      queue.shift()!.resolve();
    }
    pumping = false;
  }

  return {
    async take(options = {}) {
      const { signal } = options;
      signal?.throwIfAborted();
      const now = clock.now().getTime();
      if (queue.length === 0 && waitAt(now) <= 0) {
        grant(now);
        return true;
      }
      if (waitAt(now) + queue.length * intervalMs > (options.maxWaitMs ?? Infinity)) return false;
      await new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          waiter.leave();
          reject(signal?.reason);
        };
        const waiter: Waiter = {
          resolve() {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
          leave() {
            const index = queue.indexOf(waiter);
            if (index !== -1) queue.splice(index, 1);
            if (queue.length === 0) idle?.abort();
          },
        };
        queue.push(waiter);
        signal?.addEventListener('abort', onAbort, { once: true });
        if (!pumping) void pump();
      });
      return true;
    },
    available() {
      if (queue.length > 0) return 0;
      const behind = Math.max(0, nextFree - clock.now().getTime());
      return Math.max(0, Math.floor((tolerance() + intervalMs - behind) / intervalMs));
    },
    setRate(next) {
      intervalMs = next.intervalMs;
      burst = next.burst;
    },
  };
}
