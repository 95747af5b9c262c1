import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import type { HubMetrics } from '../sources/hf-hub/client.js';

/** What one listing said about a repo's popularity. */
export type MetricValues = HubMetrics;

// Rows per statement, as for polls: small statements keep the embedded database's heap small.
const BATCH = 100;
/** A snapshot this many days older than asked still serves as the reference (a missed refresh or two). */
const SLACK_DAYS = 2;

/** The UTC day of a moment, as `YYYY-MM-DD`. */
export function dayOf(moment: Date, daysBack = 0): string {
  return new Date(moment.getTime() - daysBack * 86_400_000).toISOString().slice(0, 10);
}

function reference(alias: string, now: Date, days: number) {
  return sql`left join lateral (
      select s.likes, s.downloads from model_snapshots s
      where s.model_seq = m.seq and s.day between ${dayOf(now, days + SLACK_DAYS)}::date and ${dayOf(now, days)}::date
      order by s.day desc limit 1
    ) ${sql.raw(alias)} on true`;
}

/**
 * Writes what one listing said about popularity, for repos already stored: their current figures,
 * their growth against the snapshots of 7 and 30 days before (null without one), and today's snapshot,
 * which a later refresh the same day replaces. Returns how many models it updated.
 */
export async function storeMetrics(db: Queryable, values: readonly MetricValues[], now: Date): Promise<number> {
  let updated = 0;
  for (let i = 0; i < values.length; i += BATCH) {
    const rows = JSON.stringify(
      values.slice(i, i + BATCH).map((v) => ({
        id: v.id,
        downloads: v.downloads,
        likes: v.likes,
        trending: v.trendingScore,
        all_time: v.downloadsAllTime ?? null,
        finetunes: v.children?.finetune ?? null,
        adapters: v.children?.adapter ?? null,
        quantizations: v.children?.quantized ?? null,
        merges: v.children?.merge ?? null,
        providers: v.providers ?? null,
      })),
    );
    const listed = sql`jsonb_to_recordset(${rows}::jsonb) as v(id text, downloads integer, likes integer,
      trending real, all_time bigint, finetunes integer, adapters integer, quantizations integer, merges integer,
      providers jsonb)`;
    const result = await db.execute(sql`
      update models set downloads = x.downloads, likes = x.likes, trending_score = x.trending, metrics_at = ${now},
        downloads_all_time = coalesce(x.all_time, models.downloads_all_time),
        finetunes = coalesce(x.finetunes, models.finetunes), adapters = coalesce(x.adapters, models.adapters),
        quantizations = coalesce(x.quantizations, models.quantizations),
        merges = coalesce(x.merges, models.merges),
        -- A listing that does not say which providers serve a model keeps what is known.
        providers = coalesce(x.providers, models.providers),
        likes_gained_7d = x.likes - x.likes_7, downloads_change_7d = x.downloads - x.downloads_7,
        likes_gained_30d = x.likes - x.likes_30, downloads_change_30d = x.downloads - x.downloads_30
      from (
        select v.*, p7.likes as likes_7, p7.downloads as downloads_7,
          p30.likes as likes_30, p30.downloads as downloads_30
        from ${listed} join models m on m.id = v.id
        ${reference('p7', now, 7)}
        ${reference('p30', now, 30)}
      ) x
      where models.id = x.id`);
    updated += affected(result);
    await db.execute(sql`
      insert into model_snapshots (model_seq, day, downloads, likes, trending_score, downloads_all_time,
        finetunes, adapters, quantizations, merges)
      select m.seq, ${dayOf(now)}::date, v.downloads, v.likes, v.trending, v.all_time, v.finetunes, v.adapters,
        v.quantizations, v.merges
      from ${listed} join models m on m.id = v.id
      on conflict (model_seq, day) do update set downloads = excluded.downloads, likes = excluded.likes,
        trending_score = excluded.trending_score,
        downloads_all_time = coalesce(excluded.downloads_all_time, model_snapshots.downloads_all_time),
        finetunes = coalesce(excluded.finetunes, model_snapshots.finetunes),
        adapters = coalesce(excluded.adapters, model_snapshots.adapters),
        quantizations = coalesce(excluded.quantizations, model_snapshots.quantizations),
        merges = coalesce(excluded.merges, model_snapshots.merges)`);
  }
  return updated;
}

/** Rows an UPDATE touched, whichever driver ran it. */
export function affected(result: unknown): number {
  const r = result as { rowCount?: number | null; affectedRows?: number };
  return Number(r.rowCount ?? r.affectedRows ?? 0);
}

/** Deletes the snapshots older than the retention. */
export async function pruneSnapshots(db: Queryable, now: Date, retentionDays: number): Promise<number> {
  return affected(await db.execute(sql`delete from model_snapshots where day < ${dayOf(now, retentionDays)}::date`));
}
