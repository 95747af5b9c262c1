import { and, eq, notInArray, or, isNotNull, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Database } from '../../db/database.js';
import { models } from '../../db/schema.js';
import { HubUnavailableError } from '../sources/hf-hub/errors.js';
import type { HubSource } from '../sources/hf-hub/client.js';
import { refillFacts } from './refill-facts.js';
import { refreshProviders } from './refresh-providers.js';
import { pruneSnapshots, storeMetrics } from './store-metrics.js';
import { trackedOrgs } from './tracked-orgs.js';
import { detectLicenses } from './detect-changes.js';
import { recordChanges } from './model-changes.js';

/** Snapshots are kept this long unless METRICS_RETENTION_DAYS says otherwise. */
export const DEFAULT_RETENTION_DAYS = 400;

/**
 * Refreshes downloads, likes and trending scores of every tracked org's stored models, one request per
 * org, and keeps one snapshot per model and day from the same answer (with all-time downloads and
 * derivatives by relation), from which growth is reckoned. The same answer's tags carry each model's
 * license, so a license change is noticed at no extra request. Each org is isolated like in a tick.
 */
export async function refreshMetrics(deps: {
  db: Database;
  hub: HubSource;
  logger: Logger;
  now: () => Date;
  retentionDays?: number | undefined;
  signal?: AbortSignal | undefined;
}): Promise<{ orgs: number; models: number; failed: number; pruned: number }> {
  let updated = 0;
  let failed = 0;
  const unsaidProviders: string[] = [];
  const orgs = (await trackedOrgs(deps.db)).filter((o) => o.baselineDone);
  for (const { org, labId } of orgs) {
    if (deps.signal?.aborted) break;
    try {
      const rows = await deps.hub.metrics(org);
      if (rows.length === 0) continue;
      if (rows.every((r) => r.providers === undefined)) unsaidProviders.push(org);
      const now = deps.now();
      updated += await deps.db.transaction(async (tx) => {
        // The listing's tags carry each license: a change of a released model is sent with this write.
        await recordChanges(tx, await detectLicenses(tx, rows), now);
        const count = await storeMetrics(tx, rows, now);
        // Growth is only as fresh as the last answer: a model the listing left out has none.
        await tx
          .update(models)
          .set({ likesGained7d: null, downloadsChange7d: null, likesGained30d: null, downloadsChange30d: null })
          .where(
            and(
              eq(models.labId, labId),
              sql`lower(${models.org}) = ${org.toLowerCase()}`,
              notInArray(
                models.id,
                rows.map((r) => r.id),
              ),
              or(isNotNull(models.likesGained7d), isNotNull(models.likesGained30d)),
            ),
          );
        return count;
      });
    } catch (error) {
      if (deps.signal?.aborted) break;
      failed++;
      if (error instanceof HubUnavailableError)
        deps.logger.warn({ org, reason: error.reason }, 'metrics refresh failed; org skipped');
      else deps.logger.error({ org, err: error }, 'metrics refresh crashed');
    }
  }
  await refreshProviders(deps, unsaidProviders).catch((error: unknown) =>
    deps.logger.error({ err: error }, 'providers refresh crashed'),
  );
  if (!deps.signal?.aborted)
    await refillFacts(deps).catch((error: unknown) => deps.logger.error({ err: error }, 'facts refill crashed'));
  const pruned = await pruneSnapshots(deps.db, deps.now(), deps.retentionDays ?? DEFAULT_RETENTION_DAYS);
  deps.logger.info({ orgs: orgs.length, models: updated, failed, pruned }, 'metrics refreshed');
  return { orgs: orgs.length, models: updated, failed, pruned };
}
