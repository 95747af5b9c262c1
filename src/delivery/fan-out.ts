import { and, eq } from 'drizzle-orm';
import type { Transaction } from '../../db/database.js';
import { deliveries, labs, subscriptions, workspaceLabs } from '../../db/schema.js';
import { receivesReleases } from '../subscriptions/modes.js';
import { dueAt } from './due-at.js';
import { matches, matchesLab, type ReleaseFacts } from './matches.js';

/**
 * Writes one outbox row per subscription that wants the release, inside the caller's transaction,
 * so a release and its deliveries exist together or not at all. A paused subscription gets its rows
 * too: they wait until it is resumed. A historical release is never fanned out, and a report
 * subscription gets no release alerts. Returns how many rows it wrote.
 */
export async function fanOut(tx: Transaction, release: ReleaseFacts & { id: number }, now: Date): Promise<number> {
  if (release.historical) return 0;
  const candidates = await tx
    .select({
      id: subscriptions.id,
      labIds: subscriptions.labIds,
      countries: subscriptions.countries,
      tasks: subscriptions.tasks,
      minParamsB: subscriptions.minParamsB,
      variants: subscriptions.variants,
      mode: subscriptions.mode,
    })
    .from(subscriptions)
    .innerJoin(
      workspaceLabs,
      and(eq(workspaceLabs.workspaceId, subscriptions.workspaceId), eq(workspaceLabs.labId, release.labId)),
    );
  const rows = candidates
    .filter((sub) => receivesReleases(sub.mode) && matches(sub, release))
    .map((sub) => ({ subscriptionId: sub.id, releaseId: release.id, dueAt: dueAt(sub.mode, now) }));
  if (rows.length === 0) return 0;
  const written = await tx.insert(deliveries).values(rows).onConflictDoNothing().returning({ id: deliveries.id });
  return written.length;
}

/**
 * Writes one outbox row per subscription with `changes` that wants the change's lab (its lab and
 * country filters; tasks and size do not apply), inside the caller's transaction. A digest
 * subscription hears of it with its digest, in order with the releases before it.
 */
export async function fanOutChange(tx: Transaction, change: { id: number; labId: number }, now: Date): Promise<number> {
  const candidates = await tx
    .select({
      id: subscriptions.id,
      labIds: subscriptions.labIds,
      countries: subscriptions.countries,
      mode: subscriptions.mode,
      country: labs.country,
    })
    .from(subscriptions)
    .innerJoin(
      workspaceLabs,
      and(eq(workspaceLabs.workspaceId, subscriptions.workspaceId), eq(workspaceLabs.labId, change.labId)),
    )
    .innerJoin(labs, eq(labs.id, workspaceLabs.labId))
    .where(eq(subscriptions.changes, true));
  const rows = candidates
    .filter((sub) => matchesLab(sub, { labId: change.labId, country: sub.country }))
    .map((sub) => ({ subscriptionId: sub.id, changeId: change.id, dueAt: dueAt(sub.mode, now) }));
  if (rows.length === 0) return 0;
  const written = await tx.insert(deliveries).values(rows).onConflictDoNothing().returning({ id: deliveries.id });
  return written.length;
}
