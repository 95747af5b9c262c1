import { and, asc, eq, inArray, isNull, lte, or, sql, lt } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import { deliveries, releases, subscriptions } from '../../db/schema.js';

export interface ClaimedDelivery {
  id: number;
  releaseId: number;
  subscriptionId: number;
  attempts: number;
  dueAt: Date;
  platform: string;
  destination: string;
  mode: string;
}

/**
 * Claims due deliveries for the given platforms under a lease held by `owner` and commits, so the
 * sends happen outside any transaction and a replica (or a crashed process's successor) skips what is
 * leased. Oldest due first.
 */
export async function claimDeliveries(
  db: Database,
  options: { platforms: readonly string[]; now: Date; leaseMs: number; limit: number; owner: string },
): Promise<ClaimedDelivery[]> {
  if (options.platforms.length === 0) return [];
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: deliveries.id })
      .from(deliveries)
      .innerJoin(subscriptions, eq(subscriptions.id, deliveries.subscriptionId))
      // History is never sent, not even in a digest, whatever row may exist for it.
      .innerJoin(releases, and(eq(releases.id, deliveries.releaseId), eq(releases.historical, false)))
      .where(
        and(
          inArray(deliveries.state, ['pending', 'sending']),
          lte(deliveries.dueAt, options.now),
          or(isNull(deliveries.leaseUntil), lt(deliveries.leaseUntil, options.now)),
          isNull(subscriptions.pausedAt),
          inArray(subscriptions.platform, [...options.platforms]),
        ),
      )
      .orderBy(asc(deliveries.dueAt), asc(deliveries.id))
      .limit(options.limit)
      .for('update', { of: deliveries, skipLocked: true });
    if (due.length === 0) return [];
    const claimed = await tx
      .update(deliveries)
      .set({
        state: 'sending',
        attempts: sql`${deliveries.attempts} + 1`,
        leaseUntil: new Date(options.now.getTime() + options.leaseMs),
        leaseOwner: options.owner,
      })
      .where(
        inArray(
          deliveries.id,
          due.map((d) => d.id),
        ),
      )
      .returning({
        id: deliveries.id,
        releaseId: deliveries.releaseId,
        subscriptionId: deliveries.subscriptionId,
        attempts: deliveries.attempts,
        dueAt: deliveries.dueAt,
      });
    const subs = await tx
      .select({
        id: subscriptions.id,
        platform: subscriptions.platform,
        destination: subscriptions.destination,
        mode: subscriptions.mode,
      })
      .from(subscriptions)
      .where(inArray(subscriptions.id, [...new Set(claimed.map((c) => c.subscriptionId))]));
    const subById = new Map(subs.map((s) => [s.id, s]));
    return claimed
      .map((c) => {
        const sub = subById.get(c.subscriptionId)!;
        return { ...c, platform: sub.platform, destination: sub.destination, mode: sub.mode };
      })
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.id - b.id);
  });
}

/** Extends the lease of deliveries `owner` still holds; returns the ids it still holds. */
export async function renewLease(db: Database, ids: readonly number[], owner: string, until: Date): Promise<number[]> {
  const rows = await db
    .update(deliveries)
    .set({ leaseUntil: until })
    .where(and(inArray(deliveries.id, [...ids]), eq(deliveries.leaseOwner, owner), eq(deliveries.state, 'sending')))
    .returning({ id: deliveries.id });
  return rows.map((r) => r.id);
}

/**
 * Gives deliveries that were claimed but not sent back to the queue at once (or at `dueAt`), and
 * takes back the attempt their claim counted: they were never tried.
 */
export async function releaseClaims(db: Database, ids: readonly number[], owner: string, dueAt?: Date): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(deliveries)
    .set({
      state: 'pending',
      leaseUntil: null,
      leaseOwner: null,
      attempts: sql`greatest(${deliveries.attempts} - 1, 0)`,
      ...(dueAt ? { dueAt: sql`greatest(${deliveries.dueAt}, ${dueAt})` } : {}),
    })
    .where(and(inArray(deliveries.id, [...ids]), eq(deliveries.leaseOwner, owner), eq(deliveries.state, 'sending')));
}
