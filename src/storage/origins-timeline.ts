import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { labs, releases } from '../../db/schema.js';
import type { OriginsTimeline, TimelineMonth } from '../ports/models.js';
import { trackedLabIds } from './tracked-labs.js';

/** `YYYY-MM` of every month from `since` to the month of `now` (UTC). */
function monthsBetween(since: string, now: Date): string[] {
  const out: string[] = [];
  let [year, month] = since.split('-').map(Number) as [number, number];
  const end = now.getUTCFullYear() * 12 + now.getUTCMonth();
  while (year * 12 + month - 1 <= end) {
    out.push(`${year}-${String(month).padStart(2, '0')}`);
    month++;
    if (month > 12) [year, month] = [year + 1, 1];
  }
  return out;
}

/**
 * Releases per month (UTC) by country among the labs a workspace tracks, live and historical alike
 * (a historical one in the month its first repo was created), variant-only releases left out. Undated
 * releases are in no month: they are counted apart.
 */
export async function originsTimeline(
  db: Queryable,
  query: { workspaceId: string; since: string; now: Date },
): Promise<OriginsTimeline> {
  const tracked = trackedLabIds(db, query.workspaceId);
  const month = sql<string>`to_char(${releases.firstSeenAt} at time zone 'UTC', 'YYYY-MM')`;
  const counted = and(inArray(releases.labId, tracked), eq(releases.variantOnly, false));
  const rows = await db
    .select({ month, country: labs.country, count: sql<number>`count(*)::int` })
    .from(releases)
    .innerJoin(labs, eq(labs.id, releases.labId))
    .where(
      and(counted, eq(releases.undated, false), gte(releases.firstSeenAt, new Date(`${query.since}-01T00:00:00Z`))),
    )
    .groupBy(month, labs.country);
  const [undated] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(releases)
    .where(and(counted, eq(releases.undated, true)));

  const byMonth = new Map<string, TimelineMonth>(
    monthsBetween(query.since, query.now).map((m) => [m, { month: m, total: 0, byCountry: {} }]),
  );
  for (const row of rows) {
    const entry = byMonth.get(row.month);
    if (entry === undefined) continue;
    entry.total += row.count;
    entry.byCountry[row.country] = row.count;
  }
  return { since: query.since, months: [...byMonth.values()], undated: undated?.count ?? 0 };
}
