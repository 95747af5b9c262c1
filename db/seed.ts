import type { Database } from './database.js';
import { CONSOLE_DESTINATION, LOCAL_WORKSPACE_ID } from '../src/shared/local-workspace.js';
import { DEFAULT_LABS } from './default-labs.js';
import { labOrgs, labs, subscriptions, workspaceLabs, workspaces } from './schema.js';

/**
 * Seeds the default catalog and the console workspace; safe to run at every start and from several
 * replicas at once. A default lab that an admin stopped tracking stays untracked: only labs new to
 * the catalog are added to the console's tracking.
 */
export async function seedDefaults(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    const createdWorkspace = await tx
      .insert(workspaces)
      .values({ id: LOCAL_WORKSPACE_ID, platform: 'console', name: 'console' })
      .onConflictDoNothing()
      .returning({ id: workspaces.id });
    if (createdWorkspace.length > 0) {
      await tx.insert(subscriptions).values({
        workspaceId: LOCAL_WORKSPACE_ID,
        platform: 'console',
        destination: CONSOLE_DESTINATION,
        createdBy: 'floodwatch',
      });
    }

    const newLabs = await tx
      .insert(labs)
      .values(DEFAULT_LABS.map((lab) => ({ name: lab.name, country: lab.country, builtin: true })))
      .onConflictDoNothing()
      .returning({ id: labs.id, name: labs.name });
    if (newLabs.length === 0) return;

    const idByName = new Map(newLabs.map((lab) => [lab.name, lab.id]));
    const orgRows = DEFAULT_LABS.flatMap((lab) => {
      const labId = idByName.get(lab.name);
      return labId === undefined ? [] : lab.orgs.map((org) => ({ org, labId }));
    });
    await tx.insert(labOrgs).values(orgRows).onConflictDoNothing();
    await tx
      .insert(workspaceLabs)
      .values(newLabs.map((lab) => ({ workspaceId: LOCAL_WORKSPACE_ID, labId: lab.id })))
      .onConflictDoNothing();
  });
}
