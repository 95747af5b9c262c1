import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/database.js';
import { openPostgres } from '../../db/open-postgres.js';
import { silentLogger } from '../../src/shared/logger.js';
import { createTickLease, TICK_LOCK_KEY, type TickLease } from '../../src/worker/tick-lease.js';
import { resetDatabase, useTestDatabase } from '../helpers/test-database.js';

const onPostgres = process.env.FW_TEST_DB === 'postgres';
const MINUTE = 60_000;
const database = useTestDatabase();
let other: DatabaseHandle | undefined;
let now: Date;

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** A replica's lease: on PostgreSQL each has a pool of its own, as separate processes would. */
function lease(handle: DatabaseHandle): TickLease {
  return createTickLease({
    db: handle.db,
    tryLock: handle.tryLock ? (key) => handle.tryLock!(key) : undefined,
    intervalMs: 2 * MINUTE,
    now: () => now,
    logger: silentLogger(),
  });
}

const slot = (minute: number) => new Date(Date.UTC(2026, 10, 27, 8, minute));

beforeAll(async () => {
  if (onPostgres) other = await openPostgres(database.url!, { max: 2 });
});
afterAll(async () => {
  await other?.close();
});
beforeEach(async () => {
  await resetDatabase(database);
  now = slot(0);
});

describe('the tick lease', () => {
  it('polls each schedule slot on one replica only, however many ask for it', async () => {
    const replicas = [lease(database), lease(other ?? database), lease(database)];
    const ran: number[] = [];

    for (const minute of [2, 4, 6]) {
      now = slot(minute);
      const outcomes = await Promise.all(replicas.map((r, i) => r.run(false, slot(minute), async () => ran.push(i))));
      expect(outcomes.filter((o) => o.ran)).toHaveLength(1);
    }

    expect(ran).toHaveLength(3);
  });

  it('runs the tick at start unless a replica polled within the last interval', async () => {
    const replica = lease(database);
    await replica.run(false, slot(2), async () => undefined);

    now = new Date(slot(3).getTime() + 10_000);
    const soon = await replica.run(false, undefined, async () => undefined);
    now = new Date(slot(4).getTime() + 10_000);
    const later = await replica.run(false, undefined, async () => undefined);

    expect(soon).toEqual({ ran: false, reason: 'a tick ran within the last interval' });
    expect(later.ran).toBe(true);
  });

  it('owes a reconcile that came due while another replica had the slot to the next tick', async () => {
    const replica = lease(database);
    await replica.run(false, slot(2), async () => undefined);

    const missed = await lease(other ?? database).run(true, slot(2), async () => undefined);
    const next = await replica.run(false, slot(4), async () => undefined);
    const after = await replica.run(false, slot(6), async () => undefined);

    expect(missed.ran).toBe(false);
    expect(next).toMatchObject({ ran: true, full: true });
    expect(after).toMatchObject({ ran: true, full: false });
  });
});

describe.skipIf(!onPostgres)('the tick lease between processes', () => {
  it('leaves the tick to the replica polling now, and passes it on when that replica dies', async () => {
    const holder = lease(other!);
    const waiting = lease(database);
    const held = deferred();
    const entered = deferred();
    const running = holder.run(false, slot(2), async () => {
      entered.resolve();
      await held.promise;
    });
    await entered.promise;

    const whileHeld = await waiting.run(false, slot(4), async () => undefined);
    // The holder's connection ends as a killed process's would. Termination is only signalled, so wait
    // until its lock is gone; and touch only this database's lock, not another test file's.
    const heldHere = sql`from pg_locks where locktype = 'advisory' and objid = ${TICK_LOCK_KEY}
      and database = (select oid from pg_database where datname = current_database())`;
    await database.db.execute(sql`select pg_terminate_backend(pid) ${heldHere}`);
    await expect
      .poll(
        async () =>
          (
            (await database.db.execute(sql`select count(*)::int as n ${heldHere}`)) as unknown as {
              rows: { n: number }[];
            }
          ).rows[0]?.n,
        {
          timeout: 5000,
          interval: 20,
        },
      )
      .toBe(0);
    const afterDeath = await waiting.run(false, slot(4), async () => undefined);
    held.resolve();
    await running;

    expect(whileHeld).toEqual({ ran: false, reason: 'another replica is polling' });
    expect(afterDeath.ran).toBe(true);
  });
});
