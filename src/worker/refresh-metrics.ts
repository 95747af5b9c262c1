import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Database } from '../../db/database.js';
import { HubUnavailableError } from '../sources/hf-hub/errors.js';
import type { HubSource } from '../sources/hf-hub/client.js';
import { trackedOrgs } from './tracked-orgs.js';

/**
 * Refreshes downloads, likes and trending scores of every tracked org's stored models, one request per
 * org, so rankings stay fresh without touching the poll. Each org is isolated like in a tick.
 */
export async function refreshMetrics(deps: {
  db: Database;
  hub: HubSource;
  logger: Logger;
  now: () => Date;
  signal?: AbortSignal | undefined;
}): Promise<{ orgs: number; models: number; failed: number }> {
  let models = 0;
  let failed = 0;
  const orgs = (await trackedOrgs(deps.db)).filter((o) => o.baselineDone);
  for (const { org } of orgs) {
    if (deps.signal?.aborted) break;
    try {
      const rows = await deps.hub.metrics(org);
      if (rows.length === 0) continue;
      const values = rows.map((r) => ({ id: r.id, downloads: r.downloads, likes: r.likes, trending: r.trendingScore }));
      const result = await deps.db.execute(sql`
        update models set downloads = v.downloads, likes = v.likes, trending_score = v.trending,
          metrics_at = ${deps.now()}
        from jsonb_to_recordset(${JSON.stringify(values)}::jsonb)
          as v(id text, downloads integer, likes integer, trending real)
        where models.id = v.id`);
      models += Number(
        (result as { rowCount?: number; affectedRows?: number }).rowCount ??
          (result as { affectedRows?: number }).affectedRows ??
          0,
      );
    } catch (error) {
      if (deps.signal?.aborted) break;
      failed++;
      if (error instanceof HubUnavailableError)
        deps.logger.warn({ org, reason: error.reason }, 'metrics refresh failed; org skipped');
      else deps.logger.error({ org, err: error }, 'metrics refresh crashed');
    }
  }
  deps.logger.info({ orgs: orgs.length, models, failed }, 'metrics refreshed');
  return { orgs: orgs.length, models, failed };
}
