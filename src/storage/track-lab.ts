import type { TrackResult } from '../ports/labs.js';
import { and, eq, sql } from 'drizzle-orm';
import type { Database, Transaction } from '../../db/database.js';
import { labOrgs, labs, workspaceLabs, workspaces } from '../../db/schema.js';
import { UserError } from '../shared/user-error.js';

async function findLabByOrg(tx: Transaction, org: string) {
  const [row] = await tx
    .select({ id: labs.id, name: labs.name, country: labs.country })
    .from(labOrgs)
    .innerJoin(labs, eq(labs.id, labOrgs.labId))
    .where(eq(sql`lower(${labOrgs.org})`, org.toLowerCase()));
  return row;
}

async function orgsOf(tx: Transaction, labId: number): Promise<string[]> {
  const rows = await tx.select({ org: labOrgs.org }).from(labOrgs).where(eq(labOrgs.labId, labId)).orderBy(labOrgs.org);
  return rows.map((r) => r.org);
}

/**
 * Makes a workspace track the lab that owns `org`, creating the catalog entry when the org is new.
 * A new org's first poll is a silent baseline. A country that contradicts the catalog is refused.
 */
export async function trackLab(
  db: Database,
  input: {
    workspaceId: string;
    platform: string;
    org: string;
    country?: string | undefined;
    name?: string | undefined;
  },
): Promise<TrackResult> {
  return db.transaction(async (tx) => {
    await tx.insert(workspaces).values({ id: input.workspaceId, platform: input.platform }).onConflictDoNothing();
    let lab = await findLabByOrg(tx, input.org);
    let created = false;
    if (lab === undefined) {
      if (!input.country)
        throw new UserError(`${input.org} is not in the catalog yet: give its country too (e.g. country CN)`);
      const name = input.name ?? input.org;
      const [clash] = await tx
        .select({ id: labs.id })
        .from(labs)
        .where(eq(sql`lower(${labs.name})`, name.toLowerCase()));
      if (clash) throw new UserError(`a lab named "${name}" already exists with other orgs; choose another name`);
      const [inserted] = await tx
        .insert(labs)
        .values({ name, country: input.country })
        .returning({ id: labs.id, name: labs.name, country: labs.country });
      await tx.insert(labOrgs).values({ org: input.org, labId: inserted!.id });
      lab = inserted!;
      created = true;
    } else if (input.country && input.country !== lab.country) {
      throw new UserError(`${input.org} belongs to ${lab.name}, whose country is ${lab.country}, not ${input.country}`);
    }
    const added = await tx
      .insert(workspaceLabs)
      .values({ workspaceId: input.workspaceId, labId: lab.id })
      .onConflictDoNothing()
      .returning({ labId: workspaceLabs.labId });
    return {
      labId: lab.id,
      labName: lab.name,
      country: lab.country,
      created,
      alreadyTracked: added.length === 0,
      orgs: await orgsOf(tx, lab.id),
    };
  });
}

/**
 * Stops a workspace tracking the lab that owns `org`. When no workspace tracks the lab any more its
 * orgs forget their baseline, so tracking it again later starts silently instead of alerting the gap.
 */
export async function untrackLab(
  db: Database,
  input: { workspaceId: string; org: string },
): Promise<{ labName: string; orgs: string[] }> {
  return db.transaction(async (tx) => {
    const lab = await findLabByOrg(tx, input.org);
    if (lab === undefined) throw new UserError(`${input.org} is not an org of any known lab`);
    const removed = await tx
      .delete(workspaceLabs)
      .where(and(eq(workspaceLabs.workspaceId, input.workspaceId), eq(workspaceLabs.labId, lab.id)))
      .returning({ labId: workspaceLabs.labId });
    if (removed.length === 0) throw new UserError(`${lab.name} is not tracked here`);
    const [stillTracked] = await tx
      .select({ labId: workspaceLabs.labId })
      .from(workspaceLabs)
      .where(eq(workspaceLabs.labId, lab.id))
      .limit(1);
    if (!stillTracked) await tx.update(labOrgs).set({ baselineAt: null }).where(eq(labOrgs.labId, lab.id));
    return { labName: lab.name, orgs: await orgsOf(tx, lab.id) };
  });
}
