import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Database } from '../../db/database.js';

const PREFIX = 'replica:';
/** How often a replica says it is alive, and how long after its last word it still counts. */
export const BEAT_MS = 10_000;
/** A replica that missed three beats is not counted; its row is deleted after ten. */
const COUNTED_FOR_SECONDS = (3 * BEAT_MS) / 1000;
const FORGOTTEN_AFTER_SECONDS = (10 * BEAT_MS) / 1000;

export interface ReplicaCensus {
  /** Replicas that said they are alive lately, this one included: at least 1. */
  count(): number;
  /** Says this replica is alive now and reads how many are. */
  beat(): Promise<number>;
  /** Beats now, then every few seconds until stopped. */
  start(): Promise<void>;
  /** Stops beating and leaves the census at once, so the others take its share without waiting. */
  stop(): Promise<void>;
}

/**
 * How many service processes share the database, so that a limit that belongs to a bot token (Discord's
 * 50 requests per second) is split between them instead of being spent once by each. Each replica keeps
 * a `replica:<id>` row in `settings` fresh; rows are dated by the database's clock, so replicas whose
 * clocks disagree still agree on who is alive. A failed beat keeps the last count.
 */
export function createReplicaCensus(options: { db: Database; id: string; logger: Logger }): ReplicaCensus {
  const { db, logger } = options;
  const key = `${PREFIX}${options.id}`;
  let known = 1;
  let timer: NodeJS.Timeout | undefined;

  async function beat(): Promise<number> {
    const result = await db.transaction(async (tx) => {
      await tx.execute(sql`
        insert into settings (key, value, updated_at) values (${key}, 'alive', now())
        on conflict (key) do update set updated_at = now()`);
      await tx.execute(sql`
        delete from settings
        where key like ${`${PREFIX}%`} and updated_at < now() - make_interval(secs => ${FORGOTTEN_AFTER_SECONDS})`);
      return tx.execute(sql`
        select count(*)::int as replicas from settings
        where key like ${`${PREFIX}%`} and updated_at >= now() - make_interval(secs => ${COUNTED_FOR_SECONDS})`);
    });
    const counted = Number((result as unknown as { rows: { replicas: number }[] }).rows[0]?.replicas ?? 1);
    if (counted !== known) logger.info({ replicas: counted }, 'replicas sharing the platform limits changed');
    known = Math.max(1, counted);
    return known;
  }

  const safeBeat = () =>
    beat().catch((error: unknown) => {
      logger.warn({ err: error }, 'could not update the replica census');
      return known;
    });

  return {
    count: () => known,
    beat,
    async start() {
      await safeBeat();
      timer = setInterval(() => void safeBeat(), BEAT_MS);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      await db
        .execute(sql`delete from settings where key = ${key}`)
        .catch((error: unknown) => logger.warn({ err: error }, 'could not leave the replica census'));
    },
  };
}
