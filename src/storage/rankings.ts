import type { PopularityMetric, RankedModel } from '../ports/models.js';
import { and, desc, eq } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { labs, models } from '../../db/schema.js';
import { RANKED_MODEL_COLUMNS, rankableModels } from './tracked-labs.js';

const COLUMN = { downloads: models.downloads, likes: models.likes, trending: models.trendingScore } as const;

/** The top public, non-variant models among the labs a workspace tracks. */
export async function topModels(
  db: Queryable,
  query: {
    workspaceId: string;
    metric: PopularityMetric;
    country?: string | undefined;
    task?: string | undefined;
    limit: number;
  },
): Promise<RankedModel[]> {
  return db
    .select(RANKED_MODEL_COLUMNS)
    .from(models)
    .innerJoin(labs, eq(labs.id, models.labId))
    .where(and(...rankableModels(db, query)))
    .orderBy(desc(COLUMN[query.metric]), models.repo)
    .limit(query.limit);
}
