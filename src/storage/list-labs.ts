import type { LabListing } from '../ports/labs.js';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { labOrgs, labs, workspaceLabs } from '../../db/schema.js';

/** Every lab in the catalog, with whether the workspace tracks it, tracked first, then by name. */
export async function listLabs(
  db: Queryable,
  workspaceId: string,
  options: { country?: string | undefined } = {},
): Promise<LabListing[]> {
  const rows = await db
    .select({
      id: labs.id,
      name: labs.name,
      country: labs.country,
      org: labOrgs.org,
      baselineAt: labOrgs.baselineAt,
      polledAt: labOrgs.polledAt,
      lastError: labOrgs.lastError,
      tracked: sql<boolean>`${workspaceLabs.labId} is not null`,
    })
    .from(labs)
    .leftJoin(labOrgs, eq(labOrgs.labId, labs.id))
    .leftJoin(workspaceLabs, and(eq(workspaceLabs.labId, labs.id), eq(workspaceLabs.workspaceId, workspaceId)))
    .where(options.country ? eq(labs.country, options.country) : undefined)
    .orderBy(asc(labs.name), asc(labOrgs.org));
  const byId = new Map<number, LabListing>();
  for (const row of rows) {
    const lab = byId.get(row.id) ?? {
      id: row.id,
      name: row.name,
      country: row.country,
      orgs: [],
      tracked: Boolean(row.tracked),
    };
    if (row.org !== null)
      lab.orgs.push({ org: row.org, baselineAt: row.baselineAt, polledAt: row.polledAt, lastError: row.lastError });
    byId.set(row.id, lab);
  }
  return [...byId.values()].sort((a, b) => Number(b.tracked) - Number(a.tracked) || a.name.localeCompare(b.name));
}
