import { eq, ne, and } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import { labs, subscriptions, workspaceLabs, workspaces } from '../../db/schema.js';
import { LOCAL_WORKSPACE_ID } from '../../src/shared/local-workspace.js';
import type { FakeGuild } from '../fakes/discord/index.js';

export const GUILD = '1300000000000000001';

/** A guild with `count` text channels, ids in sequence. */
export function guildWithChannels(count: number): FakeGuild {
  const channels = Array.from({ length: count }, (_, i) => ({
    id: String(1300000000000001000n + BigInt(i)),
    name: `alerts-${i}`,
  }));
  return { id: GUILD, name: 'Watchers', channels };
}

/**
 * On a seeded database: the console and the guild track only the lab of `labName`, and every channel of
 * the guild subscribes to it, so one release of that lab fans out to all of them.
 */
export async function subscribeGuild(db: Database, guild: FakeGuild, labName: string): Promise<void> {
  const [lab] = await db.select().from(labs).where(eq(labs.name, labName));
  await db
    .delete(workspaceLabs)
    .where(and(eq(workspaceLabs.workspaceId, LOCAL_WORKSPACE_ID), ne(workspaceLabs.labId, lab!.id)));
  const workspaceId = `discord:${guild.id}`;
  await db.insert(workspaces).values({ id: workspaceId, platform: 'discord', name: guild.name });
  await db.insert(workspaceLabs).values({ workspaceId, labId: lab!.id });
  await db
    .insert(subscriptions)
    .values(
      guild.channels.map((c) => ({ workspaceId, platform: 'discord', destination: `discord:${guild.id}:${c.id}` })),
    );
}
