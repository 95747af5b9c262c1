import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import type { OriginsTimeline, TimelineMonth } from '../ports/models.js';
import { LEGACY_IMPORT_DATE } from '../shared/legacy-import-date.js';

/** The first instant (UTC) of every month from `since` to the month of `now`, as `YYYY-MM` and a Date. */
function monthsBetween(since: string, now: Date): { month: string; start: Date }[] {
  const out: { month: string; start: Date }[] = [];
  const [year, month] = since.split('-').map(Number) as [number, number];
  const end = now.getUTCFullYear() * 12 + now.getUTCMonth();
  for (let i = year * 12 + month - 1; i <= end; i++) {
    const start = new Date(Date.UTC(Math.floor(i / 12), i % 12, 1));
    out.push({ month: start.toISOString().slice(0, 7), start });
  }
  return out;
}

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
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
  const months = monthsBetween(query.since, query.now);
  const bounds = `{${months.map((m) => m.start.toISOString()).join(',')}}`;
  // Each release is put in its month by a binary search over the month starts (no time zone work per
  // row) and counted per lab of all labs at once; only the few groups are then matched to the tracked
  // labs and their countries. `offset 0` keeps the tracked labs' filter from being pushed into the scan.
  const rows = rowsOf<{ bucket: number; country: string; count: number }>(
    await db.execute(sql`
      select g.bucket::int as bucket, l.country, sum(g.count)::int as count
      from (
        select width_bucket(first_seen_at, ${bounds}::timestamptz[]) as bucket, lab_id, count(*) as count
        from releases
        where not variant_only and not undated and first_seen_at >= ${months[0]!.start}
        group by 1, 2 offset 0
      ) g
      join labs l on l.id = g.lab_id
      join workspace_labs w on w.lab_id = g.lab_id and w.workspace_id = ${query.workspaceId}
      group by 1, 2`),
  );
  // Undated releases are all filed under the import date: an equality on the date's index finds them.
  const [undated] = rowsOf<{ count: number }>(
    await db.execute(sql`
      select count(*)::int as count from releases r
      join workspace_labs w on w.lab_id = r.lab_id and w.workspace_id = ${query.workspaceId}
      where r.undated and not r.variant_only and r.first_seen_at = ${LEGACY_IMPORT_DATE}`),
  );

  const byMonth: TimelineMonth[] = months.map((m) => ({ month: m.month, total: 0, byCountry: {} }));
  for (const row of rows) {
    const entry = byMonth[Number(row.bucket) - 1];
    if (entry === undefined) continue;
    entry.total += Number(row.count);
    entry.byCountry[row.country] = (entry.byCountry[row.country] ?? 0) + Number(row.count);
  }
  return { since: query.since, months: byMonth, undated: Number(undated?.count ?? 0) };
}
