import {
  and,
  asc,
  eq,
  exists,
  gt,
  gte,
  inArray,
  isNull,
  lt,
  lte,
  notExists,
  notInArray,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database } from '../../db/database.js';
import { deliveries, releases, subscriptions } from '../../db/schema.js';

export interface ClaimedDelivery {
  id: number;
  /** Exactly one of the three is set: a release alert, a change of a released model, or a weekly report. */
  releaseId: number | null;
  changeId: number | null;
  reportWeek: string | null;
  subscriptionId: number;
  attempts: number;
  dueAt: Date;
  platform: string;
  destination: string;
  mode: string;
  workspaceId: string;
  labIds: number[] | null;
  countries: string[] | null;
}

const OPEN = ['pending', 'sending'];

/**
 * Claims due deliveries for the given platforms under a lease held by `owner` and commits, so the
 * sends happen outside any transaction and a replica (or a crashed process's successor) skips what is
 * leased. Oldest due first. A subscription's deliveries go out in the order they were made: one whose
 * earlier delivery is waiting (a retry not yet due, or leased by another dispatcher) is left for later,
 * and so is one whose earlier delivery this claim did not get.
 */
export async function claimDeliveries(
  db: Database,
  options: { platforms: readonly string[]; now: Date; leaseMs: number; limit: number; owner: string },
): Promise<ClaimedDelivery[]> {
  if (options.platforms.length === 0) return [];
  const earlier = alias(deliveries, 'earlier');
  const { now } = options;
  return db.transaction(async (tx) => {
    // An open delivery of the same subscription made before this one (and matching `more`).
    const openEarlier = (...more: SQL[]) =>
      tx
        .select({ id: earlier.id })
        .from(earlier)
        .where(
          and(
            eq(earlier.subscriptionId, deliveries.subscriptionId),
            inArray(earlier.state, OPEN),
            lt(earlier.id, deliveries.id),
            ...more,
          ),
        );
    const due = await tx
      .select({ id: deliveries.id })
      .from(deliveries)
      .innerJoin(subscriptions, eq(subscriptions.id, deliveries.subscriptionId))
      .leftJoin(releases, eq(releases.id, deliveries.releaseId))
      .where(
        and(
          // History is never sent, not even in a digest, whatever row may exist for it.
          or(isNull(deliveries.releaseId), eq(releases.historical, false)),
          inArray(deliveries.state, OPEN),
          lte(deliveries.dueAt, now),
          or(isNull(deliveries.leaseUntil), lt(deliveries.leaseUntil, now)),
          isNull(subscriptions.pausedAt),
          inArray(subscriptions.platform, [...options.platforms]),
          notExists(openEarlier(or(gt(earlier.dueAt, now), gte(earlier.leaseUntil, now))!)),
        ),
      )
      .orderBy(asc(deliveries.dueAt), asc(deliveries.id))
      .limit(options.limit)
      .for('update', { of: deliveries, skipLocked: true });
    const ids = due.map((d) => d.id);
    if (ids.length === 0) return [];
    // Another dispatcher may hold an earlier delivery of the same subscription (skipped as locked, or
    // claimed since): what comes after it is not ours to send now.
    const cut = await tx
      .select({ id: deliveries.id })
      .from(deliveries)
      .where(and(inArray(deliveries.id, ids), exists(openEarlier(notInArray(earlier.id, ids)))));
    const dropped = new Set(cut.map((c) => c.id));
    const kept = ids.filter((id) => !dropped.has(id));
    if (kept.length === 0) return [];
    const claimed = await tx
      .update(deliveries)
      .set({
        state: 'sending',
        attempts: sql`${deliveries.attempts} + 1`,
        leaseUntil: new Date(now.getTime() + options.leaseMs),
        leaseOwner: options.owner,
      })
      .where(inArray(deliveries.id, kept))
      .returning({
        id: deliveries.id,
        releaseId: deliveries.releaseId,
        changeId: deliveries.changeId,
        reportWeek: deliveries.reportWeek,
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
        workspaceId: subscriptions.workspaceId,
        labIds: subscriptions.labIds,
        countries: subscriptions.countries,
      })
      .from(subscriptions)
      .where(inArray(subscriptions.id, [...new Set(claimed.map((c) => c.subscriptionId))]));
    const subById = new Map(subs.map((s) => [s.id, s]));
    return claimed
      .map((c) => {
        const sub = subById.get(c.subscriptionId)!;
        return {
          ...c,
          platform: sub.platform,
          destination: sub.destination,
          mode: sub.mode,
          workspaceId: sub.workspaceId,
          labIds: sub.labIds,
          countries: sub.countries,
        };
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
