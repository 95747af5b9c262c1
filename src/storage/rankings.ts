import type { PopularityMetric, RankedModel } from '../ports/models.js';
import { and, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { labs, models, workspaceLabs } from '../../db/schema.js';

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
  const tracked = db
    .select({ labId: workspaceLabs.labId })
    .from(workspaceLabs)
    .where(eq(workspaceLabs.workspaceId, query.workspaceId));
  const conditions: SQL[] = [inArray(models.labId, tracked), eq(models.private, false), eq(models.isVariant, false)];
  if (query.country) conditions.push(eq(labs.country, query.country));
  if (query.task) conditions.push(eq(models.task, query.task));
  return db
    .select({
      repo: models.repo,
      task: models.task,
      params: models.params,
      downloads: models.downloads,
      likes: models.likes,
      trendingScore: models.trendingScore,
      lab: labs.name,
      country: labs.country,
    })
    .from(models)
    .innerJoin(labs, eq(labs.id, models.labId))
    .where(and(...conditions))
    .orderBy(desc(COLUMN[query.metric]), models.repo)
    .limit(query.limit);
}
