import type { Logger } from 'pino';
import type { DatabaseHandle } from '../../db/database.js';
import type { Config } from '../config/env.js';
import { pruneSent } from '../delivery/dead-letters.js';
import { ticksSkipped } from '../shared/metrics.js';
import { createTickLease } from '../worker/tick-lease.js';
import type { App } from './create-app.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The scheduler's work as one replica among several does it: a tick or a popularity refresh runs only
 * on the replica that claims its slot (see createTickLease); a full tick also deletes the sent
 * deliveries older than DELIVERY_RETENTION_DAYS.
 */
export function createReplicaTick(deps: {
  app: App;
  database: DatabaseHandle;
  config: Config;
  logger: Logger;
  intervalMs: number;
  now?: () => Date;
}) {
  const { app, database, config, logger } = deps;
  const now = deps.now ?? (() => new Date());
  const lease = createTickLease({
    db: database.db,
    tryLock: database.tryLock ? (key) => database.tryLock!(key) : undefined,
    intervalMs: deps.intervalMs,
    now,
    logger,
  });

  async function prune(): Promise<void> {
    if (config.DELIVERY_RETENTION_DAYS === 0) return;
    const before = new Date(now().getTime() - config.DELIVERY_RETENTION_DAYS * DAY_MS);
    const pruned = await pruneSent(database.db, before);
    if (pruned > 0) logger.info({ pruned, before }, 'sent deliveries pruned');
  }

  return {
    async poll(full: boolean, slot?: Date): Promise<void> {
      const outcome = await lease.run(full, slot, async (runFull) => {
        const result = await app.tick(runFull);
        if (runFull) await prune().catch((error: unknown) => logger.error({ err: error }, 'pruning crashed'));
        return result;
      });
      if (outcome.ran) return void logger.debug({ slot, full: outcome.full }, 'tick slot polled');
      ticksSkipped.inc({ reason: outcome.reason });
      logger.debug({ slot, reason: outcome.reason }, 'tick skipped: another replica polls, or this one already did');
    },
    async refreshMetrics(slot: Date): Promise<void> {
      if (await lease.claimRefresh(slot)) await app.refreshMetrics();
    },
  };
}
