import { eq } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import { deliveries } from '../../db/schema.js';

/**
 * Puts every claimed delivery back in the queue at once. Only for a database one process owns (the
 * embedded one, under its data directory's lock): any claim found at start belongs to a process that
 * died, and need not wait for its lease to run out. A send it may have begun is posted again with the
 * same idempotency key, which the platforms use to drop a repeat.
 */
export async function releaseOrphanedClaims(db: Database): Promise<number> {
  const rows = await db
    .update(deliveries)
    .set({ state: 'pending', leaseUntil: null, leaseOwner: null })
    .where(eq(deliveries.state, 'sending'))
    .returning({ id: deliveries.id });
  return rows.length;
}
