import { and, desc, eq, inArray, lt } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import { deliveries, releases, subscriptions } from '../../db/schema.js';

export interface DeliveryRow {
  id: number;
  state: string;
  attempts: number;
  platform: string;
  destination: string;
  subscriptionId: number;
  paused: boolean;
  releaseId: number;
  release: string;
  dueAt: Date;
  createdAt: Date;
  lastError: string | null;
}

/** Deliveries not sent yet (waiting, being sent, or given up), newest first; only the given-up ones with `failed`. */
export async function listDeliveries(
  db: Database,
  options: { failed: boolean; limit: number },
): Promise<DeliveryRow[]> {
  const states = options.failed ? ['failed'] : ['pending', 'sending', 'failed'];
  const rows = await db
    .select({
      id: deliveries.id,
      state: deliveries.state,
      attempts: deliveries.attempts,
      platform: subscriptions.platform,
      destination: subscriptions.destination,
      subscriptionId: subscriptions.id,
      pausedAt: subscriptions.pausedAt,
      releaseId: releases.id,
      release: releases.title,
      dueAt: deliveries.dueAt,
      createdAt: deliveries.createdAt,
      lastError: deliveries.lastError,
    })
    .from(deliveries)
    .innerJoin(subscriptions, eq(subscriptions.id, deliveries.subscriptionId))
    .innerJoin(releases, eq(releases.id, deliveries.releaseId))
    .where(inArray(deliveries.state, states))
    .orderBy(desc(deliveries.createdAt), desc(deliveries.id))
    .limit(options.limit);
  return rows.map(({ pausedAt, ...row }) => ({ ...row, paused: pausedAt !== null }));
}

/** The states of the given deliveries, by id; an id that does not exist is absent. */
export async function deliveryStates(db: Database, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: deliveries.id, state: deliveries.state })
    .from(deliveries)
    .where(inArray(deliveries.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r.state]));
}

/**
 * Puts given-up deliveries back in the queue, due now with a fresh count of attempts: the given ids, or
 * every failed one. Only rows still failed change. Returns the ids it put back.
 */
export async function retryFailed(db: Database, ids: readonly number[] | 'all', now: Date): Promise<number[]> {
  const failed = eq(deliveries.state, 'failed');
  const rows = await db
    .update(deliveries)
    .set({ state: 'pending', attempts: 0, dueAt: now, leaseUntil: null, leaseOwner: null })
    .where(ids === 'all' ? failed : and(failed, inArray(deliveries.id, [...ids])))
    .returning({ id: deliveries.id });
  return rows.map((r) => r.id).sort((a, b) => a - b);
}

/** Deletes deliveries sent before `before`; a release is never fanned out again, so nothing can be sent twice. */
export async function pruneSent(db: Database, before: Date): Promise<number> {
  const rows = await db
    .delete(deliveries)
    .where(and(eq(deliveries.state, 'sent'), lt(deliveries.sentAt, before)))
    .returning({ id: deliveries.id });
  return rows.length;
}
