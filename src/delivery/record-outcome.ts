import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import { deliveries, subscriptions } from '../../db/schema.js';

/** Only the dispatcher that holds the lease may record how a send went. */
function held(ids: readonly number[], owner: string) {
  return and(inArray(deliveries.id, [...ids]), eq(deliveries.leaseOwner, owner));
}

const free = { leaseUntil: null, leaseOwner: null } as const;

/**
 * Records several sends in one statement, each with its message reference; returns the ids recorded,
 * which leave out any whose lease was lost meanwhile (another dispatcher took them over).
 */
export async function recordSentMany(
  db: Database,
  owner: string,
  at: Date,
  sends: readonly { ids: readonly number[]; ref: string }[],
): Promise<number[]> {
  const ids = sends.flatMap((s) => s.ids);
  if (ids.length === 0) return [];
  const refs = sends.flatMap((s) => s.ids.map((id) => sql`when ${id} then ${s.ref}`));
  const rows = await db
    .update(deliveries)
    .set({
      state: 'sent',
      sentAt: at,
      messageRef: sql`case ${deliveries.id} ${sql.join(refs, sql` `)} end`,
      lastError: null,
      ...free,
    })
    .where(held(ids, owner))
    .returning({ id: deliveries.id });
  return rows.map((r) => r.id);
}

export async function recordRetry(
  db: Database,
  ids: readonly number[],
  owner: string,
  input: { dueAt: Date; reason: string; countAttempt: boolean },
): Promise<void> {
  await db
    .update(deliveries)
    .set({
      state: 'pending',
      dueAt: input.dueAt,
      lastError: input.reason,
      ...free,
      ...(input.countAttempt ? {} : { attempts: sql`greatest(${deliveries.attempts} - 1, 0)` }),
    })
    .where(held(ids, owner));
}

export async function recordFailed(db: Database, ids: readonly number[], owner: string, reason: string): Promise<void> {
  await db
    .update(deliveries)
    .set({ state: 'failed', lastError: reason, ...free })
    .where(held(ids, owner));
}

/** Pauses the subscription and puts its deliveries back, to wait until it is resumed. */
export async function recordPaused(
  db: Database,
  ids: readonly number[],
  owner: string,
  input: { subscriptionId: number; at: Date; reason: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(subscriptions)
      .set({ pausedAt: input.at, pauseReason: input.reason })
      .where(eq(subscriptions.id, input.subscriptionId));
    await tx
      .update(deliveries)
      .set({
        state: 'pending',
        lastError: input.reason,
        ...free,
        attempts: sql`greatest(${deliveries.attempts} - 1, 0)`,
      })
      .where(held(ids, owner));
  });
}
