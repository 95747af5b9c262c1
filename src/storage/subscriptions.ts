import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Database, Queryable } from '../../db/database.js';
import { labs, subscriptions, workspaces } from '../../db/schema.js';
import type { NewSubscription, SubscriptionView } from '../ports/subscriptions.js';
import { UserError } from '../shared/user-error.js';

const MAX_PER_CHANNEL = 10;

/**
 * Adds a subscription for a channel and resumes the channel's paused ones (a new subscribe means the
 * channel works again).
 */
export async function subscribe(db: Database, input: NewSubscription): Promise<{ id: number; resumed: number }> {
  return db.transaction(async (tx) => {
    await tx.insert(workspaces).values({ id: input.workspaceId, platform: input.platform }).onConflictDoNothing();
    const existing = await tx
      .select({ id: subscriptions.id })
      .from(subscriptions)
      .where(and(eq(subscriptions.workspaceId, input.workspaceId), eq(subscriptions.destination, input.destination)));
    if (existing.length >= MAX_PER_CHANNEL)
      throw new UserError(
        `this channel already has ${MAX_PER_CHANNEL} subscriptions; remove one with /alerts unsubscribe`,
      );
    const resumed = await tx
      .update(subscriptions)
      .set({ pausedAt: null, pauseReason: null })
      .where(
        and(
          eq(subscriptions.workspaceId, input.workspaceId),
          eq(subscriptions.destination, input.destination),
          isNotNull(subscriptions.pausedAt),
        ),
      )
      .returning({ id: subscriptions.id });
    const [row] = await tx
      .insert(subscriptions)
      .values({
        workspaceId: input.workspaceId,
        platform: input.platform,
        destination: input.destination,
        labIds: input.labIds?.length ? input.labIds : null,
        countries: input.countries?.length ? input.countries : null,
        tasks: input.tasks?.length ? input.tasks : null,
        minParamsB: input.minParamsB ?? null,
        variants: input.variants,
        mode: input.mode,
        changes: input.changes ?? false,
        ...(input.report
          ? { reportDay: input.report.day, reportHour: input.report.hour, reportTz: input.report.tz }
          : {}),
        createdBy: input.createdBy,
        ...(input.now ? { createdAt: input.now } : {}),
      })
      .returning({ id: subscriptions.id });
    return { id: row!.id, resumed: resumed.length };
  });
}

/** Removes one subscription of the channel, or all of them when no id is given; returns the ids removed. */
export async function unsubscribe(
  db: Database,
  input: { workspaceId: string; destination: string; id?: number | undefined },
): Promise<number[]> {
  const conditions = [
    eq(subscriptions.workspaceId, input.workspaceId),
    eq(subscriptions.destination, input.destination),
  ];
  if (input.id !== undefined) conditions.push(eq(subscriptions.id, input.id));
  const removed = await db
    .delete(subscriptions)
    .where(and(...conditions))
    .returning({ id: subscriptions.id });
  if (removed.length === 0) {
    throw new UserError(
      input.id === undefined
        ? 'this channel has no subscriptions'
        : `this channel has no subscription #${input.id} (see /alerts list)`,
    );
  }
  return removed.map((r) => r.id);
}

export async function listSubscriptions(
  db: Queryable,
  input: { workspaceId: string; destination?: string | undefined },
): Promise<SubscriptionView[]> {
  const conditions = [eq(subscriptions.workspaceId, input.workspaceId)];
  if (input.destination) conditions.push(eq(subscriptions.destination, input.destination));
  const rows = await db
    .select()
    .from(subscriptions)
    .where(and(...conditions))
    .orderBy(asc(subscriptions.id));
  const labIds = [...new Set(rows.flatMap((r) => r.labIds ?? []))];
  const names = new Map(
    labIds.length
      ? (await db.select({ id: labs.id, name: labs.name }).from(labs).where(inArray(labs.id, labIds))).map((l) => [
          l.id,
          l.name,
        ])
      : [],
  );
  return rows.map((r) => ({
    id: r.id,
    destination: r.destination,
    labs: (r.labIds ?? []).map((id) => names.get(id) ?? `#${id}`),
    countries: r.countries ?? [],
    tasks: r.tasks ?? [],
    minParamsB: r.minParamsB,
    variants: r.variants,
    mode: r.mode,
    changes: r.changes,
    report: { day: r.reportDay, hour: r.reportHour, tz: r.reportTz },
    pausedAt: r.pausedAt,
    pauseReason: r.pauseReason,
  }));
}
