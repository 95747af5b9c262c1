import { eq, inArray, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { labs, models, workspaceLabs } from '../../db/schema.js';

/** The ids of the labs a workspace tracks, as a subquery. */
export function trackedLabIds(db: Queryable, workspaceId: string) {
  return db
    .select({ labId: workspaceLabs.labId })
    .from(workspaceLabs)
    .where(eq(workspaceLabs.workspaceId, workspaceId));
}

/** What a ranking filters on: the public originals of the labs tracked here, of one country or task. */
export function rankableModels(
  db: Queryable,
  query: { workspaceId: string; country?: string | undefined; task?: string | undefined },
): SQL[] {
  const conditions: SQL[] = [
    inArray(models.labId, trackedLabIds(db, query.workspaceId)),
    eq(models.private, false),
    eq(models.isVariant, false),
  ];
  if (query.country) conditions.push(eq(labs.country, query.country));
  if (query.task) conditions.push(eq(models.task, query.task));
  return conditions;
}

/** The columns every ranking shows of a model and its lab (join `labs` on the model's lab). */
export const RANKED_MODEL_COLUMNS = {
  repo: models.repo,
  task: models.task,
  params: models.params,
  downloads: models.downloads,
  likes: models.likes,
  trendingScore: models.trendingScore,
  lab: labs.name,
  country: labs.country,
};
