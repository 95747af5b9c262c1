import { eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { labs, modelChanges } from '../../db/schema.js';
import type { ChangeView } from '../platforms/notices.js';

/** The changes with these ids and their labs; an id that no longer exists is absent. */
export async function loadChangeViews(db: Queryable, ids: readonly number[]): Promise<ChangeView[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({
      id: modelChanges.id,
      repo: modelChanges.repo,
      field: modelChanges.field,
      before: modelChanges.before,
      after: modelChanges.after,
      detectedAt: modelChanges.detectedAt,
      labName: labs.name,
      country: labs.country,
    })
    .from(modelChanges)
    .innerJoin(labs, eq(labs.id, modelChanges.labId))
    .where(inArray(modelChanges.id, [...ids]));
  return rows.map(({ labName, country, ...row }) => ({ ...row, lab: { name: labName, country } }));
}
