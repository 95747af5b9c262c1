import { eq, sql } from 'drizzle-orm';
import type { Transaction } from '../../../db/database.js';
import { labOrgs } from '../../../db/schema.js';
import type { HubModel } from '../../sources/hf-hub/client.js';
import { storeMetrics } from '../store-metrics.js';
import { deriveHistory, type HistoryCount } from './derive-history.js';

// Rows per statement, as for polls: small statements keep the embedded database's heap small.
const BATCH = 100;

/** Completes stored rows with what a history listing tells and an older baseline did not ask for. */
async function fillStored(tx: Transaction, items: readonly HubModel[]): Promise<void> {
  for (let i = 0; i < items.length; i += BATCH) {
    const rows = items.slice(i, i + BATCH).map((m) => ({
      id: m.id,
      created_at: m.createdAt?.toISOString() ?? null,
      task: m.task ?? null,
      library: m.library ?? null,
      license: m.license ?? null,
      params: m.params ?? null,
      base_models: m.lineage?.baseModels ?? [],
      relation: m.lineage?.relation ?? null,
    }));
    await tx.execute(sql`
      update models set created_at = coalesce(models.created_at, v.created_at),
        task = coalesce(models.task, v.task), library = coalesce(models.library, v.library),
        license = coalesce(models.license, v.license), params = coalesce(models.params, v.params),
        base_models = case when cardinality(models.base_models) = 0 then v.base_models else models.base_models end,
        relation = coalesce(models.relation, v.relation)
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(id text, created_at timestamptz, task text,
        library text, license text, params bigint, base_models text[], relation text)
      where models.id = v.id`);
  }
}

/**
 * Records what one history listing of an org says, inside the caller's transaction: the stored repos'
 * missing details, their popularity and today's snapshot, then the historical releases still missing.
 * Repos the listing shows that are not stored are left to the next poll, which may alert them.
 */
export async function recordHistory(
  tx: Transaction,
  input: {
    org: string;
    labId: number;
    labOrgs: ReadonlySet<string>;
    items: readonly HubModel[];
    since?: Date | undefined;
    now: Date;
  },
): Promise<HistoryCount> {
  await fillStored(tx, input.items);
  const popular = input.items.filter((m) => !m.private);
  await storeMetrics(
    tx,
    popular.map((m) => ({ ...m, trendingScore: m.trendingScore ?? 0 })),
    input.now,
  );
  const count = await deriveHistory(tx, input);
  await tx.update(labOrgs).set({ historyAt: input.now }).where(eq(labOrgs.org, input.org));
  return count;
}
