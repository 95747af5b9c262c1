import { and, like, lt } from 'drizzle-orm';
import type { Database } from '../../../db/database.js';
import { settings } from '../../../db/schema.js';

const PREFIX = 'discord.interaction.';

/**
 * True for the one process that claims an interaction first. Replicas sharing a bot token may each
 * hold a gateway session; without this, a command like `/alerts subscribe` could run twice.
 */
export async function claimInteraction(db: Database, interactionId: string): Promise<boolean> {
  const rows = await db
    .insert(settings)
    .values({ key: `${PREFIX}${interactionId}`, value: '1' })
    .onConflictDoNothing()
    .returning({ key: settings.key });
  return rows.length > 0;
}

/** Interactions older than their 15-minute token can be forgotten. */
export async function forgetInteractions(db: Database, now: Date): Promise<void> {
  await db
    .delete(settings)
    .where(and(like(settings.key, `${PREFIX}%`), lt(settings.updatedAt, new Date(now.getTime() - 3_600_000))));
}
