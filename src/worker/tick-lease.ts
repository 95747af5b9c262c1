import { eq, lt } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Database, HeldLock } from '../../db/database.js';
import { settings } from '../../db/schema.js';

// An arbitrary constant that names "the poll tick" among advisory locks (the migrations use another).
export const TICK_LOCK_KEY = 0x466c7470;

/** The settings rows the replicas coordinate through. */
export const TICK_KEYS = {
  /** The schedule slot (ISO time) of the last tick some replica claimed. */
  slot: 'tick:slot',
  /** When the last tick finished, whichever replica ran it: what `/healthz` reads. */
  done: 'tick:done',
  /** The latest reconcile slot that came due, and the latest one that was run. */
  reconcileDue: 'tick:reconcile-due',
  reconcileDone: 'tick:reconcile-done',
  /** The slot of the last popularity refresh. */
  metricsSlot: 'tick:metrics-slot',
} as const;

export type LeaseOutcome<T> = { ran: true; full: boolean; value: T } | { ran: false; reason: string };

export interface TickLease {
  /**
   * Runs `work` for the schedule slot `slot` if this replica is the one to poll it: none other is
   * polling now and none has polled this slot. Without a slot (the tick at start), it runs unless some
   * replica polled within the last interval. `full` asks for the reconcile; a reconcile that came due
   * on any replica and has not run yet is run by whichever replica polls next.
   */
  run<T>(full: boolean, slot: Date | undefined, work: (full: boolean) => Promise<T>): Promise<LeaseOutcome<T>>;
  /** Claims a popularity refresh slot: true for the one replica that runs it. */
  claimRefresh(slot: Date): Promise<boolean>;
}

export interface TickLeaseDeps {
  db: Database;
  /** The database's exclusive lock; absent where one process owns the database. */
  tryLock?: ((key: number) => Promise<HeldLock | undefined>) | undefined;
  /** The longest gap between two poll slots. */
  intervalMs: number;
  now: () => Date;
  logger: Logger;
}

const iso = (date: Date) => date.toISOString();
const toSecond = (date: Date) => new Date(Math.floor(date.getTime() / 1000) * 1000);

/** Stores `value` under `key` when the stored value is older than `before`: true for the one writer that did. */
async function advance(db: Database, key: string, value: string, before: string): Promise<boolean> {
  const rows = await db
    .insert(settings)
    .values({ key, value })
    .onConflictDoUpdate({
      target: settings.key,
      set: { value, updatedAt: new Date() },
      where: lt(settings.value, before),
    })
    .returning({ key: settings.key });
  return rows.length > 0;
}

async function read(db: Database, key: string): Promise<string | undefined> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key));
  return row?.value;
}

async function raise(db: Database, key: string, value: string): Promise<void> {
  await advance(db, key, value, value);
}

/**
 * Coordinates the poll tick between replicas sharing one PostgreSQL: a session advisory lock keeps two
 * ticks from running at once (and passes on when its holder dies), and the claimed schedule slot in
 * `settings` keeps a slot from being polled twice, so N replicas ask the Hub what one would. On the
 * embedded database there is one process, and the slots alone apply.
 */
export function createTickLease(deps: TickLeaseDeps): TickLease {
  const { db, logger } = deps;
  return {
    async run(full, slot, work) {
      if (full && slot) await raise(db, TICK_KEYS.reconcileDue, iso(slot));
      const lock = deps.tryLock ? await deps.tryLock(TICK_LOCK_KEY) : undefined;
      if (deps.tryLock && lock === undefined) return { ran: false, reason: 'another replica is polling' };
      try {
        const at = slot ?? toSecond(deps.now());
        const before = slot ? iso(slot) : iso(new Date(at.getTime() - deps.intervalMs));
        if (!(await advance(db, TICK_KEYS.slot, iso(at), before)))
          return { ran: false, reason: slot ? 'this slot was polled already' : 'a tick ran within the last interval' };
        const [due, done] = await Promise.all([read(db, TICK_KEYS.reconcileDue), read(db, TICK_KEYS.reconcileDone)]);
        const owed = due !== undefined && due > (done ?? '');
        const runFull = full || owed;
        const value = await work(runFull);
        if (runFull && due !== undefined) await raise(db, TICK_KEYS.reconcileDone, due);
        await db
          .insert(settings)
          .values({ key: TICK_KEYS.done, value: iso(deps.now()) })
          .onConflictDoUpdate({ target: settings.key, set: { value: iso(deps.now()), updatedAt: new Date() } });
        if (lock?.lost) logger.warn('the tick lock was lost during the tick; another replica may have polled too');
        return { ran: true, full: runFull, value };
      } finally {
        await lock?.release();
      }
    },
    async claimRefresh(slot) {
      const at = iso(slot);
      return advance(db, TICK_KEYS.metricsSlot, at, at);
    },
  };
}

/** When the last tick finished on any replica, or undefined before the first. */
export async function lastTickAt(db: Database): Promise<Date | undefined> {
  const value = await read(db, TICK_KEYS.done);
  return value === undefined ? undefined : new Date(value);
}
