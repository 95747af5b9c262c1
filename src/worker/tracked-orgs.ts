import { eq, inArray } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import { labOrgs, workspaceLabs } from '../../db/schema.js';
import type { OrgToPoll } from './poll-org.js';

/** Every org of every lab that at least one workspace tracks. */
export async function trackedOrgs(db: Database): Promise<OrgToPoll[]> {
  const tracked = db.selectDistinct({ labId: workspaceLabs.labId }).from(workspaceLabs);
  const rows = await db
    .select({ org: labOrgs.org, labId: labOrgs.labId, baselineAt: labOrgs.baselineAt, historyAt: labOrgs.historyAt })
    .from(labOrgs)
    .where(inArray(labOrgs.labId, tracked))
    .orderBy(labOrgs.org);
  const orgsByLab = new Map<number, Set<string>>();
  for (const row of rows) {
    const set = orgsByLab.get(row.labId) ?? new Set<string>();
    set.add(row.org.toLowerCase());
    orgsByLab.set(row.labId, set);
  }
  return rows.map((row) => ({
    org: row.org,
    labId: row.labId,
    labOrgs: orgsByLab.get(row.labId)!,
    baselineDone: row.baselineAt !== null,
    historyDone: row.historyAt !== null,
  }));
}

/** Records why an org's last poll failed, so `labs list` can show it. */
export async function recordOrgError(db: Database, org: string, message: string): Promise<void> {
  await db
    .update(labOrgs)
    .set({ lastError: message.slice(0, 500) })
    .where(eq(labOrgs.org, org));
}
