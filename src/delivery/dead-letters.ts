import { and, desc, eq, inArray, isNull, lt, or } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import { deliveries, modelChanges, releases, subscriptions } from '../../db/schema.js';
import { describeChange } from '../platforms/notices.js';

export interface DeliveryRow {
  id: number;
  state: string;
  attempts: number;
  platform: string;
  destination: string;
  subscriptionId: number;
  paused: boolean;
  /** What the delivery is about: a release alert, a change of a released model, or a weekly report. */
  kind: 'release' | 'change' | 'report';
  releaseId: number | null;
  /** The release's title; null for a change or a report. */
  release: string | null;
  changeId: number | null;
  reportWeek: string | null;
  /** One line naming what it is about, whatever its kind. */
  subject: string;
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
      releaseId: deliveries.releaseId,
      release: releases.title,
      changeId: deliveries.changeId,
      reportWeek: deliveries.reportWeek,
      changeRepo: modelChanges.repo,
      changeField: modelChanges.field,
      changeBefore: modelChanges.before,
      changeAfter: modelChanges.after,
      dueAt: deliveries.dueAt,
      createdAt: deliveries.createdAt,
      lastError: deliveries.lastError,
    })
    .from(deliveries)
    .innerJoin(subscriptions, eq(subscriptions.id, deliveries.subscriptionId))
    .leftJoin(releases, eq(releases.id, deliveries.releaseId))
    .leftJoin(modelChanges, eq(modelChanges.id, deliveries.changeId))
    .where(inArray(deliveries.state, states))
    .orderBy(desc(deliveries.createdAt), desc(deliveries.id))
    .limit(options.limit);
  return rows.map(({ pausedAt, changeRepo, changeField, changeBefore, changeAfter, ...row }) => {
    const kind = row.changeId !== null ? 'change' : row.reportWeek !== null ? 'report' : 'release';
    const change = { field: changeField ?? '', before: changeBefore, after: changeAfter };
    const subject =
      kind === 'change'
        ? `change ${changeRepo ?? '?'}: ${describeChange(change)}`
        : kind === 'report'
          ? `weekly report, week of ${row.reportWeek}`
          : (row.release ?? `release #${row.releaseId}`);
    return { ...row, kind, subject, paused: pausedAt !== null };
  });
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

/**
 * Deletes deliveries sent before `before`: a release or a change is never fanned out again, so nothing
 * can be sent twice. A weekly report's row is what says its week was sent, so it stays while its week
 * may still be running.
 */
export async function pruneSent(db: Database, before: Date): Promise<number> {
  const weekAgo = new Date(before.getTime() - 8 * 86_400_000).toISOString().slice(0, 10);
  const rows = await db
    .delete(deliveries)
    .where(
      and(
        eq(deliveries.state, 'sent'),
        lt(deliveries.sentAt, before),
        or(isNull(deliveries.reportWeek), lt(deliveries.reportWeek, weekAgo)),
      ),
    )
    .returning({ id: deliveries.id });
  return rows.length;
}
