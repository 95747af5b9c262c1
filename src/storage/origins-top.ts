import type { Queryable } from '../../db/database.js';
import type { OriginsTop, PopularityMetric } from '../ports/models.js';
import { topModels } from './rankings.js';

/** The top `limit` models by a popularity metric among the labs a workspace tracks, and their countries. */
export async function originsTop(
  db: Queryable,
  query: { workspaceId: string; metric: PopularityMetric; limit: number },
): Promise<OriginsTop> {
  const models = await topModels(db, query);
  const counts = new Map<string, number>();
  for (const m of models) counts.set(m.country, (counts.get(m.country) ?? 0) + 1);
  const byCountry = [...counts]
    .map(([country, count]) => ({ country, count }))
    .sort((a, b) => b.count - a.count || a.country.localeCompare(b.country));
  return { models, byCountry };
}
