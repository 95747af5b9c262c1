import { eq } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { workspaceLabs } from '../../db/schema.js';

/** The ids of the labs a workspace tracks, as a subquery. */
export function trackedLabIds(db: Queryable, workspaceId: string) {
  return db
    .select({ labId: workspaceLabs.labId })
    .from(workspaceLabs)
    .where(eq(workspaceLabs.workspaceId, workspaceId));
}
