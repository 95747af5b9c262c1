import type { Database } from '../../db/database.js';
import { renewLease } from './claim-deliveries.js';

export interface RoundLease {
  /**
   * Which of `ids` this dispatcher still holds with at least `minLeftMs` of lease left: enough for one
   * send to end before another dispatcher may claim them. When the round's leases run lower than
   * that, every delivery of the round still open is renewed in one statement first.
   */
  hold(ids: readonly number[]): Promise<number[]>;
  /** The deliveries are recorded or given back: no longer renewed. */
  done(ids: readonly number[]): void;
}

/**
 * The lease of one claimed batch, as this dispatcher wrote it: a send starts only while the lease
 * outlasts its deadline, so no delivery is sent by two dispatchers, and the database is asked again
 * only when the lease runs low, not before every send.
 */
export function createRoundLease(options: {
  db: Database;
  owner: string;
  ids: readonly number[];
  claimedAt: Date;
  leaseMs: number;
  minLeftMs: number;
  now: () => Date;
}): RoundLease {
  const open = new Set(options.ids);
  let until = options.claimedAt.getTime() + options.leaseMs;
  let renewing: Promise<void> | undefined;

  async function renew(): Promise<void> {
    const at = options.now().getTime();
    const held = new Set(await renewLease(options.db, [...open], options.owner, new Date(at + options.leaseMs)));
    for (const id of open) if (!held.has(id)) open.delete(id);
    until = at + options.leaseMs;
  }

  return {
    async hold(ids) {
      if (until - options.now().getTime() < options.minLeftMs) {
        renewing ??= renew().finally(() => (renewing = undefined));
        await renewing;
      }
      return ids.filter((id) => open.has(id));
    },
    done(ids) {
      for (const id of ids) open.delete(id);
    },
  };
}
