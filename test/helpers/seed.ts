import { LOCAL_WORKSPACE_ID } from '../../src/shared/local-workspace.js';
import type { Database } from '../../db/database.js';
import { labOrgs, labs, subscriptions, workspaceLabs, workspaces } from '../../db/schema.js';

export interface TestLab {
  name: string;
  country: string;
  orgs: string[];
}

/** A small catalog tracked by the console workspace, with the console's catch-all subscription. */
export async function seedLabs(
  db: Database,
  testLabs: TestLab[],
  options: { workspaceId?: string; platform?: string; destination?: string; variants?: boolean } = {},
) {
  const workspaceId = options.workspaceId ?? LOCAL_WORKSPACE_ID;
  const platform = options.platform ?? 'console';
  await db.insert(workspaces).values({ id: workspaceId, platform }).onConflictDoNothing();
  const ids: Record<string, number> = {};
  for (const lab of testLabs) {
    const [row] = await db.insert(labs).values({ name: lab.name, country: lab.country }).returning({ id: labs.id });
    ids[lab.name] = row!.id;
    await db.insert(labOrgs).values(lab.orgs.map((org) => ({ org, labId: row!.id })));
    await db.insert(workspaceLabs).values({ workspaceId, labId: row!.id });
  }
  const [sub] = await db
    .insert(subscriptions)
    .values({
      workspaceId,
      platform,
      destination: options.destination ?? 'console:stdout',
      variants: options.variants ?? false,
    })
    .returning({ id: subscriptions.id });
  return { labIds: ids, subscriptionId: sub!.id, workspaceId };
}
