import { and, eq, inArray, notInArray } from 'drizzle-orm';
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
 * On a seeded database: the console and the guild track only the named labs, and every channel of the
 * guild subscribes to them, so one release of those labs fans out to all of them.
 */
export async function subscribeGuild(db: Database, guild: FakeGuild, labNames: string[]): Promise<void> {
  const ids = (await db.select({ id: labs.id }).from(labs).where(inArray(labs.name, labNames))).map((l) => l.id);
  await db
    .delete(workspaceLabs)
    .where(and(eq(workspaceLabs.workspaceId, LOCAL_WORKSPACE_ID), notInArray(workspaceLabs.labId, ids)));
  const workspaceId = `discord:${guild.id}`;
  await db.insert(workspaces).values({ id: workspaceId, platform: 'discord', name: guild.name });
  await db.insert(workspaceLabs).values(ids.map((labId) => ({ workspaceId, labId })));
  await db
    .insert(subscriptions)
    .values(
      guild.channels.map((c) => ({ workspaceId, platform: 'discord', destination: `discord:${guild.id}:${c.id}` })),
    );
}
