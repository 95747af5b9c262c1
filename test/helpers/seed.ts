import { LOCAL_WORKSPACE_ID } from '../../src/shared/local-workspace.js';
import type { Database } from '../../db/database.js';
import { labOrgs, labs, models, releases, subscriptions, workspaceLabs, workspaces } from '../../db/schema.js';

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

/** One lab from China with one released model, tracked by the workspace: enough for /rankings to draw a chart. */
export async function seedRankedModel(db: Database, workspaceId: string, platform: string) {
  await db.insert(workspaces).values({ id: workspaceId, platform }).onConflictDoNothing();
  const [lab] = await db.insert(labs).values({ name: 'Chart Lab', country: 'CN' }).returning({ id: labs.id });
  await db.insert(labOrgs).values({ org: 'chart-lab', labId: lab!.id });
  await db.insert(workspaceLabs).values({ workspaceId, labId: lab!.id });
  const seen = new Date('2026-11-20T00:00:00Z');
  const [release] = await db
    .insert(releases)
    .values({ labId: lab!.id, title: 'chart-lab/Chart-7B', firstSeenAt: seen })
    .returning({ id: releases.id });
  await db.insert(models).values({
    id: 'm-chart-7b',
    repo: 'chart-lab/Chart-7B',
    org: 'chart-lab',
    labId: lab!.id,
    releaseId: release!.id,
    task: 'text-generation',
    params: 7e9,
    downloads: 250_000,
    likes: 300,
    createdAt: seen,
    firstSeenPublicAt: seen,
  });
}
