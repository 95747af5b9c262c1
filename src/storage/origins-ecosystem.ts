import { and, desc, eq, inArray, isNotNull, sql, type AnyColumn } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { labs, models } from '../../db/schema.js';
import type { OriginsEcosystem } from '../ports/models.js';
import { trackedLabIds } from './tracked-labs.js';

const count = (column: AnyColumn) => sql<number>`coalesce(sum(${column}), 0)::float8`;
const total = sql<number>`(coalesce(${models.finetunes}, 0) + coalesce(${models.adapters}, 0)
  + coalesce(${models.quantizations}, 0) + coalesce(${models.merges}, 0))`;

/**
 * Derivatives the community built on the models of the labs a workspace tracks (the Hub's
 * childrenModelCount, as of each model's last metrics), summed by the lab's country, with the models
 * most built on. A derivative of a derivative counts under its direct base only.
 */
export async function originsEcosystem(
  db: Queryable,
  query: { workspaceId: string; limit: number },
): Promise<OriginsEcosystem> {
  const where = and(inArray(models.labId, trackedLabIds(db, query.workspaceId)), isNotNull(models.finetunes));
  const sums = await db
    .select({
      country: labs.country,
      finetune: count(models.finetunes),
      adapter: count(models.adapters),
      quantized: count(models.quantizations),
      merge: count(models.merges),
      counted: sql<number>`count(*)::int`,
    })
    .from(models)
    .innerJoin(labs, eq(labs.id, models.labId))
    .where(where)
    .groupBy(labs.country);
  const byCountry = sums
    .map(({ counted: _, ...c }) => ({ ...c, total: c.finetune + c.adapter + c.quantized + c.merge }))
    .sort((a, b) => b.total - a.total || a.country.localeCompare(b.country));
  const top = await db
    .select({
      repo: models.repo,
      lab: labs.name,
      country: labs.country,
      finetune: sql<number>`coalesce(${models.finetunes}, 0)`,
      adapter: sql<number>`coalesce(${models.adapters}, 0)`,
      quantized: sql<number>`coalesce(${models.quantizations}, 0)`,
      merge: sql<number>`coalesce(${models.merges}, 0)`,
      total: sql<number>`${total}::int`,
    })
    .from(models)
    .innerJoin(labs, eq(labs.id, models.labId))
    .where(where)
    .orderBy(desc(total), models.repo)
    .limit(query.limit);
  return { byCountry, top, counted: sums.reduce((n, s) => n + s.counted, 0) };
}
