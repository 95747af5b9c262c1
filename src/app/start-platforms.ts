import type { Logger } from 'pino';
import type { AlertAdapter, Platform } from '../platforms/platform.js';

const FIRST_RETRY_MS = 60_000;
const MAX_RETRY_MS = 15 * 60_000;

export interface StartedPlatforms {
  /** Adapters of the platforms that are up; grows as late starters succeed. */
  adapters: AlertAdapter[];
  /** Settles once every platform's first attempt has: the service does not wait for it. */
  ready: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts every platform in the background, so polling and a stop signal never wait for a login. One
 * that fails (Discord or Slack down, a bad token) is tried again with backoff while the rest of the
 * service runs; its deliveries wait in the outbox until it is up.
 */
export function startPlatforms(platforms: readonly Platform[], logger: Logger): StartedPlatforms {
  const adapters: AlertAdapter[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;

  async function attempt(platform: Platform, delayMs: number): Promise<void> {
    const status = await platform.start();
    if (stopped) return;
    if (status.ok) {
      adapters.push(platform);
      return;
    }
    logger.warn({ platform: platform.platform, retryInMs: delayMs }, 'platform will be started again later');
    const timer = setTimeout(() => {
      timers.delete(timer);
      void attempt(platform, Math.min(MAX_RETRY_MS, delayMs * 2));
    }, delayMs);
    timer.unref();
    timers.add(timer);
  }

  const ready = Promise.all(platforms.map((p) => attempt(p, FIRST_RETRY_MS))).then(() => undefined);
  return {
    adapters,
    ready,
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      await Promise.allSettled(platforms.map((p) => p.stop()));
    },
  };
}
