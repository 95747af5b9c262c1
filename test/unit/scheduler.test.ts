import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/shared/logger.js';
import { createScheduler } from '../../src/worker/scheduler.js';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('scheduler', () => {
  it('never overlaps ticks and owes a skipped reconcile to the next tick', async () => {
    const calls: boolean[] = [];
    const firstTick = deferred();
    let dispatches = 0;
    const scheduler = createScheduler({
      pollCron: '* * * * * *',
      reconcileCron: '* * * * * *',
      logger: silentLogger(),
      poll: async (full) => {
        calls.push(full);
        if (calls.length === 1) await firstTick.promise;
      },
      dispatch: async () => {
        dispatches++;
      },
    });

    const started = scheduler.start();
    // Both crons fire every second while the first tick is held open.
    await new Promise((r) => setTimeout(r, 2_300));
    const whileHeld = calls.length;
    firstTick.resolve();
    await started;
    await new Promise((r) => setTimeout(r, 1_200));
    await scheduler.stop();

    expect(whileHeld).toBe(1);
    expect(calls[0]).toBe(false);
    expect(calls[1]).toBe(true);
    expect(dispatches).toBeGreaterThanOrEqual(2);
  });
});
