import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import { deliveries, subscriptions } from '../../db/schema.js';
import { reportOfWeek } from '../subscriptions/report-time.js';

/**
 * Makes the outbox row of each report subscription's weekly report once its local day and hour have
 * come this week: one row per subscription and week (the unique key), so replicas and repeated rounds
 * never make two, and a report whose time passed while the service was down is made late, once, as long
 * as it is still that week. A subscription made after this week's time starts next week; a paused one
 * gets its row when resumed, if still in time. Returns how many rows it made.
 */
export async function scheduleReports(db: Database, now: Date): Promise<number> {
  const subs = await db
    .select({
      id: subscriptions.id,
      day: subscriptions.reportDay,
      hour: subscriptions.reportHour,
      tz: subscriptions.reportTz,
      createdAt: subscriptions.createdAt,
    })
    .from(subscriptions)
    .where(and(eq(subscriptions.mode, 'report'), isNull(subscriptions.pausedAt)));
  const due = subs.flatMap((sub) => {
    const time = reportTimeOf(now, sub);
    if (time === undefined) return [];
    const { week, dueAt } = time;
    return now >= dueAt && sub.createdAt <= dueAt ? [{ subscriptionId: sub.id, reportWeek: week, dueAt }] : [];
  });
  if (due.length === 0) return 0;
  const made = await db
    .select({ subscriptionId: deliveries.subscriptionId, reportWeek: deliveries.reportWeek })
    .from(deliveries)
    .where(
      and(
        inArray(
          deliveries.subscriptionId,
          due.map((d) => d.subscriptionId),
        ),
        inArray(deliveries.reportWeek, [...new Set(due.map((d) => d.reportWeek))]),
      ),
    );
  const exists = new Set(made.map((m) => `${m.subscriptionId} ${m.reportWeek}`));
  const rows = due.filter((d) => !exists.has(`${d.subscriptionId} ${d.reportWeek}`));
  if (rows.length === 0) return 0;
  const written = await db.insert(deliveries).values(rows).onConflictDoNothing().returning({ id: deliveries.id });
  return written.length;
}

/** A zone this runtime no longer knows (zones are checked when subscribing) skips the report, not the round. */
function reportTimeOf(now: Date, sub: { day: number; hour: number; tz: string }) {
  try {
    return reportOfWeek(now, sub);
  } catch {
    return undefined;
  }
}
