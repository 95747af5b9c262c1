import type { LabRef } from '../ports/labs.js';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { labOrgs, labs, workspaceLabs } from '../../db/schema.js';
import { UserError } from '../shared/user-error.js';

/** Finds a lab by name or by one of its orgs, any case; an unknown one is the user's mistake. */
export async function resolveLab(db: Queryable, input: string): Promise<LabRef> {
  const needle = input.trim().toLowerCase();
  const [byName] = await db
    .select({ id: labs.id, name: labs.name, country: labs.country })
    .from(labs)
    .where(eq(sql`lower(${labs.name})`, needle));
  if (byName) return byName;
  const [byOrg] = await db
    .select({ id: labs.id, name: labs.name, country: labs.country })
    .from(labOrgs)
    .innerJoin(labs, eq(labs.id, labOrgs.labId))
    .where(eq(sql`lower(${labOrgs.org})`, needle));
  if (byOrg) return byOrg;
  throw new UserError(`no lab called "${input.trim()}": try /labs list, or a Hub org such as deepseek-ai`);
}

export async function resolveLabs(db: Queryable, list: string): Promise<LabRef[]> {
  const out: LabRef[] = [];
  for (const item of list.split(',').filter(Boolean)) {
    const lab = await resolveLab(db, item);
    if (!out.some((l) => l.id === lab.id)) out.push(lab);
  }
  return out;
}

/** The labs of `wanted` that the workspace does not track. */
export async function untrackedOf(db: Queryable, workspaceId: string, wanted: readonly LabRef[]): Promise<LabRef[]> {
  if (wanted.length === 0) return [];
  const rows = await db
    .select({ labId: workspaceLabs.labId })
    .from(workspaceLabs)
    .where(
      and(
        eq(workspaceLabs.workspaceId, workspaceId),
        inArray(
          workspaceLabs.labId,
          wanted.map((l) => l.id),
        ),
      ),
    );
  const tracked = new Set(rows.map((r) => r.labId));
  return wanted.filter((l) => !tracked.has(l.id));
}
