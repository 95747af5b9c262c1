import { sql } from 'drizzle-orm';
import type { Database } from '../../db/database.js';

/** Outbox rows written at once after which the planner's statistics are refreshed. */
export const STATISTICS_AFTER_ROWS = 100;

/**
 * Refreshes the planner's statistics of the outbox and its subscriptions. The embedded database has no
 * autovacuum to do it, and PostgreSQL's comes minutes late: after a fan-out to many channels, stale
 * figures make the planner join every due delivery to every subscription, and each claim of the
 * dispatcher then takes a second instead of a few milliseconds.
 */
export async function refreshOutboxStatistics(db: Database): Promise<void> {
  await db.execute(sql`analyze deliveries, subscriptions`);
}
