import type { Logger } from 'pino';
import type { AlertAdapter } from '../delivery/adapter.js';
import type { Platform } from './create-platforms.js';

const FIRST_RETRY_MS = 60_000;
const MAX_RETRY_MS = 15 * 60_000;

export interface StartedPlatforms {
  /** Adapters of the platforms that are up; grows as late starters succeed. */
  adapters: AlertAdapter[];
  stop(): Promise<void>;
}

/**
 * Starts every platform. One that fails (Discord or Slack down, a bad token) is tried again with
 * backoff in the background while the rest of the service runs; its deliveries wait in the outbox.
 */
export async function startPlatforms(platforms: readonly Platform[], logger: Logger): Promise<StartedPlatforms> {
  const adapters: AlertAdapter[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;

  async function attempt(platform: Platform, delayMs: number): Promise<void> {
    const status = await platform.start();
    if (stopped) return;
    if (status.ok) {
      adapters.push(platform.adapter);
      return;
    }
    logger.warn({ platform: platform.adapter.platform, retryInMs: delayMs }, 'platform will be started again later');
    const timer = setTimeout(() => {
      timers.delete(timer);
      void attempt(platform, Math.min(MAX_RETRY_MS, delayMs * 2));
    }, delayMs);
    timer.unref();
    timers.add(timer);
  }

  await Promise.all(platforms.map((p) => attempt(p, FIRST_RETRY_MS)));
  return {
    adapters,
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      await Promise.allSettled(platforms.map((p) => p.stop()));
    },
  };
}
