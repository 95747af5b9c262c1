import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import { deliveries, subscriptions } from '../../db/schema.js';

export interface OutboxStats {
  byState: { state: string; platform: string; count: number }[];
  /** Waiting to be sent, paused subscriptions left out. */
  depth: number;
  /** Age of the oldest of those, 0 when none waits. */
  oldestPendingSeconds: number;
}

/** What `/metrics` says about the outbox: two grouped reads over the deliveries. */
export async function outboxStats(db: Database, now: Date): Promise<OutboxStats> {
  const count = sql<number>`count(*)::int`;
  const byState = await db
    .select({ state: deliveries.state, platform: subscriptions.platform, count })
    .from(deliveries)
    .innerJoin(subscriptions, eq(subscriptions.id, deliveries.subscriptionId))
    .groupBy(deliveries.state, subscriptions.platform);
  const [waiting] = await db
    .select({ depth: count, oldest: sql<Date | null>`min(${deliveries.createdAt})`.mapWith(deliveries.createdAt) })
    .from(deliveries)
    .innerJoin(subscriptions, eq(subscriptions.id, deliveries.subscriptionId))
    .where(and(inArray(deliveries.state, ['pending', 'sending']), isNull(subscriptions.pausedAt)));
  const oldest = waiting?.oldest ?? null;
  return {
    byState: byState.map((r) => ({ ...r, count: Number(r.count) })),
    depth: Number(waiting?.depth ?? 0),
    oldestPendingSeconds: oldest ? Math.max(0, (now.getTime() - oldest.getTime()) / 1000) : 0,
  };
}
