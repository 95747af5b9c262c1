import type { Database } from '../../db/database.js';
import { recordSentMany } from './record-outcome.js';

interface Pending {
  ids: readonly number[];
  ref: string;
  resolve(recorded: boolean): void;
  reject(error: unknown): void;
}

export interface SentRecorder {
  /** Resolves once the sent deliveries are recorded: true, or false when the lease was lost meanwhile. */
  record(ids: readonly number[], ref: string): Promise<boolean>;
}

/**
 * Records sent deliveries as a group commit: one statement at a time, each taking everything that was
 * sent while the previous one ran. Nothing waits for a timer, so a send is recorded as soon as one
 * statement allows, and many sends at once cost a few statements rather than one each.
 */
export function createSentRecorder(db: Database, owner: string, now: () => Date): SentRecorder {
  let queue: Pending[] = [];
  let flushing = false;

  async function flush(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      try {
        const recorded = new Set(await recordSentMany(db, owner, now(), batch));
        for (const entry of batch) entry.resolve(entry.ids.every((id) => recorded.has(id)));
      } catch (error) {
        for (const entry of batch) entry.reject(error);
      }
    }
    flushing = false;
  }

  return {
    record(ids, ref) {
      const recorded = new Promise<boolean>((resolve, reject) => queue.push({ ids, ref, resolve, reject }));
      if (!flushing) {
        flushing = true;
        void flush();
      }
      return recorded;
    },
  };
}
