import type { Logger } from 'pino';
import type { DatabaseHandle } from '../../db/database.js';
import type { Config } from '../config/env.js';
import { outboxStats } from '../delivery/outbox-stats.js';
import { healthzHandler } from '../endpoints/healthz.js';
import { metricsHandler } from '../endpoints/metrics-endpoint.js';
import type { HttpServer } from '../shared/http-server.js';
import { deliveriesByState, hubRateBudget, outboxDepth, outboxOldestPendingAge } from '../shared/metrics.js';
import { HUB_WEBHOOK_PATH, hubWebhookHandler } from '../endpoints/hub-webhook.js';
import { lastTickAt } from '../worker/tick-lease.js';
import { trackedOrgs } from '../worker/tracked-orgs.js';

/** Registers `/healthz`, `/metrics` and the Hub's webhook on the service's listener. */
export function mountOps(
  server: HttpServer,
  deps: {
    config: Config;
    database: DatabaseHandle;
    logger: Logger;
    startedAt: Date;
    intervalMs: number;
    requestPoll(org: string): void;
    /** Hub requests the rate budget lets start now; undefined until the app is wired. */
    hubBudgetLeft?: () => number | undefined;
    now?: () => Date;
  },
): void {
  const { db } = deps.database;
  const now = deps.now ?? (() => new Date());
  server.route(
    'GET',
    '/healthz',
    healthzHandler({ lastTickAt: () => lastTickAt(db), startedAt: deps.startedAt, intervalMs: deps.intervalMs, now }),
  );
  server.route(
    'GET',
    '/metrics',
    metricsHandler({
      logger: deps.logger,
      async refresh() {
        const stats = await outboxStats(db, now());
        deliveriesByState.reset();
        for (const row of stats.byState) deliveriesByState.set({ state: row.state, platform: row.platform }, row.count);
        outboxDepth.set(stats.depth);
        outboxOldestPendingAge.set(stats.oldestPendingSeconds);
        const left = deps.hubBudgetLeft?.();
        if (left !== undefined) hubRateBudget.set(left);
      },
    }),
  );
  server.route(
    'POST',
    HUB_WEBHOOK_PATH,
    hubWebhookHandler({
      secret: deps.config.HF_WEBHOOK_SECRET,
      logger: deps.logger,
      requestPoll: deps.requestPoll,
      trackedOrgs: async () => new Set((await trackedOrgs(db)).map((t) => t.org.toLowerCase())),
    }),
  );
}
