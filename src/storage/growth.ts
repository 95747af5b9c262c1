import { and, desc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { labs, models } from '../../db/schema.js';
import type { GrowthRanking } from '../ports/models.js';
import { RANKED_MODEL_COLUMNS, rankableModels } from './tracked-labs.js';

const COLUMNS = {
  7: { likes: models.likesGained7d, downloads: models.downloadsChange7d },
  30: { likes: models.likesGained30d, downloads: models.downloadsChange30d },
} as const;

/**
 * The public originals of the labs a workspace tracks that gained most likes over the last 7 or 30 days
 * (then by the change of their 30-day downloads), as the metrics refresh reckoned them from its daily
 * snapshots; when fewer than asked come up, with how many could not be ranked for want of history.
 */
export async function growthRanking(
  db: Queryable,
  query: { workspaceId: string; days: 7 | 30; country?: string | undefined; task?: string | undefined; limit: number },
): Promise<GrowthRanking> {
  const column = COLUMNS[query.days];
  const conditions = rankableModels(db, query);
  const ranked = await db
    .select({
      ...RANKED_MODEL_COLUMNS,
      likesGained: sql<number>`${column.likes}`,
      downloadsChange: sql<number>`coalesce(${column.downloads}, 0)`,
    })
    .from(models)
    .innerJoin(labs, eq(labs.id, models.labId))
    .where(and(...conditions, isNotNull(column.likes)))
    .orderBy(desc(column.likes), desc(column.downloads), models.repo)
    .limit(query.limit);
  // Counting every eligible model reads them all: worth it only to explain a short list.
  if (ranked.length === query.limit) return { models: ranked };
  const [counts] = await db
    .select({
      eligible: sql<number>`count(*)::int`,
      withHistory: sql<number>`count(${column.likes})::int`,
    })
    .from(models)
    .innerJoin(labs, eq(labs.id, models.labId))
    .where(and(...conditions));
  return { models: ranked, coverage: { eligible: counts?.eligible ?? 0, withHistory: counts?.withHistory ?? 0 } };
}
