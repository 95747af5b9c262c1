import type { RecentReleasesQuery } from '../ports/releases.js';
import { and, eq, gte, inArray, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { trackedLabIds } from './tracked-labs.js';
import { labs, releases } from '../../db/schema.js';
import { selectReleaseViews } from './release-views.js';
import type { ReleaseView } from '../platforms/release-view.js';

/** Releases first seen in the last `days`, newest first. */
export async function recentReleases(db: Queryable, query: RecentReleasesQuery): Promise<ReleaseView[]> {
  const since = new Date(query.now.getTime() - query.days * 86_400_000);
  const conditions: SQL[] = [gte(releases.firstSeenAt, since)];
  if (!query.variants) conditions.push(eq(releases.variantOnly, false));
  if (query.labIds?.length) conditions.push(inArray(releases.labId, [...query.labIds]));
  if (query.country) conditions.push(eq(labs.country, query.country));
  if (query.workspaceId !== undefined) {
    const tracked = trackedLabIds(db, query.workspaceId);
    conditions.push(inArray(releases.labId, tracked));
  }
  return selectReleaseViews(db, and(...conditions), query.limit ?? 200);
}
