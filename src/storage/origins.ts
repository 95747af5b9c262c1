import type { OriginMetric, OriginShare } from '../ports/models.js';
import { and, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { trackedLabIds } from './tracked-labs.js';
import { labs, models, releases } from '../../db/schema.js';

/**
 * Totals per lab over a window among the labs a workspace tracks: releases of it (live ones first seen
 * in it, historical ones created in it, undated ones in none), or the downloads / likes of models (not
 * variants, as in rankings) created in it. Countries are summed from the labs by the caller.
 */
export async function originsByLab(
  db: Queryable,
  query: { workspaceId: string; metric: OriginMetric; since: Date },
): Promise<OriginShare[]> {
  const tracked = trackedLabIds(db, query.workspaceId);
  if (query.metric === 'releases') {
    const value = sql<number>`count(*)::int`;
    return db
      .select({ key: labs.name, country: labs.country, value })
      .from(releases)
      .innerJoin(labs, eq(labs.id, releases.labId))
      .where(
        and(
          inArray(releases.labId, tracked),
          gte(releases.firstSeenAt, query.since),
          eq(releases.variantOnly, false),
          // Filed under the Hub's import date, an undated release belongs to no window.
          eq(releases.undated, false),
        ),
      )
      .groupBy(labs.name, labs.country)
      .orderBy(desc(value), labs.name);
  }
  const column = query.metric === 'downloads' ? models.downloads : models.likes;
  const value = sql<number>`coalesce(sum(${column}), 0)::float8`;
  return db
    .select({ key: labs.name, country: labs.country, value })
    .from(models)
    .innerJoin(labs, eq(labs.id, models.labId))
    .where(
      and(
        inArray(models.labId, tracked),
        gte(models.createdAt, query.since),
        eq(models.private, false),
        eq(models.isVariant, false),
      ),
    )
    .groupBy(labs.name, labs.country)
    .orderBy(desc(value), labs.name);
}
